import path from 'node:path';
import type { MasterFormat } from '../contract/digitization-types.js';

/**
 * Where a job's files live, one folder per job as Goobi and the hot-folder workflows expect:
 * `jobs/<id>/master/000017.tif` (as the scanner delivered it), `view/000017.jpg`, `thumbs/000017.jpg`.
 * Files are named by capture number, never by page position, so reordering renames nothing and a
 * rescan gets a new name (no cache shows the old image).
 */
export const JOBS_DIR = 'jobs';
export const JOB_FOLDERS = ['master', 'view', 'thumbs'] as const;

const EXTENSIONS: Record<MasterFormat, string> = { tiff: 'tif', png: 'png', jpeg: 'jpg' };

function fileStem(fileNo: number): string {
  return String(fileNo).padStart(6, '0');
}

/** Paths relative to the data directory, with forward slashes (as stored in the database). */
export function jobFolder(jobId: number): string {
  return `${JOBS_DIR}/${jobId}`;
}

export function masterPath(jobId: number, fileNo: number, format: MasterFormat): string {
  return `${jobFolder(jobId)}/master/${fileStem(fileNo)}.${EXTENSIONS[format]}`;
}

export function viewPath(jobId: number, fileNo: number): string {
  return `${jobFolder(jobId)}/view/${fileStem(fileNo)}.jpg`;
}

export function thumbPath(jobId: number, fileNo: number): string {
  return `${jobFolder(jobId)}/thumbs/${fileStem(fileNo)}.jpg`;
}

/** The absolute path of a stored relative path. */
export function resolveData(dataDir: string, relative: string): string {
  return path.join(dataDir, ...relative.split('/'));
}

import fs from 'node:fs';
import path from 'node:path';
import { JOB_FOLDERS, JOBS_DIR, jobFolder, resolveData } from '../paths.js';

/** A write interrupted by a crash leaves `.<name>.<pid>….tmp` beside where the file was going. */
function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

async function listFolder(dir: string): Promise<string[]> {
  try {
    return await fs.promises.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Every job folder's file folders (master, view, thumbs), absolute. */
async function fileFolders(dataDir: string): Promise<string[]> {
  const jobs = await listFolder(path.join(dataDir, JOBS_DIR));
  return jobs.flatMap((job) => JOB_FOLDERS.map((folder) => path.join(dataDir, JOBS_DIR, job, folder)));
}

/**
 * Start-up: removes half-written files. Nothing references them (a row commits only after its
 * file is renamed into place), so they are only taking space. Returns how many went.
 */
export async function removeTempFiles(dataDir: string): Promise<number> {
  let removed = 0;
  for (const folder of await fileFolders(dataDir)) {
    for (const name of await listFolder(folder)) {
      if (!isTempName(name)) continue;
      await fs.promises.rm(path.join(folder, name), { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Removes the files of a job that `keep` (paths relative to the data directory) does not list:
 * deleted pages, replaced masters, and masters whose row never committed. Only for delivered
 * jobs, whose undo window has closed. Returns how many went.
 */
export async function removeUnreferenced(dataDir: string, jobId: number, keep: Set<string>): Promise<number> {
  let removed = 0;
  for (const folder of JOB_FOLDERS) {
    const relative = `${jobFolder(jobId)}/${folder}`;
    for (const name of await listFolder(resolveData(dataDir, relative))) {
      if (keep.has(`${relative}/${name}`)) continue;
      await fs.promises.rm(resolveData(dataDir, `${relative}/${name}`), { force: true });
      removed++;
    }
  }
  return removed;
}

/** Removes a deleted job's folder and everything in it. */
export async function removeJobFolder(dataDir: string, jobId: number): Promise<void> {
  await fs.promises.rm(resolveData(dataDir, jobFolder(jobId)), { recursive: true, force: true });
}

/**
 * Start-up: removes the folders of jobs that no longer exist (a deletion cut short after its rows
 * went). Only folders named by a job id are touched. Returns how many went.
 */
export async function removeOrphanJobFolders(dataDir: string, jobIds: Set<number>): Promise<number> {
  let removed = 0;
  for (const name of await listFolder(path.join(dataDir, JOBS_DIR))) {
    if (!/^[1-9][0-9]*$/.test(name) || jobIds.has(Number(name))) continue;
    await fs.promises.rm(path.join(dataDir, JOBS_DIR, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

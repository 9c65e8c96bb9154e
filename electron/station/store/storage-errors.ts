import path from 'node:path';
import type { StorageErrorCode } from '../contract/errors.js';
import type { ContractError } from '../contract/index.js';
import { StationError } from '../errors.js';

/**
 * A problem with the station's disk, with the file or folder it is about. The message is one
 * English line for logs and the command line; screens translate the code and show the path.
 */
export class StorageError extends StationError {
  constructor(
    readonly reason: StorageErrorCode | 'STORE_CORRUPT' | 'STORE_UNAVAILABLE',
    message: string,
    readonly path: string,
  ) {
    super(reason, message);
    this.name = 'StorageError';
  }

  override toContract(): ContractError {
    return { ...super.toContract(), path: this.path };
  }
}

/** errno codes that mean "no room": the disk, or the user's quota. */
const FULL = new Set(['ENOSPC', 'EDQUOT']);
/** errno codes that mean "may not write here": a read-only disk or no permission. */
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);
/** errno codes that mean "not there". */
const MISSING = new Set(['ENOENT', 'ENOTDIR']);

function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether an error is the disk's rather than the data's: no space, a read-only or vanished folder,
 * an input/output error. Such an error says nothing about a page's image and must not flag it.
 */
export function isDiskError(err: unknown): boolean {
  const code = errnoOf(err);
  return code !== undefined && (FULL.has(code) || READ_ONLY.has(code) || MISSING.has(code) || code === 'EIO');
}

export function diskFull(where: string, detail = ''): StorageError {
  return new StorageError(
    'DISK_FULL',
    `Disk full at ${where}${detail ? ` (${detail})` : ''}. Free some space on that disk (or move finished jobs off the station), then scan again; the pages already captured are kept.`,
    where,
  );
}

/**
 * A file-system error in a folder of the station's data, as a sentence that names the folder and
 * says what to do; null when it is not the disk's (a bug, a bad image).
 */
export function folderError(err: unknown, dir: string): StorageError | null {
  const code = errnoOf(err);
  if (code === undefined) return null;
  if (FULL.has(code)) return diskFull(dir);
  if (READ_ONLY.has(code)) {
    return new StorageError(
      'FOLDER_READ_ONLY',
      `The folder ${dir} cannot be written (a read-only disk, or no permission for the user running Bitig). Make it writable, then try again.`,
      dir,
    );
  }
  if (MISSING.has(code)) {
    return new StorageError(
      'FOLDER_MISSING',
      `The folder ${dir} is missing (an unplugged disk, or a folder removed by hand). Reconnect the disk or restore the folder, then try again.`,
      dir,
    );
  }
  if (code === 'EIO') {
    return new StorageError(
      'DISK_FAILED',
      `The disk at ${dir} failed to write (an input/output error). Check the disk, then scan again; the pages already captured are kept.`,
      dir,
    );
  }
  return null;
}

export function storeCorrupt(file: string, detail = ''): StorageError {
  return new StorageError(
    'STORE_CORRUPT',
    `The database ${file} is damaged or is not a Bitig database${detail ? ` (${detail})` : ''}. It has been left untouched; move it aside (keep it for recovery) or restore a backup, then start Bitig again.`,
    file,
  );
}

export function storeFull(file: string): StorageError {
  return new StorageError(
    'STORE_FULL',
    `The disk holding the database ${file} is full. Free some space on it (or move the data folder to a larger disk and set BITIG_DATA_DIR), then try again.`,
    file,
  );
}

export function storeReadOnly(dir: string): StorageError {
  return new StorageError(
    'STORE_READ_ONLY',
    `The data folder ${dir} cannot be written (a read-only disk, or no permission for the user running Bitig). Make it writable (or set BITIG_DATA_DIR to a folder that is), then start Bitig again.`,
    dir,
  );
}

/**
 * Any error met while opening or writing the database, as a StorageError naming the file;
 * SQLite's own codes first (better-sqlite3 gives them as `code`), then errno codes.
 */
export function storeError(err: unknown, file: string): StationError {
  if (err instanceof StationError) return err;
  const code = errnoOf(err) ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return storeCorrupt(file);
  if (code === 'SQLITE_FULL' || FULL.has(code)) return storeFull(file);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || READ_ONLY.has(code))
    return storeReadOnly(path.dirname(file));
  if (MISSING.has(code)) {
    const dir = path.dirname(file);
    return new StorageError(
      'FOLDER_MISSING',
      `The data folder ${dir} is missing or is not a folder. Reconnect its disk or create it, then start Bitig again.`,
      dir,
    );
  }
  return new StorageError(
    'STORE_UNAVAILABLE',
    `The database ${file} could not be opened: ${(err as Error)?.message ?? String(err)}`,
    file,
  );
}

/**
 * While the station runs: an error from writing the database that is the disk's (full, read-only,
 * damaged), as its sentence naming the file; null for anything else (a bug stays INTERNAL).
 */
export function runningStoreError(err: unknown, file: string): StorageError | null {
  const code = errnoOf(err) ?? '';
  const disk =
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_NOTADB' ||
    code.startsWith('SQLITE_CORRUPT') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR');
  if (!disk) return null;
  if (code.startsWith('SQLITE_IOERR')) {
    return new StorageError(
      'STORE_UNAVAILABLE',
      `The disk holding the database ${file} failed to read or write (${code}). Check the disk, then try again.`,
      file,
    );
  }
  return storeError(err, file) as StorageError;
}

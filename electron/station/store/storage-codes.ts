/**
 * Error codes of the station's disk: its database and the folders beside it. Stable like every
 * contract code (screens translate them); the contract's ERROR_CODES includes them. No imports:
 * contract.ts, which the renderer loads too, takes this list.
 */
export const STORAGE_ERROR_CODES = [
  /** The disk holding the database is full (SQLITE_FULL, ENOSPC while opening or writing it). */
  'STORE_FULL',
  /** The database or its folder cannot be written: a read-only disk or no permission. */
  'STORE_READ_ONLY',
  /** A zero-length database beside the station's other files: the data was lost, not new. */
  'STORE_EMPTY',
  /** Too little free space to capture another page; the pages already captured are kept. */
  'DISK_FULL',
  /** The disk reported an input/output error while the station wrote to it. */
  'DISK_FAILED',
  /** A folder of the station's data cannot be written (read-only disk, no permission). */
  'FOLDER_READ_ONLY',
  /** A folder of the station's data is not there (an unplugged disk, a folder removed by hand). */
  'FOLDER_MISSING',
] as const;

export type StorageErrorCode = (typeof STORAGE_ERROR_CODES)[number];

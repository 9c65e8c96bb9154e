import fs from 'node:fs';
import path from 'node:path';
import { diskFull, folderError, type StorageError } from '../store/storage-errors.js';

/**
 * Free space a capture leaves on the disk at least: a 600 dpi colour A3 master is some 200 MB as
 * TIFF, its derivatives and the database's WAL need room too, and a system disk filled to the last
 * byte stops more than Bitig. Below it, capture stops before writing the page, not half-way.
 */
export const DEFAULT_MIN_FREE_BYTES = 512 * 1024 * 1024;

export type StatFs = (dir: string) => Promise<{ bavail: number | bigint; bsize: number | bigint }>;

export interface FreeSpaceOptions {
  /** Bytes to keep free; DEFAULT_MIN_FREE_BYTES when not given. */
  minFreeBytes?: number;
  /** Tests: a disk of any size, without filling one. */
  statfs?: StatFs;
}

/** Asks the file system how much room is left where the station writes its pages. */
export class FreeSpace {
  readonly minFreeBytes: number;
  readonly #statfs: StatFs;

  constructor(options: FreeSpaceOptions = {}) {
    this.minFreeBytes = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
    this.#statfs = options.statfs ?? ((dir) => fs.promises.statfs(dir));
  }

  /** Bytes an unprivileged writer may still use on the disk holding `dir` (or its nearest parent). */
  async available(dir: string): Promise<number> {
    const at = nearestExisting(dir);
    try {
      const s = await this.#statfs(at);
      return Number(s.bavail) * Number(s.bsize);
    } catch (err) {
      throw folderError(err, at) ?? err;
    }
  }

  /**
   * Throws DISK_FULL ("Disk full at <dir>") unless `bytes` more can be written to `dir` and still
   * leave the minimum free.
   */
  async ensure(dir: string, bytes = 0): Promise<void> {
    const free = await this.available(dir);
    if (free - bytes >= this.minFreeBytes) return;
    throw this.full(dir, free);
  }

  full(dir: string, free: number): StorageError {
    return diskFull(dir, `${mib(free)} free, capture keeps ${mib(this.minFreeBytes)} free`);
  }
}

function mib(bytes: number): string {
  return `${Math.max(0, Math.floor(bytes / (1024 * 1024)))} MiB`;
}

function nearestExisting(dir: string): string {
  let at = dir;
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
}

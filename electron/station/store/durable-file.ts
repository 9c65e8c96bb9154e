import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface DurableFile {
  /** Absolute path of the final file. */
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * Writes a file so that it survives a crash or power cut once this returns: the bytes go to a
 * temporary name in the same folder, are fsynced, renamed over the final name, and the folder is
 * fsynced so the rename itself is on disk. A reader never sees a half-written file under the
 * final name.
 */
export function writeFileDurably(
  target: string,
  data: Uint8Array,
  fsync: (fd: number) => void = fs.fsyncSync,
): DurableFile {
  const dir = path.dirname(target);
  // Owner-only like the file itself (0600 below): exports and keys are written here.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, data);
    fsync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, target);
  syncDirectory(dir, fsync);
  return { path: target, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.byteLength };
}

function syncDirectory(dir: string, fsync: (fd: number) => void): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fsync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

import fs from 'node:fs';

/*
 * The station's files hold patron data (the database, exports, receipt previews) or keys: only the
 * user the station runs as may read them. Modes are given when a file or folder is made, whatever
 * the process's umask, and tightened when an older Bitig left them looser. Windows has no such
 * modes; its per-user app-data folder is already private.
 */
const POSIX = process.platform !== 'win32';

/** Makes `dir` (and missing parents) readable by its owner only (0700). */
export function ownerOnlyDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
}

/** Creates `file` empty if it is missing, readable by its owner only (0600). */
export function ownerOnlyFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  tighten(file, 0o600);
}

/** Sets `mode` on an existing file or folder the station owns that others may read; missing is fine. */
export function tighten(file: string, mode: 0o600 | 0o700): void {
  if (!POSIX) return;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  // A folder someone else owns (a shared parent given as the data directory) is not ours to change.
  if ((stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) fs.chmodSync(file, mode);
}

/**
 * Writes a BagIt 1.0 bag (RFC 8493) so that nobody ever sees half of one: everything goes under a
 * hidden partial name beside the target (`.<bag>.partial-<random>`), every file and folder is
 * fsynced, and only then is the folder renamed to the target. A workflow watching the folder, or
 * the station after a crash, finds either the whole bag or no bag (and a partial that
 * `removePartialBags` clears at start-up). Each source is read once: copied and hashed (SHA-256)
 * in the same pass.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { APP_VERSION } from '../../version.js';

export interface BagFile {
  /** Where the file goes, relative to `data/`, with forward slashes. */
  path: string;
  /** Absolute path of a file to copy. */
  source?: string;
  /** Or the file's bytes (a string is written as UTF-8). */
  content?: Buffer | string;
}

export interface BagInfo {
  sourceOrganization: string;
  externalIdentifier: string;
  externalDescription?: string;
  /** YYYY-MM-DD in the station's time zone. */
  baggingDate: string;
  /** Bag-Software-Agent; `Bitig <version>` when left out. */
  softwareAgent?: string;
  /** More bag-info.txt elements (Contact-Name, Internal-Sender-Identifier…), in this order. */
  extra?: Record<string, string>;
}

export interface WriteBagOptions {
  signal?: AbortSignal;
  /** After each payload file: files done, files in all, payload bytes written so far. */
  onFile?: (done: number, total: number, bytes: number) => void;
  /** Payload files copied at once (default 4). */
  concurrency?: number;
}

export interface WrittenBag {
  /** `<bytes>.<files>`, as in bag-info.txt. */
  payloadOxum: string;
  files: number;
  bytes: number;
}

export type BagErrorReason = 'exists' | 'path' | 'info' | 'source';

/** A bag that cannot be written as asked: the target exists, a path or a bag-info value is not allowed, a source is unreadable. */
export class BagError extends Error {
  constructor(
    readonly reason: BagErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BagError';
  }
}

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
const PARTIAL = /^\..+\.partial-[0-9a-f]{12}$/;
const CHUNK = 1 << 20;
/** Elements the writer sets itself; `extra` may not give them again. */
const RESERVED = new Set(['payload-oxum', 'bagging-date', 'bag-software-agent', 'bag-size']);

export async function writeBag(
  dir: string,
  files: readonly BagFile[],
  info: BagInfo,
  options: WriteBagOptions = {},
): Promise<WrittenBag> {
  const { signal } = options;
  signal?.throwIfAborted();
  const target = path.resolve(dir);
  const payload = checkPaths(files);
  const infoText = bagInfoLines(info);
  if (exists(target))
    throw new BagError('exists', `${target} exists already: a bag is never written over anything`);
  const parent = path.dirname(target);
  const partial = path.join(parent, `.${path.basename(target)}.partial-${randomBytes(6).toString('hex')}`);
  await fsp.mkdir(partial);
  try {
    const data = path.join(partial, 'data');
    const folders = new Set<string>([partial, data]);
    for (const file of payload) {
      for (let d = path.posix.dirname(file.path); d !== '.'; d = path.posix.dirname(d))
        folders.add(path.join(data, d));
    }
    // Shallow first, so each mkdir's parent is there.
    const ordered = [...folders].sort((a, b) => a.length - b.length);
    for (const folder of ordered) await fsp.mkdir(folder, { recursive: true });

    const sums = new Array<string>(payload.length);
    let next = 0;
    let done = 0;
    let bytes = 0;
    let failed = false;
    const unsynced: string[] = [];
    const lane = async () => {
      while (next < payload.length && !failed) {
        const i = next++;
        const file = payload[i]!;
        const written = await writePayloadFile(path.join(data, file.path), file, signal);
        unsynced.push(path.join(data, file.path));
        sums[i] = written.sha256;
        bytes += written.bytes;
        done++;
        options.onFile?.(done, payload.length, bytes);
      }
    };
    const lanes = Math.max(1, Math.min(options.concurrency ?? 4, payload.length));
    // Every lane ends before the partial may be removed: none still writes into it then.
    const ends = await Promise.allSettled(
      Array.from({ length: lanes }, () =>
        lane().catch((err: unknown) => {
          failed = true;
          throw err;
        }),
      ),
    );
    const failure = ends.find((end) => end.status === 'rejected');
    if (failure) throw failure.reason;
    signal?.throwIfAborted();
    // Flushed together once all are written: the disk takes the whole payload in one go instead of
    // waiting file by file (most of a bag's time on a page-sized payload). Still before the rename.
    await syncAll(unsynced, SYNC_LANES);
    signal?.throwIfAborted();

    const payloadOxum = `${bytes}.${payload.length}`;
    const manifest = manifestText(
      payload.map((file, i) => ({ path: `data/${file.path}`, sha256: sums[i]! })),
    );
    const tags: { path: string; sha256: string }[] = [];
    for (const [name, text] of [
      ['bagit.txt', BAGIT_TXT],
      ['bag-info.txt', `Payload-Oxum: ${payloadOxum}\n${infoText}`],
      ['manifest-sha256.txt', manifest],
    ] as const) {
      tags.push({
        path: name,
        sha256: await writeSynced(path.join(partial, name), Buffer.from(text, 'utf8')),
      });
    }
    await writeSynced(path.join(partial, 'tagmanifest-sha256.txt'), Buffer.from(manifestText(tags), 'utf8'));
    // Deepest first: a folder's entries are on disk before the entry naming it.
    for (const folder of ordered.reverse()) await syncFolder(folder);
    signal?.throwIfAborted();

    if (exists(target))
      throw new BagError('exists', `${target} appeared while the bag was written: left as it is`);
    try {
      await fsp.rename(partial, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR')
        throw new BagError('exists', `${target} appeared while the bag was written: left as it is`, {
          cause: err,
        });
      throw err;
    }
    await syncFolder(parent);
    return { payloadOxum, files: payload.length, bytes };
  } catch (err) {
    // A cancelled or failed bag leaves nothing behind; only a crash leaves a partial.
    await fsp.rm(partial, { recursive: true, force: true }).catch(() => {});
    throw err;
  }
}

/**
 * Removes the partial bags a crash left in `parent` (`.<bag>.partial-<random>` folders). For
 * start-up, before any bag is written there: it would remove one being written too.
 */
export async function removePartialBags(parent: string): Promise<string[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(parent, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !PARTIAL.test(entry.name)) continue;
    const partial = path.join(parent, entry.name);
    await fsp.rm(partial, { recursive: true, force: true });
    removed.push(partial);
  }
  if (removed.length) await syncFolder(parent);
  return removed;
}

/** RFC 8493 §2.1.3: a manifest line's path with `%`, CR and LF percent-encoded. */
export function encodeManifestPath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function manifestText(entries: readonly { path: string; sha256: string }[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.sha256}  ${encodeManifestPath(e.path)}\n`)
    .join('');
}

interface CheckedFile extends BagFile {
  path: string;
}

/**
 * Every payload path relative to data/, forward slashes, no `.`/`..`/empty segment, not absolute,
 * no backslash or NUL; no two alike after Unicode normalisation and case folding (they would be
 * one file on macOS or Windows, and validators warn); no file where another needs a folder.
 */
function checkPaths(files: readonly BagFile[]): CheckedFile[] {
  const seen = new Map<string, string>();
  const folders = new Set<string>();
  for (const file of files) {
    const p = file.path;
    const bad = (why: string) => new BagError('path', `payload path ${JSON.stringify(p)} ${why}`);
    if (typeof p !== 'string' || p === '') throw bad('is empty');
    if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw bad('is absolute: paths are relative to data/');
    if (p.includes('\\')) throw bad('has a backslash: use forward slashes');
    if (p.includes('\0')) throw bad('has a NUL character');
    const segments = p.split('/');
    if (segments.some((s) => s === '..')) throw bad('escapes data/ (..)');
    if (segments.some((s) => s === '' || s === '.')) throw bad('has an empty or "." segment');
    if ((file.source === undefined) === (file.content === undefined))
      throw bad('needs either a source or content');
    if (file.source !== undefined && !path.isAbsolute(file.source))
      throw bad(`has a source that is not absolute: ${file.source}`);
    const key = p.normalize('NFC').toLowerCase();
    const other = seen.get(key);
    if (other !== undefined)
      throw bad(
        other === p
          ? 'is given twice'
          : `is the same name as ${JSON.stringify(other)} after Unicode normalisation`,
      );
    seen.set(key, p);
    for (let i = 1; i < segments.length; i++)
      folders.add(segments.slice(0, i).join('/').normalize('NFC').toLowerCase());
  }
  for (const [key, p] of seen)
    if (folders.has(key))
      throw new BagError('path', `payload path ${JSON.stringify(p)} is a file and a folder`);
  return files as CheckedFile[];
}

/** bag-info.txt after Payload-Oxum (which the writer puts first). */
function bagInfoLines(info: BagInfo): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(info.baggingDate))
    throw new BagError('info', `Bagging-Date ${JSON.stringify(info.baggingDate)} is not YYYY-MM-DD`);
  const elements: [string, string | undefined][] = [
    ['Bagging-Date', info.baggingDate],
    ['Source-Organization', info.sourceOrganization],
    ['External-Identifier', info.externalIdentifier],
    ['External-Description', info.externalDescription],
    ['Bag-Software-Agent', info.softwareAgent ?? `Bitig ${APP_VERSION}`],
  ];
  for (const [label, value] of Object.entries(info.extra ?? {})) {
    if (!/^[^\s:][^:\r\n]*$/.test(label) || /\s$/.test(label))
      throw new BagError('info', `bag-info label ${JSON.stringify(label)} is not allowed`);
    if (RESERVED.has(label.toLowerCase()) || elements.some(([l]) => l.toLowerCase() === label.toLowerCase()))
      throw new BagError('info', `bag-info label ${label} is set by the writer`);
    elements.push([label, value]);
  }
  let out = '';
  for (const [label, value] of elements) {
    if (value === undefined) continue;
    // A value over several lines continues on lines that start with whitespace (RFC 8493 §2.2.2).
    const folded = value
      .trim()
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('\n  ');
    if (folded === '') throw new BagError('info', `bag-info ${label} is empty`);
    out += `${label}: ${folded}\n`;
  }
  return out;
}

async function writePayloadFile(
  dest: string,
  file: BagFile,
  signal: AbortSignal | undefined,
): Promise<{ sha256: string; bytes: number }> {
  if (file.content !== undefined) {
    signal?.throwIfAborted();
    const data = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    return { sha256: await writeSynced(dest, data), bytes: data.byteLength };
  }
  let input: fsp.FileHandle;
  try {
    input = await fsp.open(file.source!, 'r');
  } catch (err) {
    throw new BagError(
      'source',
      `cannot read ${file.source} for data/${file.path}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  try {
    const output = await fsp.open(dest, 'wx', 0o644);
    try {
      const hash = createHash('sha256');
      // Two buffers: the next chunk is read while the last one is hashed and written.
      const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
      let bytes = 0;
      let which = 0;
      let reading: Promise<{ bytesRead: number }> | null = input.read(buffers[0]!, 0, CHUNK, null);
      try {
        for (;;) {
          const { bytesRead } = await reading;
          reading = null;
          if (bytesRead === 0) break;
          signal?.throwIfAborted();
          const chunk = buffers[which]!.subarray(0, bytesRead);
          which ^= 1;
          reading = input.read(buffers[which]!, 0, CHUNK, null);
          hash.update(chunk);
          let offset = 0;
          while (offset < chunk.length) offset += (await output.write(chunk, offset)).bytesWritten;
          bytes += bytesRead;
        }
      } finally {
        // Never close the source under a read still running.
        await reading?.catch(() => {});
      }
      return { sha256: hash.digest('hex'), bytes };
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}

/** fsyncs files already written and closed, `lanes` at a time. */
async function syncAll(files: readonly string[], lanes: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const handle = await fsp.open(files[next++]!, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, files.length) }, lane));
}

const SYNC_LANES = 16;

/** Anything at the path, a dangling link included (which a rename would replace). */
function exists(p: string): boolean {
  return fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined;
}

/** Writes, fsyncs and closes a new file; gives its SHA-256. */
async function writeSynced(file: string, data: Buffer): Promise<string> {
  const handle = await fsp.open(file, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return createHash('sha256').update(data).digest('hex');
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder to fsync it; NTFS journals the entries itself.
  if (process.platform === 'win32') return;
  const handle = await fsp.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

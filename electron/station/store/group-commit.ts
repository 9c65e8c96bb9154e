import fs from 'node:fs';
import type Database from 'better-sqlite3';

export interface GroupCommitOptions {
  /** For tests: the asynchronous fsync (default `fs.fsync`, which runs in libuv's thread pool). */
  fsync?: (fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => void;
  /** For tests: the OS (default `process.platform`). */
  platform?: NodeJS.Platform;
}

export interface Committed<T> {
  value: T;
  /** Resolves once the commit is on disk (an fsync that began after it has returned). */
  durable: Promise<void>;
}

/**
 * Commits that are as durable as `synchronous = FULL` without holding the event loop while the
 * disk works. The transaction is committed with `synchronous = NORMAL` (WAL frames written, not
 * fsynced: a killed process loses nothing, a power cut could), then one fsync of the WAL file in
 * libuv's thread pool makes it durable; callers act on a commit only once `durable` resolves.
 * Commits made while an fsync is under way share the next one, so a busy engine pays one fsync
 * per group of commits, in the background.
 *
 * Why this is as safe as FULL: in WAL mode a commit is durable exactly when its frames, commit
 * frame included, are on disk; FULL's only difference from NORMAL is the fsync of the WAL at the
 * end of each commit. fsync flushes the file, whichever descriptor wrote it. SQLite keeps the WAL
 * file (same inode) while a connection is open, and checkpoints still sync in NORMAL.
 *
 * Other writers on the connection are untouched: `synchronous` is set back to FULL before
 * `commit` returns, and everything runs on one thread. A database that is not a WAL file on disk
 * (`:memory:`) is committed with FULL and reported durable at once. So is every commit on macOS,
 * where fsync() leaves the data in the drive's cache and only F_FULLFSYNC (SQLite's `fullfsync`,
 * set by `db.ts`; Node has no call for it) makes it durable.
 */
export class GroupCommit {
  readonly #db: Database.Database;
  readonly #fsync: NonNullable<GroupCommitOptions['fsync']>;
  readonly #deferred: boolean;
  readonly #normal: Database.Statement;
  readonly #full: Database.Statement;
  #fd: number | null = null;
  #inFlight: Promise<void> | null = null;
  #queued: Promise<void> | null = null;

  constructor(db: Database.Database, options: GroupCommitOptions = {}) {
    this.#db = db;
    this.#fsync = options.fsync ?? fs.fsync;
    this.#deferred =
      !db.memory &&
      (options.platform ?? process.platform) !== 'darwin' &&
      String(db.pragma('journal_mode', { simple: true })) === 'wal';
    this.#normal = db.prepare('PRAGMA synchronous = NORMAL');
    this.#full = db.prepare('PRAGMA synchronous = FULL');
  }

  /** Runs `work` in one transaction and commits it; see the class comment. */
  commit<T>(work: () => T): Committed<T> {
    if (!this.#deferred) return { value: this.#db.transaction(work)(), durable: Promise.resolve() };
    this.#normal.run();
    let value: T;
    try {
      value = this.#db.transaction(work)();
    } finally {
      this.#full.run();
    }
    return { value, durable: this.#sync() };
  }

  /** Closes the WAL descriptor (before the database closes); a later commit opens it again. */
  close(): void {
    if (this.#fd === null) return;
    const fd = this.#fd;
    this.#fd = null;
    // An fsync under way holds its own reference in the thread pool; closing after it is safe.
    const done = this.#inFlight ?? Promise.resolve();
    void done.then(
      () => fs.close(fd, () => {}),
      () => fs.close(fd, () => {}),
    );
  }

  /** An fsync that begins after the latest commit: the one queued behind a running one, or a new one. */
  #sync(): Promise<void> {
    if (this.#queued) return this.#queued;
    if (this.#inFlight) {
      const after = this.#inFlight.then(
        () => undefined,
        () => undefined,
      );
      this.#queued = after.then(() => {
        this.#queued = null;
        return this.#begin();
      });
      return this.#queued;
    }
    return this.#begin();
  }

  #begin(): Promise<void> {
    const run = new Promise<void>((resolve, reject) => {
      let fd: number;
      try {
        fd = this.#walFd();
      } catch (err) {
        reject(err);
        return;
      }
      this.#fsync(fd, (err) => (err ? reject(err) : resolve()));
    });
    this.#inFlight = run;
    const clear = () => {
      if (this.#inFlight === run) this.#inFlight = null;
    };
    run.then(clear, clear);
    return run;
  }

  #walFd(): number {
    // Read and write: Windows' FlushFileBuffers needs a handle that may write.
    this.#fd ??= fs.openSync(`${this.#db.name}-wal`, 'r+');
    return this.#fd;
  }
}

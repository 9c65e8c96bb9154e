import type Database from 'better-sqlite3';
import { GroupCommit } from '../store/group-commit.js';

export type WriteResult = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Runs a batch of writes in one transaction, in order, each undone alone if it throws. Resolves
 * once the commit is durable, with one result per write; rejects if the commit itself failed.
 */
export interface BatchCommitter<W> {
  commit(writes: readonly W[]): Promise<WriteResult[]>;
  /** Releases what the committer holds (the WAL's descriptor); a later commit takes it again. */
  close(): Promise<void>;
}

export interface WriteBatchOptions {
  /** Longest a lazy write waits for company before it is committed anyway. */
  lazyMs?: number;
  /** Lazy writes that make a commit worth it on their own. */
  maxLazy?: number;
}

interface Pending<W> {
  write: W;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Gathers the engine's writes into shared transactions, so that recording answers and claiming
 * the next rows costs one commit (one fsync with synchronous=FULL) for many rows, not one each.
 *
 * - An urgent write (a claim: the row may be sent only once it is committed) is committed at the
 *   end of the current event-loop turn, with everything queued before it.
 * - A lazy write (an answer recorded) waits for the next urgent one, for `maxLazy` others, or for
 *   `lazyMs`, whichever comes first. If the process dies meanwhile the row is still in flight in the
 *   database and is resolved by its target on restart: slower, never wrong.
 *
 * A caller's promise resolves only once its write is committed and on disk. How is the committer's
 * business (`inThreadCommitter`: this connection, the fsync in the thread pool); the event loop
 * goes on meanwhile, answers keep arriving and the next batch gathers. A write is one statement:
 * one that fails is undone by SQLite alone and rejected alone; a commit that fails (disk full)
 * rejects them all. A write of several statements must wrap them in a savepoint itself.
 */
export class WriteBatch<W> {
  readonly #committer: BatchCommitter<W>;
  readonly #lazyMs: number;
  readonly #maxLazy: number;
  #pending: Pending<W>[] = [];
  #lazy = 0;
  #immediate: NodeJS.Immediate | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(committer: BatchCommitter<W>, options: WriteBatchOptions = {}) {
    this.#committer = committer;
    this.#lazyMs = options.lazyMs ?? 10;
    this.#maxLazy = options.maxLazy ?? 256;
  }

  run(write: W, options: { lazy?: boolean } = {}): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ write, resolve, reject });
      if (options.lazy) this.#lazy++;
      if (!options.lazy || this.#lazy >= this.#maxLazy) {
        this.#immediate ??= setImmediate(() => this.#flush());
      } else if (!this.#timer && !this.#immediate) {
        this.#timer = setTimeout(() => this.#flush(), this.#lazyMs);
      }
    });
  }

  /** Lazy writes waiting are committed at the end of this turn, as if an urgent one had come. */
  hurry(): void {
    if (this.#pending.length > 0) this.#immediate ??= setImmediate(() => this.#flush());
  }

  /** Commits what waits now (lazy writes included) and releases the committer. */
  close(): Promise<void> {
    this.#flush();
    return this.#committer.close();
  }

  #flush(): void {
    if (this.#immediate) clearImmediate(this.#immediate);
    if (this.#timer) clearTimeout(this.#timer);
    this.#immediate = null;
    this.#timer = null;
    this.#lazy = 0;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    let committed: Promise<WriteResult[]>;
    try {
      committed = this.#committer.commit(batch.map((p) => p.write));
    } catch (error) {
      committed = Promise.reject(error);
    }
    committed.then(
      (results) =>
        batch.forEach((item, i) => {
          const result = results[i];
          if (!result) item.reject(new Error('The commit returned no result for this write'));
          else if (result.ok) item.resolve(result.value);
          else item.reject(result.error);
        }),
      (error: unknown) => {
        for (const item of batch) item.reject(error);
      },
    );
  }
}

/** Runs each write, keeping its result or its error; for use inside one transaction. */
export function applyAll<W>(writes: readonly W[], apply: (write: W) => unknown): WriteResult[] {
  return writes.map((write) => {
    try {
      return { ok: true, value: apply(write) };
    } catch (error) {
      return { ok: false, error };
    }
  });
}

/**
 * Commits on this thread's connection; the fsync runs in libuv's thread pool (`GroupCommit`), so
 * the event loop waits only for SQLite's own work.
 */
export function inThreadCommitter<W>(
  db: Database.Database,
  apply: (write: W) => unknown,
  commits: GroupCommit = new GroupCommit(db),
): BatchCommitter<W> {
  return {
    commit(writes) {
      const { value, durable } = commits.commit(() => applyAll(writes, apply));
      return durable.then(() => value);
    },
    close() {
      commits.close();
      return Promise.resolve();
    },
  };
}

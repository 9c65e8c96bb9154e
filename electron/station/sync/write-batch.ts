import type Database from 'better-sqlite3';

interface Pending {
  op: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface WriteBatchOptions {
  /** Longest a lazy write waits for company before it is committed anyway. */
  lazyMs?: number;
  /** Lazy writes that make a commit worth it on their own. */
  maxLazy?: number;
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
 * A caller's promise resolves only once its write is committed. A write is one statement: one
 * that fails is undone by SQLite alone and rejected alone; a commit that fails (disk full) rejects
 * them all. A write of several statements must wrap them in `db.transaction` (a savepoint) itself.
 */
export class WriteBatch {
  readonly #lazyMs: number;
  readonly #maxLazy: number;
  #pending: Pending[] = [];
  #lazy = 0;
  #immediate: NodeJS.Immediate | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database.Database,
    options: WriteBatchOptions = {},
  ) {
    this.#lazyMs = options.lazyMs ?? 10;
    this.#maxLazy = options.maxLazy ?? 256;
  }

  run<T>(op: () => T, options: { lazy?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ op, resolve: resolve as (value: unknown) => void, reject });
      if (options.lazy) this.#lazy++;
      if (!options.lazy || this.#lazy >= this.#maxLazy) {
        this.#immediate ??= setImmediate(() => this.#flush());
      } else if (!this.#timer && !this.#immediate) {
        this.#timer = setTimeout(() => this.#flush(), this.#lazyMs);
      }
    });
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
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            results.push({ ok: true, value: item.op() });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const result = results[i]!;
      if (result.ok) item.resolve(result.value);
      else item.reject(result.error);
    });
  }
}

import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from './clock.js';

/** Another process drains this database's outbox (a running station while `bitig sync run` starts). */
export class SyncBusyError extends Error {
  constructor(readonly pid: number) {
    super(
      `Another Bitig process (pid ${pid}) is syncing this data directory; ` +
        'stop it or let it do the work (the station syncs by itself).',
    );
    this.name = 'SyncBusyError';
  }
}

export interface SyncLeaseOptions {
  clock: Clock;
  /** A holder that has not beaten its heartbeat for this long is taken for gone (pid reuse). */
  staleMs?: number;
  pid?: number;
  isAlive?: (pid: number) => boolean;
}

interface LeaseRow {
  pid: number;
  token: string;
  heartbeat_at: number;
}

/**
 * One sync engine per database. A second engine would take the first one's in-flight rows for
 * those of a crashed process and resolve or resend them while the first is still waiting for the
 * answer. The holder's pid and a heartbeat live in `sync_lease`; a holder whose process is gone
 * (SIGKILL, power cut) is replaced at once.
 */
export class SyncLease {
  readonly #token = randomUUID();
  readonly #clock: Clock;
  readonly #staleMs: number;
  readonly #pid: number;
  readonly #isAlive: (pid: number) => boolean;
  #held = false;

  constructor(
    private readonly db: Database.Database,
    options: SyncLeaseOptions,
  ) {
    this.#clock = options.clock;
    this.#staleMs = options.staleMs ?? 120_000;
    this.#pid = options.pid ?? process.pid;
    this.#isAlive = options.isAlive ?? processAlive;
  }

  get held(): boolean {
    return this.#held;
  }

  /** Takes the lease or throws `SyncBusyError`. Idempotent for its holder. */
  acquire(): void {
    // IMMEDIATE: two processes starting together cannot both read "free" and both write.
    this.db
      .transaction(() => {
        const row = this.db
          .prepare<[], LeaseRow>('SELECT pid, token, heartbeat_at FROM sync_lease WHERE id = 1')
          .get();
        if (row && row.token !== this.#token && this.#isAlive(row.pid)) {
          const fresh = this.#clock.now() - row.heartbeat_at < this.#staleMs;
          if (fresh) throw new SyncBusyError(row.pid);
        }
        this.db
          .prepare(
            `INSERT INTO sync_lease (id, pid, token, heartbeat_at, acquired_at) VALUES (1, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, token = excluded.token,
               heartbeat_at = excluded.heartbeat_at, acquired_at = excluded.acquired_at`,
          )
          .run(this.#pid, this.#token, this.#clock.now(), new Date(this.#clock.now()).toISOString());
      })
      .immediate();
    this.#held = true;
  }

  /** Keeps the lease fresh; false if someone took it over (this engine must stop). */
  heartbeat(): boolean {
    if (!this.#held) return false;
    const info = this.db
      .prepare('UPDATE sync_lease SET heartbeat_at = ? WHERE id = 1 AND token = ?')
      .run(this.#clock.now(), this.#token);
    if (info.changes === 0) this.#held = false;
    return this.#held;
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    if (this.db.open) this.db.prepare('DELETE FROM sync_lease WHERE id = 1 AND token = ?').run(this.#token);
  }

  get heartbeatIntervalMs(): number {
    return Math.max(1_000, Math.floor(this.#staleMs / 4));
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

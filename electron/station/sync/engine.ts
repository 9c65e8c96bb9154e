import type Database from 'better-sqlite3';
import type { StateCounts, SyncStatus } from '../contract/sync.js';
import { OUTBOX_STATES, type OutboxRepo, type OutboxRow } from '../store/outbox.js';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './backoff.js';
import { type Clock, systemClock } from './clock.js';
import { Dispatcher } from './dispatcher.js';
import { SyncLease } from './lease.js';
import { SyncQueue } from './queue.js';
import { applyQueueWrite, type QueueWrite, type SyncWrites } from './queue-write.js';
import type { SyncTarget } from './target.js';
import { inThreadCommitter, WriteBatch } from './write-batch.js';

export interface SyncEngineOptions {
  db: Database.Database;
  outbox: OutboxRepo;
  clock?: Clock;
  /** [0, 1); for the jitter. */
  random?: () => number;
  /** Rows of different ordering keys in flight at once, per target (default 4). */
  concurrency?: number;
  /** Counted attempts before a row goes to the dead letter (default 10). */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** Least wait before asking whether an unanswered attempt took effect (default 5 s). */
  settleMs?: number;
  /** How often a target that is down is probed (default 15 s). */
  probeIntervalMs?: number;
  /** How often a running engine looks for new rows when nothing is due sooner (default 2 s). */
  pollIntervalMs?: number;
  /** Status events at most this often (default 250 ms). */
  statusIntervalMs?: number;
  /** One engine per database (default on); tests of the engine alone may turn it off. */
  exclusive?: boolean;

  log?: (message: string, err?: unknown) => void;
}

export interface TargetOptions {
  concurrency?: number;
}

const emptyCounts = (): StateCounts => Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as StateCounts;

/**
 * The one sync engine of DESIGN.md: drains the outbox per target, in order within an ordering key,
 * with backoff and jitter, a probe and a pause while a target is down, a dead letter, and the
 * resolution of attempts that got no answer before anything is sent again.
 */
export class SyncEngine {
  readonly #o: Required<Omit<SyncEngineOptions, 'db' | 'outbox' | 'exclusive' | 'log'>> & {
    log: NonNullable<SyncEngineOptions['log']>;
  };
  readonly #queue: SyncQueue;
  readonly #writes: SyncWrites;
  readonly #lease: SyncLease | null;
  readonly #dispatchers = new Map<string, Dispatcher>();
  readonly #targets = new Map<string, SyncTarget>();
  readonly #listeners = new Set<(status: SyncStatus) => void>();
  #running = false;
  #recovered = false;
  #cancelHeartbeat: (() => void) | null = null;
  #cancelStatus: (() => void) | null = null;

  constructor(options: SyncEngineOptions) {
    this.#o = {
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
      concurrency: options.concurrency ?? 4,
      maxAttempts: options.maxAttempts ?? 10,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      settleMs: options.settleMs ?? 5_000,
      probeIntervalMs: options.probeIntervalMs ?? 15_000,
      pollIntervalMs: options.pollIntervalMs ?? 2_000,
      statusIntervalMs: options.statusIntervalMs ?? 250,
      log: options.log ?? (() => {}),
    };
    this.#queue = new SyncQueue(options.db, options.outbox);
    const queue = this.#queue;
    this.#writes = new WriteBatch<QueueWrite>(
      inThreadCommitter(options.db, (write: QueueWrite) => applyQueueWrite(queue, write)),
    );
    this.#lease = options.exclusive === false ? null : new SyncLease(options.db, { clock: this.#o.clock });
  }

  /** Hands a target to the engine (`close()` closes it). One target per name. */
  registerTarget(target: SyncTarget, options: TargetOptions = {}): void {
    if (this.#dispatchers.has(target.name))
      throw new Error(`A sync target "${target.name}" is already registered`);
    const dispatcher = new Dispatcher({
      target,
      queue: this.#queue,
      writes: this.#writes,
      clock: this.#o.clock,
      random: this.#o.random,
      concurrency: Math.max(1, options.concurrency ?? this.#o.concurrency),
      maxAttempts: this.#o.maxAttempts,
      backoff: this.#o.backoff,
      settleMs: this.#o.settleMs,
      probeIntervalMs: this.#o.probeIntervalMs,
      pollIntervalMs: this.#o.pollIntervalMs,
      onChange: () => this.#changed(),
      log: this.#o.log,
    });
    this.#dispatchers.set(target.name, dispatcher);
    this.#targets.set(target.name, target);
    if (this.#running) dispatcher.start();
  }

  /**
   * Takes a target out (e.g. the kiosk's SIP2 settings changed): waits for its attempts under way
   * to be recorded, then closes it. Its rows stay queued for the target registered next.
   */
  async unregisterTarget(name: string): Promise<void> {
    const dispatcher = this.#dispatchers.get(name);
    const target = this.#targets.get(name);
    if (!dispatcher || !target) return;
    this.#dispatchers.delete(name);
    this.#targets.delete(name);
    await dispatcher.stop();
    await target.close?.().catch((err: unknown) => this.#o.log(`sync ${name}: closing failed`, err));
    this.#changed();
  }

  /** `unregisterTarget` of the same name, then `registerTarget`. */
  async replaceTarget(target: SyncTarget, options: TargetOptions = {}): Promise<void> {
    await this.unregisterTarget(target.name);
    this.registerTarget(target, options);
  }

  /** Drains in the background until `stop()`. Throws `SyncBusyError` if another process syncs. */
  start(): void {
    if (this.#running) return;
    this.#takeOver();
    this.#running = true;
    for (const dispatcher of this.#dispatchers.values()) dispatcher.start();
    this.#changed();
  }

  /**
   * Stops background work, waits for attempts under way to be recorded and releases the database
   * for another engine. `start()` or `runOnce()` may follow.
   */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all([...this.#dispatchers.values()].map((d) => d.stop()));
    await this.#writes.close().catch((err: unknown) => this.#o.log('sync: closing the writer failed', err));
    this.#cancelHeartbeat?.();
    this.#cancelHeartbeat = null;
    this.#cancelStatus?.();
    this.#cancelStatus = null;
    try {
      this.#lease?.release();
    } catch (err) {
      this.#o.log('sync: releasing the lease failed', err);
    }
    this.#recovered = false;
  }

  /** `stop()`, then closes the targets (their connections). For the station's shutdown. */
  async close(): Promise<void> {
    await this.stop();
    await Promise.all(
      [...this.#targets.values()].map((t) =>
        t.close?.().catch((err: unknown) => this.#o.log(`sync ${t.name}: closing failed`, err)),
      ),
    );
  }

  /**
   * Delivers what is due now (for one target, or all) and resolves when nothing due is left, or
   * the target is down. The kiosk calls this before a live transaction; tests and the CLI too.
   */
  async runOnce(targetName?: string): Promise<void> {
    this.#takeOver();
    const dispatchers =
      targetName === undefined ? [...this.#dispatchers.values()] : [this.#dispatcher(targetName)];
    await Promise.all(dispatchers.map((d) => d.runOnce()));
    this.#changed();
  }

  /**
   * For the kiosk before a live transaction: forwards what is due, then says whether nothing is
   * left waiting for the target (for one ordering key, e.g. the item at hand, when given).
   */
  async forward(targetName: string, orderingKey?: string): Promise<boolean> {
    await this.runOnce(targetName);
    return orderingKey === undefined
      ? this.#queue.openCount(targetName) === 0
      : this.#queue.openCountForKey(targetName, orderingKey) === 0;
  }

  /** Looks for due rows now (after a row was queued) instead of at the next poll. */
  wake(targetName?: string): void {
    for (const d of this.#dispatchers.values())
      if (targetName === undefined || d.name === targetName) d.wake();
  }

  /**
   * Someone else saw the target answer again (the kiosk's live connection came back): waiting rows
   * are due now and a paused target is probed at once, instead of at the next probe.
   */
  targetReachable(targetName: string): void {
    this.#queue.makeDueNow(targetName, this.#o.clock.now());
    this.wake(targetName);
  }

  /** Staff's "retry now" for a failed or dead row (an ambiguous one is still resolved first). */
  retryNow(id: number, note?: string): OutboxRow {
    const row = this.#queue.retryNow(id, this.#o.clock.now(), note);
    if (!row) throw new Error(`No outbox row ${id}`);
    this.#changed();
    this.wake(row.target);
    return row;
  }

  /** Staff set a row aside (done, resolution `discarded`) with their reason, which is required. */
  discard(id: number, reason: string): OutboxRow {
    if (reason.trim() === '') throw new Error('A reason is required to discard a row');
    const busy = [...this.#dispatchers.values()].some((d) => d.busyIds.has(id));
    if (busy) throw new Error(`Row ${id} is being worked on; try again in a moment`);
    const row = this.#queue.discard(id, reason.trim(), this.#o.clock.now());
    if (!row) throw new Error(`No outbox row ${id}`);
    this.#changed();
    this.wake(row.target);
    return row;
  }

  status(): SyncStatus {
    const counts = this.#queue.outbox.counts();
    const totals = emptyCounts();
    const targets: SyncStatus['targets'] = {};
    const names = new Set([...Object.keys(counts), ...this.#dispatchers.keys()]);
    for (const name of names) {
      const c = { ...emptyCounts(), ...counts[name] };
      for (const s of OUTBOX_STATES) totals[s] += c[s];
      const dispatcher = this.#dispatchers.get(name);
      targets[name] = {
        ...(dispatcher?.state() ?? { name, online: null, paused: false, working: [], lastError: null }),
        counts: c,
        registered: dispatcher !== undefined,
      };
    }
    return { running: this.#running, targets, totals };
  }

  /** Status changes, at most every `statusIntervalMs`; returns the unsubscribe function. */
  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #dispatcher(name: string): Dispatcher {
    const d = this.#dispatchers.get(name);
    if (!d) throw new Error(`No sync target "${name}" is registered`);
    return d;
  }

  /** Takes the database for this engine and marks rows a dead process left in flight. */
  #takeOver(): void {
    if (this.#lease && !this.#lease.held) {
      this.#lease.acquire();
      this.#recovered = false;
      // Beats while the lease is held, for a long runOnce as much as for a running engine.
      this.#heartbeat();
    }
    if (this.#recovered) return;
    const busy = new Set<number>();
    for (const d of this.#dispatchers.values()) for (const id of d.busyIds) busy.add(id);
    const n = this.#queue.recoverOrphans(
      busy,
      'The station stopped during this attempt; whether it took effect is checked first',
      this.#o.clock.now(),
    );
    if (n > 0) this.#o.log(`sync: ${n} row(s) left in flight by a stopped process will be checked first`);
    this.#recovered = true;
  }

  #heartbeat(): void {
    this.#cancelHeartbeat?.();
    this.#cancelHeartbeat = null;
    if (!this.#lease?.held) return;
    this.#cancelHeartbeat = this.#o.clock.setTimer(() => {
      try {
        if (!this.#lease?.heartbeat()) {
          this.#o.log('sync: another process took the outbox over; stopping');
          void this.stop();
          return;
        }
      } catch (err) {
        this.#o.log('sync: heartbeat failed', err);
      }
      this.#heartbeat();
    }, this.#lease.heartbeatIntervalMs);
  }

  #changed(): void {
    if (this.#listeners.size === 0 || this.#cancelStatus) return;
    this.#cancelStatus = this.#o.clock.setTimer(() => {
      this.#cancelStatus = null;
      let status: SyncStatus;
      try {
        status = this.status();
      } catch (err) {
        this.#o.log('sync: status failed', err);
        return;
      }
      for (const listener of this.#listeners) listener(status);
    }, this.#o.statusIntervalMs);
  }
}

import type { OutboxRow } from '../store/outbox.js';
import { type BackoffPolicy, backoffDelay } from './backoff.js';
import type { Clock } from './clock.js';
import { asDeliveryError, failureRule, gaveUpRule, unresolvedRule } from './failure-rules.js';
import type { SyncQueue } from './queue.js';
import type { QueueWrite, SyncWrites } from './queue-write.js';
import type { SyncTarget } from './target.js';
import { TargetPause } from './target-pause.js';

/** What the dispatcher reads of the outbox (`SyncQueue`; the benchmark's in-memory floor too). */
export type DispatcherQueue = Pick<SyncQueue, 'due' | 'successor' | 'recoverOrphans' | 'nextDueAt'>;

export interface DispatcherOptions {
  target: SyncTarget;
  queue: DispatcherQueue;
  writes: SyncWrites;
  clock: Clock;
  random: () => number;
  /**
   * Rows of different ordering keys worked on at the same time: for a target with one connection,
   * the depth of its pipeline. New rows are taken in groups (when half the slots are free, or
   * after a moment), so that their claims share a commit.
   */
  concurrency: number;
  /** Counted attempts before a row goes to the dead letter. */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Least wait between an attempt without an answer and the question whether it took effect. */
  settleMs: number;
  /** How often a paused target is probed. */
  probeIntervalMs: number;
  /** How often a running engine looks for new rows when nothing is due sooner. */
  pollIntervalMs: number;
  onChange: () => void;
  log: (message: string, err?: unknown) => void;
}

import type { LastError, TargetState, WorkingRow, WorkStep } from '../contract/sync.js';

export type { LastError, TargetState, WorkingRow, WorkStep };

/** The longest a pick goes on from where the last one stopped before looking from the start. */
const RESCAN_MS = 1_000;

interface Work {
  row: OutboxRow;
  step: WorkStep;
  since: number;
}

/**
 * Drains one target's rows: up to `concurrency` rows at a time, never two of one ordering key, the
 * oldest first. Each attempt is claimed (in flight, attempt counted, committed) before it is sent;
 * an attempt without an answer is resolved by the target before anything is sent again.
 */
export class Dispatcher {
  readonly #o: DispatcherOptions;
  readonly #working = new Map<number, Work>();
  /** Rows whose last write is queued but not yet committed: not to be picked again meanwhile. */
  readonly #settling = new Set<number>();
  /** Of those, the ones being completed: their successors may be claimed in the same commit. */
  readonly #closing = new Set<number>();
  #refillTimer: NodeJS.Timeout | null = null;
  #idleWaiters: Array<() => void> = [];
  #running = false;
  #draining = 0;
  readonly #pause: TargetPause;
  #lastError: LastError | null = null;
  #cancelWake: (() => void) | null = null;
  #sweepOrphans = false;
  /**
   * False after a pick found fewer rows than it had room for, until something happens that can
   * make another row pickable (a row finished, a timer, a wake): an idle pick costs a query per
   * candidate row, and the end of a long queue would otherwise ask again after every answer.
   */
  #mayHaveMore = true;
  /**
   * Picks go on from the last row picked: the rows before it were taken, or are held back by a
   * row being worked on, and such a row's successor is looked up when it completes
   * (`#pickSuccessor`). Anything else that can make an earlier row pickable starts over (`#rescan`).
   */
  #scanFrom = 0;
  #scanStartedAt = 0;
  /** Rows handed to the target and not yet answered: the requests ahead of a new claim. */
  #sending = 0;
  /** Fewer requests ahead than this, and a claim is committed at once. */
  readonly #lowWater: number;
  #stopped: Array<() => void> = [];

  constructor(options: DispatcherOptions) {
    this.#o = options;
    this.#lowWater = Math.max(1, Math.floor(options.concurrency / 4));
    this.#pause = new TargetPause({
      target: options.target,
      clock: options.clock,
      probeIntervalMs: options.probeIntervalMs,
      running: () => this.#running,
      onChange: options.onChange,
      onResume: () => {
        this.#rescan();
        this.#o.onChange();
        this.#fill();
      },
    });
  }

  get name(): string {
    return this.#o.target.name;
  }

  get busyIds(): ReadonlySet<number> {
    return new Set([...this.#working.keys(), ...this.#settling]);
  }

  state(): TargetState {
    return {
      name: this.name,
      online: this.#pause.online,
      paused: this.#pause.paused,
      working: [...this.#working.values()].map((w) => ({
        id: w.row.id,
        orderingKey: w.row.orderingKey,
        step: w.step,
        attempt: w.row.attempts + (w.step === 'sending' || w.step === 'recording' ? 1 : 0),
        since: new Date(w.since).toISOString(),
      })),
      lastError: this.#lastError,
    };
  }

  /** Background mode: works whenever rows are due, probes while the target is down. */
  start(): void {
    this.#running = true;
    this.#rescan();
    this.#fill();
  }

  /** Leaves background mode and waits for the attempts under way to be recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#cancelWake?.();
    this.#cancelWake = null;
    this.#pause.cancel();
    if (this.#refillTimer) clearTimeout(this.#refillTimer);
    this.#refillTimer = null;
    if (this.#working.size === 0 && this.#settling.size === 0) return;
    await new Promise<void>((resolve) => this.#stopped.push(resolve));
  }

  /** Works through every row due now; resolves when none is left (or the target is down). */
  async runOnce(): Promise<void> {
    if (this.#pause.paused) await this.#pause.probe();
    this.#draining++;
    this.#rescan();
    try {
      await new Promise<void>((resolve) => {
        this.#idleWaiters.push(resolve);
        this.#fill();
      });
    } finally {
      this.#draining--;
    }
  }

  /** Something new may be due (a row was queued, staff retried one, the target answers again). */
  wake(): void {
    this.#rescan();
    if (!this.#running) return;
    if (this.#pause.paused) void this.#pause.probe();
    else this.#fill();
  }

  #fill(): void {
    try {
      const active = this.#running || this.#draining > 0;
      if (active && !this.#pause.paused) {
        if (this.#sweepOrphans) {
          this.#sweepOrphans = false;
          this.#o.queue.recoverOrphans(
            this.busyIds,
            'A write failed during this attempt',
            this.#o.clock.now(),
          );
        }
        const free = this.#o.concurrency - this.#working.size;
        const group = Math.max(1, Math.floor(this.#o.concurrency / 4));
        if (!this.#mayHaveMore) {
          // Nothing has happened since the last pick came up short.
        } else if (free >= group || (free > 0 && this.#working.size === 0)) {
          const now = this.#o.clock.now();
          // Now and then from the start, for rows whose backoff ran out while work went on.
          if (now - this.#scanStartedAt >= RESCAN_MS) this.#scanFrom = 0;
          if (this.#scanFrom === 0) this.#scanStartedAt = now;
          const limit = Math.min(free, group);
          const rows = this.#o.queue.due(this.name, now, limit, this.busyIds, this.#closing, this.#scanFrom);
          if (rows.length < limit) {
            this.#mayHaveMore = false;
            this.#scanFrom = 0;
          } else {
            this.#scanFrom = rows.at(-1)!.id;
          }
          for (const row of rows) this.#begin(row);
        } else if (free > 0) {
          // Wait a moment for more slots, so the claims share a commit; never longer than that.
          this.#refillTimer ??= setTimeout(() => {
            this.#refillTimer = null;
            this.#fill();
          }, 2);
        }
      }
    } catch (err) {
      // The database is closing or failing: report it, and let the next wake try again.
      this.#error(null, `Could not read the outbox: ${(err as Error).message}`);
      this.#o.log(`sync ${this.name}: reading the outbox failed`, err);
    }
    if (this.#working.size > 0) return;
    if (this.#settling.size > 0) {
      // Nothing is being worked on, so no claim is coming for the recorded answers to ride with:
      // commit them now (a runOnce, the kiosk's forward(), waits for them).
      this.#o.writes.hurry();
      return;
    }
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
    for (const resolve of this.#stopped.splice(0)) resolve();
    this.#scheduleWake();
  }

  #scheduleWake(): void {
    this.#cancelWake?.();
    this.#cancelWake = null;
    if (!this.#running || this.#pause.paused) return;
    let delay = this.#o.pollIntervalMs;
    try {
      const next = this.#o.queue.nextDueAt(this.name);
      if (next !== null) delay = Math.min(delay, Math.max(1, next - this.#o.clock.now()));
    } catch {
      // Reported by #fill; the poll interval brings the next try.
    }
    this.#cancelWake = this.#o.clock.setTimer(() => {
      this.#cancelWake = null;
      this.#rescan();
      this.#fill();
    }, delay);
  }

  #begin(row: OutboxRow): void {
    this.#working.set(row.id, {
      row,
      step: row.ambiguous ? 'resolving' : 'preparing',
      since: this.#o.clock.now(),
    });
    this.#o.onChange();
    void this.#work(row);
  }

  #step(row: OutboxRow, step: WorkStep): void {
    const work = this.#working.get(row.id);
    if (work) work.step = step;
    this.#o.onChange();
  }

  async #work(row: OutboxRow): Promise<void> {
    const { target, writes, clock } = this.#o;
    let claimed = false;
    try {
      if (row.ambiguous) {
        this.#step(row, 'resolving');
        const resolution = await target.resolve(row);
        this.#pause.markOnline();
        if (resolution.verdict === 'took_effect') {
          await this.#finish(
            row,
            {
              kind: 'complete',
              id: row.id,
              outcome: resolution.outcome ?? null,
              resolution: 'confirmed',
              now: clock.now(),
            },
            true,
          );
          return;
        }
        if (resolution.verdict === 'unknown') {
          const now = clock.now();
          const input = unresolvedRule(resolution.detail, { ...this.#limits(now), attempts: row.attempts });
          this.#error(row.id, input.message);
          await this.#finish(row, { kind: 'fail', id: row.id, input, now });
          return;
        }
      }
      if (row.attempts >= this.#o.maxAttempts) {
        const now = clock.now();
        const input = gaveUpRule(row.attempts, row.lastError, now);
        this.#error(row.id, input.message);
        await this.#finish(row, { kind: 'fail', id: row.id, input, now });
        return;
      }
      let checked: unknown;
      if (target.prepare) {
        this.#step(row, 'preparing');
        checked = await target.prepare(row);
      }
      this.#step(row, 'claiming');
      // With enough requests ahead of it on the wire, a claim need not be committed at once: it
      // rides with the next commit, which comes before those requests run out (see #sent).
      claimed =
        (await writes.run(
          { kind: 'claim', id: row.id, checked, now: clock.now() },
          { lazy: this.#sending >= this.#lowWater },
        )) === true;
      if (!claimed) {
        // Exported, discarded or held back by a reopened earlier row since it was picked.
        await this.#finish(row, { kind: 'none' });
        return;
      }
      this.#step(row, 'sending');
      this.#sending++;
      let outcome: unknown;
      try {
        outcome = await target.deliver({
          ...row,
          state: 'in_flight',
          attempts: row.attempts + 1,
          ambiguous: false,
          checkedBefore: checked === undefined ? row.checkedBefore : checked,
        });
      } finally {
        this.#sent();
      }
      this.#pause.markOnline();
      // The target's next queued request goes out first; the bookkeeping runs while it travels.
      await new Promise((resolve) => setImmediate(resolve));
      this.#step(row, 'recording');
      await this.#finish(
        row,
        {
          kind: 'complete',
          id: row.id,
          outcome: outcome ?? null,
          resolution: 'delivered',
          now: clock.now(),
        },
        true,
      );
    } catch (err) {
      await this.#failed(row, err, claimed);
    }
  }

  /** Records a failure: what it means depends on whether the attempt may have reached the target (failure-rules.ts). */
  async #failed(row: OutboxRow, err: unknown, claimed: boolean): Promise<void> {
    const error = asDeliveryError(err, claimed);
    const now = this.#o.clock.now();
    this.#error(row.id, error.message);
    const rule = failureRule(error, { ...this.#limits(now), attempts: row.attempts, claimed });
    if (rule.pause) this.#pause.pause();
    await this.#finish(row, { kind: 'fail', id: row.id, input: rule.input, now });
  }

  /**
   * Queues the row's last write, then at once picks the next rows, so their claims share its
   * commit; the row itself stays off limits until its write is committed. A completion is a lazy
   * write (see write-batch.ts): it rides along with the next claims.
   */
  async #finish(row: OutboxRow, op: QueueWrite, completes = false): Promise<void> {
    const written = this.#o.writes.run(op, { lazy: completes });
    this.#working.delete(row.id);
    this.#settling.add(row.id);
    if (completes) {
      this.#closing.add(row.id);
      this.#pickSuccessor(row);
    }
    this.#fill();
    try {
      await written;
    } catch (err) {
      // The row may be left in flight: swept (marked for resolution) before the next pick.
      this.#sweepOrphans = true;
      this.#rescan();
      this.#error(row.id, `Could not record the attempt: ${(err as Error).message}`);
      this.#o.log(`sync ${this.name}: recording row ${row.id} failed`, err);
    } finally {
      this.#settling.delete(row.id);
      this.#closing.delete(row.id);
      // A row that did not complete may be pickable again once its write is in.
      if (!completes) this.#rescan();
      this.#o.onChange();
      this.#fill();
    }
  }

  /**
   * A completed row's successor (the next row of its ordering key) may be claimed now, in the
   * same commit as the completion. Looked up directly: a pick over the queue after every answer
   * would cost the replay more than the answer itself.
   */
  #pickSuccessor(row: OutboxRow): void {
    if (row.orderingKey === null || this.#pause.paused || !(this.#running || this.#draining > 0)) return;
    if (this.#working.size >= this.#o.concurrency) {
      // No slot now: the next pick over the queue finds it.
      this.#rescan();
      return;
    }
    try {
      const next = this.#o.queue.successor(this.name, row.orderingKey, row.id, this.#o.clock.now());
      if (next && !this.#working.has(next.id) && !this.#settling.has(next.id)) this.#begin(next);
    } catch (err) {
      this.#rescan();
      this.#o.log(`sync ${this.name}: looking for the next row of ${row.orderingKey} failed`, err);
    }
  }

  /** A request left the pipe: when few are left ahead, the claims waiting for a commit get it now. */
  #sent(): void {
    this.#sending--;
    if (this.#sending < this.#lowWater) this.#o.writes.hurry();
  }

  /** Something may have made any row pickable: the next pick looks at the whole queue. */
  #rescan(): void {
    this.#mayHaveMore = true;
    this.#scanFrom = 0;
  }

  /** The engine's limits as the failure rules take them. */
  #limits(now: number) {
    return {
      now,
      maxAttempts: this.#o.maxAttempts,
      settleMs: this.#o.settleMs,
      delay: (failures: number) => Math.max(1, backoffDelay(failures, this.#o.backoff, this.#o.random)),
    };
  }

  #error(rowId: number | null, message: string): void {
    this.#lastError = { rowId, message, at: new Date(this.#o.clock.now()).toISOString() };
    this.#o.onChange();
  }
}

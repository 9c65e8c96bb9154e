import type { OutboxRow } from '../store/outbox.js';
import { type BackoffPolicy, backoffDelay } from './backoff.js';
import type { Clock } from './clock.js';
import type { SyncQueue } from './queue.js';
import { DeliveryError, type SyncTarget } from './target.js';
import type { WriteBatch } from './write-batch.js';

export interface DispatcherOptions {
  target: SyncTarget;
  queue: SyncQueue;
  writes: WriteBatch;
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

export type WorkStep = 'resolving' | 'preparing' | 'claiming' | 'sending' | 'recording';

export interface WorkingRow {
  id: number;
  orderingKey: string | null;
  step: WorkStep;
  attempt: number;
  since: string;
}

export interface LastError {
  rowId: number | null;
  message: string;
  at: string;
}

export interface TargetState {
  name: string;
  /** null until the first attempt or probe says. */
  online: boolean | null;
  /** No attempts until a probe succeeds. */
  paused: boolean;
  working: WorkingRow[];
  lastError: LastError | null;
}

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
  #paused = false;
  #online: boolean | null = null;
  #lastError: LastError | null = null;
  #cancelWake: (() => void) | null = null;
  #cancelProbe: (() => void) | null = null;
  #probing: Promise<void> | null = null;
  #sweepOrphans = false;
  #stopped: Array<() => void> = [];

  constructor(options: DispatcherOptions) {
    this.#o = options;
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
      online: this.#online,
      paused: this.#paused,
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
    this.#fill();
  }

  /** Leaves background mode and waits for the attempts under way to be recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#cancelWake?.();
    this.#cancelWake = null;
    this.#cancelProbe?.();
    this.#cancelProbe = null;
    if (this.#refillTimer) clearTimeout(this.#refillTimer);
    this.#refillTimer = null;
    if (this.#working.size === 0 && this.#settling.size === 0) return;
    await new Promise<void>((resolve) => this.#stopped.push(resolve));
  }

  /** Works through every row due now; resolves when none is left (or the target is down). */
  async runOnce(): Promise<void> {
    if (this.#paused) await this.#probe();
    this.#draining++;
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
    if (!this.#running) return;
    if (this.#paused) void this.#probe();
    else this.#fill();
  }

  #fill(): void {
    try {
      const active = this.#running || this.#draining > 0;
      if (active && !this.#paused) {
        if (this.#sweepOrphans) {
          this.#sweepOrphans = false;
          this.#o.queue.recoverOrphans(
            this.busyIds,
            'A write failed during this attempt',
            this.#o.clock.now(),
          );
        }
        const free = this.#o.concurrency - this.#working.size;
        const group = Math.max(1, Math.floor(this.#o.concurrency / 2));
        if (free >= group || (free > 0 && this.#working.size === 0)) {
          const rows = this.#o.queue.due(this.name, this.#o.clock.now(), free, this.busyIds, this.#closing);
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
    if (this.#working.size > 0 || this.#settling.size > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
    for (const resolve of this.#stopped.splice(0)) resolve();
    this.#scheduleWake();
  }

  #scheduleWake(): void {
    this.#cancelWake?.();
    this.#cancelWake = null;
    if (!this.#running || this.#paused) return;
    let delay = this.#o.pollIntervalMs;
    try {
      const next = this.#o.queue.nextDueAt(this.name);
      if (next !== null) delay = Math.min(delay, Math.max(1, next - this.#o.clock.now()));
    } catch {
      // Reported by #fill; the poll interval brings the next try.
    }
    this.#cancelWake = this.#o.clock.setTimer(() => {
      this.#cancelWake = null;
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
    const { target, queue, writes, clock } = this.#o;
    let claimed = false;
    try {
      if (row.ambiguous) {
        this.#step(row, 'resolving');
        const resolution = await target.resolve(row);
        this.#markOnline();
        if (resolution.verdict === 'took_effect') {
          await this.#finish(
            row,
            () => queue.complete(row.id, resolution.outcome ?? null, 'confirmed', clock.now()),
            true,
          );
          return;
        }
        if (resolution.verdict === 'unknown') {
          const failures = row.attempts + 1;
          const message = `Could not tell whether the last attempt took effect: ${resolution.detail ?? 'no detail'}`;
          this.#error(row.id, message);
          await this.#finish(row, () =>
            queue.fail(
              row.id,
              {
                message,
                count: true,
                dead: failures >= this.#o.maxAttempts,
                nextAttemptAt: clock.now() + Math.max(this.#o.settleMs, this.#delay(failures)),
              },
              clock.now(),
            ),
          );
          return;
        }
      }
      if (row.attempts >= this.#o.maxAttempts) {
        const message = `Gave up after ${row.attempts} attempts: ${row.lastError ?? 'no answer'}`;
        this.#error(row.id, message);
        await this.#finish(row, () =>
          queue.fail(
            row.id,
            { message, dead: true, nextAttemptAt: clock.now(), ambiguous: false },
            clock.now(),
          ),
        );
        return;
      }
      let checked: unknown;
      if (target.prepare) {
        this.#step(row, 'preparing');
        checked = await target.prepare(row);
      }
      this.#step(row, 'claiming');
      claimed = await writes.run(() => queue.claim(row.id, checked, clock.now()));
      if (!claimed) {
        // Exported, discarded or held back by a reopened earlier row since it was picked.
        await this.#finish(row, () => undefined);
        return;
      }
      this.#step(row, 'sending');
      const outcome = await target.deliver({
        ...row,
        state: 'in_flight',
        attempts: row.attempts + 1,
        ambiguous: false,
        checkedBefore: checked === undefined ? row.checkedBefore : checked,
      });
      this.#markOnline();
      // The target's next queued request goes out first; the bookkeeping runs while it travels.
      await new Promise((resolve) => setImmediate(resolve));
      this.#step(row, 'recording');
      await this.#finish(row, () => queue.complete(row.id, outcome ?? null, 'delivered', clock.now()), true);
    } catch (err) {
      await this.#failed(row, err, claimed);
    }
  }

  /** Records a failure: what it means depends on whether the attempt may have reached the target. */
  async #failed(row: OutboxRow, err: unknown, claimed: boolean): Promise<void> {
    const { queue, clock } = this.#o;
    const error =
      err instanceof DeliveryError
        ? err
        : new DeliveryError(claimed ? 'ambiguous' : 'transient', (err as Error)?.message ?? String(err), {
            cause: err,
          });
    const now = clock.now();
    this.#error(row.id, error.message);
    const attempts = row.attempts + (claimed ? 1 : 0);
    let write: () => unknown;
    switch (error.kind) {
      case 'unreachable':
        this.#pause();
        // Nothing was sent: the attempt does not count, and the row is due as soon as the target is back.
        write = () =>
          queue.fail(
            row.id,
            { message: error.message, dead: false, nextAttemptAt: now, uncount: claimed },
            now,
          );
        break;
      case 'ambiguous':
        this.#pause();
        write = claimed
          ? () =>
              queue.fail(
                row.id,
                {
                  message: error.message,
                  dead: false,
                  ambiguous: true,
                  nextAttemptAt: now + Math.max(this.#o.settleMs, this.#delay(attempts)),
                },
                now,
              )
          : // A question (item information) went unanswered: nothing changed, try again when the target is back.
            () => queue.fail(row.id, { message: error.message, dead: false, nextAttemptAt: now }, now);
        break;
      case 'transient': {
        const failures = claimed ? attempts : attempts + 1;
        write = () =>
          queue.fail(
            row.id,
            {
              message: error.message,
              count: !claimed,
              dead: failures >= this.#o.maxAttempts,
              nextAttemptAt: now + this.#delay(failures),
            },
            now,
          );
        break;
      }
      case 'permanent':
        write = () =>
          queue.fail(
            row.id,
            {
              message: `Cannot be delivered: ${error.message}`,
              count: !claimed,
              dead: true,
              nextAttemptAt: now,
            },
            now,
          );
        break;
    }
    await this.#finish(row, write);
  }

  /**
   * Queues the row's last write, then at once picks the next rows, so their claims share its
   * commit; the row itself stays off limits until its write is committed. A completion is a lazy
   * write (see write-batch.ts): it rides along with the next claims.
   */
  async #finish(row: OutboxRow, op: () => unknown, completes = false): Promise<void> {
    const written = this.#o.writes.run(op, { lazy: completes });
    this.#working.delete(row.id);
    this.#settling.add(row.id);
    if (completes) this.#closing.add(row.id);
    this.#fill();
    try {
      await written;
    } catch (err) {
      // The row may be left in flight: swept (marked for resolution) before the next pick.
      this.#sweepOrphans = true;
      this.#error(row.id, `Could not record the attempt: ${(err as Error).message}`);
      this.#o.log(`sync ${this.name}: recording row ${row.id} failed`, err);
    } finally {
      this.#settling.delete(row.id);
      this.#closing.delete(row.id);
      this.#o.onChange();
      this.#fill();
    }
  }

  #delay(failures: number): number {
    return Math.max(1, backoffDelay(failures, this.#o.backoff, this.#o.random));
  }

  #error(rowId: number | null, message: string): void {
    this.#lastError = { rowId, message, at: new Date(this.#o.clock.now()).toISOString() };
    this.#o.onChange();
  }

  #markOnline(): void {
    if (this.#online === true) return;
    this.#online = true;
    this.#o.onChange();
  }

  #pause(): void {
    this.#online = false;
    if (this.#paused) return;
    this.#paused = true;
    this.#o.onChange();
    this.#scheduleProbe();
  }

  #scheduleProbe(): void {
    this.#cancelProbe?.();
    this.#cancelProbe = this.#o.clock.setTimer(() => {
      this.#cancelProbe = null;
      void this.#probe();
    }, this.#o.probeIntervalMs);
  }

  /** Asks the target whether it answers; resumes work when it does, else probes again later. */
  #probe(): Promise<void> {
    this.#probing ??= (async () => {
      let up = false;
      try {
        up = await this.#o.target.probe();
      } catch {
        up = false;
      }
      if (up) {
        this.#cancelProbe?.();
        this.#cancelProbe = null;
        this.#paused = false;
        this.#online = true;
        this.#o.onChange();
        this.#fill();
      } else {
        this.#online = false;
        if (this.#paused && this.#running) this.#scheduleProbe();
        this.#o.onChange();
      }
    })().finally(() => {
      this.#probing = null;
    });
    return this.#probing;
  }
}

import type Database from 'better-sqlite3';
import type { OutboxRepo, OutboxResolution, OutboxRow, RawOutboxRow } from '../store/outbox.js';

/** An earlier row with the same key that is still open holds this one back. Dead rows do not. */
const NO_EARLIER_OPEN = `(o.ordering_key IS NULL OR NOT EXISTS (
  SELECT 1 FROM outbox p
  WHERE p.target = o.target AND p.ordering_key = o.ordering_key AND p.id < o.id
    AND p.state IN ('pending', 'in_flight', 'failed')))`;

/**
 * For picking: rows being worked on (`@busy`) are skipped before anything else is asked of them,
 * and rows whose completion is queued in this very batch (`@closed`) no longer hold their
 * successors back: those may be claimed in the same commit, after them. Both are JSON arrays.
 */
const PICKABLE = `o.id NOT IN (SELECT value FROM json_each(@busy)) AND (o.ordering_key IS NULL OR NOT EXISTS (
  SELECT 1 FROM outbox p
  WHERE p.target = o.target AND p.ordering_key = o.ordering_key AND p.id < o.id
    AND p.state IN ('pending', 'in_flight', 'failed')
    AND p.id NOT IN (SELECT value FROM json_each(@closed))))`;

export interface FailInput {
  /** Why, kept as the row's last error. */
  message: string;
  dead: boolean;
  nextAttemptAt: number;
  /** Set or clear the ambiguity mark; unchanged when undefined. */
  ambiguous?: boolean;
  /** The attempt never reached the target: take back the attempt counted at claim time. */
  uncount?: boolean;
  /** For a failure outside an attempt (an unknown verdict): count it now. */
  count?: boolean;
}

/**
 * The engine's view of the outbox: which rows are due, in order, and every change of state. Plain
 * statements; the engine decides when they run (see write-batch.ts).
 */
export class SyncQueue {
  readonly #due: Database.Statement<
    { target: string; now: number; limit: number; busy: string; closed: string; after: number },
    RawOutboxRow
  >;
  readonly #next: Database.Statement<{ target: string; key: string; after: number }, RawOutboxRow>;
  readonly #nextDue: Database.Statement<[string], { at: number | null }>;
  readonly #claim: Database.Statement;
  readonly #complete: Database.Statement;
  readonly #fail: Database.Statement;
  readonly #orphans: Database.Statement<[], { id: number }>;
  readonly #orphan: Database.Statement;
  readonly #open: Database.Statement<[string], { n: number }>;
  readonly #dueNow: Database.Statement<{ target: string; now: number }>;
  readonly #openForKey: Database.Statement<[string, string], { n: number }>;

  constructor(
    private readonly db: Database.Database,
    readonly outbox: OutboxRepo,
  ) {
    this.#due = db.prepare(
      `SELECT o.* FROM outbox o
       WHERE o.target = @target AND o.id > @after AND o.state IN ('pending', 'failed')
         AND o.next_attempt_at <= @now AND ${PICKABLE}
       ORDER BY o.id LIMIT @limit`,
    );
    this.#next = db.prepare(
      `SELECT * FROM outbox
       WHERE target = @target AND ordering_key = @key AND id > @after
         AND state IN ('pending', 'in_flight', 'failed')
       ORDER BY id LIMIT 1`,
    );
    this.#nextDue = db.prepare(
      `SELECT min(o.next_attempt_at) AS at FROM outbox o
       WHERE o.target = ? AND o.state IN ('pending', 'failed') AND ${NO_EARLIER_OPEN}`,
    );
    this.#claim = db.prepare(
      `UPDATE outbox AS o SET state = 'in_flight', attempts = attempts + 1, ambiguous = 0,
         checked_before = CASE WHEN @setChecked THEN @checked ELSE checked_before END, updated_at = @now
       WHERE o.id = @id AND o.state IN ('pending', 'failed') AND ${NO_EARLIER_OPEN}`,
    );
    this.#complete = db.prepare(
      `UPDATE outbox SET state = 'done', outcome = @outcome, resolution = @resolution, ambiguous = 0,
         done_at = @now, updated_at = @now
       WHERE id = @id AND state IN ('pending', 'in_flight', 'failed')`,
    );
    this.#fail = db.prepare(
      `UPDATE outbox SET state = @state, last_error = @message, next_attempt_at = @next,
         ambiguous = COALESCE(@ambiguous, ambiguous),
         attempts = max(0, attempts - @uncount + @count), updated_at = @now
       WHERE id = @id AND state IN ('pending', 'in_flight', 'failed')`,
    );
    this.#orphans = db.prepare("SELECT id FROM outbox WHERE state = 'in_flight'");
    this.#orphan = db.prepare(
      `UPDATE outbox SET state = 'failed', ambiguous = 1, last_error = @message, updated_at = @now
       WHERE id = @id AND state = 'in_flight'`,
    );
    this.#dueNow = db.prepare(
      `UPDATE outbox SET next_attempt_at = @now
       WHERE target = @target AND state = 'failed' AND next_attempt_at > @now`,
    );
    this.#open = db.prepare(
      "SELECT count(*) AS n FROM outbox WHERE target = ? AND state IN ('pending', 'in_flight', 'failed')",
    );
    this.#openForKey = db.prepare(
      `SELECT count(*) AS n FROM outbox
       WHERE target = ? AND ordering_key = ? AND state IN ('pending', 'in_flight', 'failed')`,
    );
  }

  /**
   * Rows of a target whose time has come and that nothing earlier holds back, oldest first;
   * `exclude`: rows being worked on; `closing`: rows whose completion is queued, not yet committed;
   * `after`: only rows with a greater id.
   */
  due(
    target: string,
    now: number,
    limit: number,
    exclude: ReadonlySet<number>,
    closing: ReadonlySet<number> = new Set(),
    after = 0,
  ): OutboxRow[] {
    if (limit <= 0) return [];
    return this.outbox.fromRaw(
      this.#due.all({ target, now, limit, busy: idList(exclude), closed: idList(closing), after }),
    );
  }

  /**
   * The row that a completing row (`after`, of `orderingKey`) held back, if it is due now: one
   * index lookup instead of a pick over the whole queue, for the row that is most likely next.
   */
  successor(target: string, orderingKey: string, after: number, now: number): OutboxRow | undefined {
    const raw = this.#next.get({ target, key: orderingKey, after });
    if (!raw || raw.state === 'in_flight' || raw.next_attempt_at > now) return undefined;
    return this.outbox.fromRaw([raw])[0];
  }

  /** The target is known to answer again: rows waiting out their backoff become due now. */
  makeDueNow(target: string, now: number): number {
    return this.#dueNow.run({ target, now }).changes;
  }

  /** When the next row of a target becomes due (it may be now), or null when none waits. */
  nextDueAt(target: string): number | null {
    return this.#nextDue.get(target)?.at ?? null;
  }

  /** Rows not yet finished (pending, in flight, failed); dead ones wait for staff. */
  openCount(target: string): number {
    return this.#open.get(target)?.n ?? 0;
  }

  openCountForKey(target: string, orderingKey: string): number {
    return this.#openForKey.get(target, orderingKey)?.n ?? 0;
  }

  /**
   * Marks a row in flight and counts the attempt; false when it is no longer claimable (exported,
   * discarded, or an earlier row of its key was reopened meanwhile).
   */
  claim(id: number, checkedBefore: unknown, now: number): boolean {
    return (
      this.#claim.run({
        id,
        setChecked: checkedBefore === undefined ? 0 : 1,
        checked: checkedBefore === undefined ? null : JSON.stringify(checkedBefore ?? null),
        now: new Date(now).toISOString(),
      }).changes === 1
    );
  }

  complete(id: number, outcome: unknown, resolution: OutboxResolution, now: number): boolean {
    return (
      this.#complete.run({
        id,
        outcome: JSON.stringify(outcome ?? null),
        resolution,
        now: new Date(now).toISOString(),
      }).changes === 1
    );
  }

  fail(id: number, input: FailInput, now: number): boolean {
    return (
      this.#fail.run({
        id,
        state: input.dead ? 'dead' : 'failed',
        message: input.message,
        next: input.nextAttemptAt,
        ambiguous: input.ambiguous === undefined ? null : input.ambiguous ? 1 : 0,
        uncount: input.uncount ? 1 : 0,
        count: input.count ? 1 : 0,
        now: new Date(now).toISOString(),
      }).changes === 1
    );
  }

  /**
   * Rows left in flight by a process that died mid-attempt (or by a write that failed): whether the
   * attempt reached the target is unknown, so they are marked for resolution, never resent as is.
   */
  recoverOrphans(busy: ReadonlySet<number>, message: string, now: number): number {
    let recovered = 0;
    this.db.transaction(() => {
      for (const { id } of this.#orphans.all()) {
        if (busy.has(id)) continue;
        recovered += this.#orphan.run({ id, message, now: new Date(now).toISOString() }).changes;
      }
    })();
    return recovered;
  }

  /**
   * Staff's "retry now": a failed or dead row becomes due at once. A dead row gets a fresh set of
   * attempts; an ambiguous one is still resolved before anything is sent.
   */
  retryNow(id: number, now: number, note: string | undefined): OutboxRow | undefined {
    this.db
      .prepare(
        `UPDATE outbox SET state = CASE state WHEN 'pending' THEN 'pending' ELSE 'failed' END,
           next_attempt_at = @next, attempts = CASE state WHEN 'dead' THEN 0 ELSE attempts END,
           staff_note = COALESCE(@note, staff_note), updated_at = @now
         WHERE id = @id AND state IN ('pending', 'failed', 'dead')`,
      )
      .run({ id, next: now, note: note ?? null, now: new Date(now).toISOString() });
    return this.outbox.byId(id);
  }

  /** Staff set a row aside: it is finished without being delivered, with their reason. */
  discard(id: number, note: string, now: number): OutboxRow | undefined {
    const iso = new Date(now).toISOString();
    this.db
      .prepare(
        `UPDATE outbox SET state = 'done', resolution = 'discarded', staff_note = @note, done_at = @now,
           ambiguous = 0, updated_at = @now
         WHERE id = @id AND state IN ('pending', 'failed', 'dead')`,
      )
      .run({ id, note, now: iso });
    return this.outbox.byId(id);
  }
}

const idList = (ids: ReadonlySet<number>): string => (ids.size === 0 ? '[]' : JSON.stringify([...ids]));

import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import {
  OUTBOX_RESOLUTIONS,
  OUTBOX_STATES,
  type OutboxResolution,
  type OutboxState,
} from '../contract/sync.js';
import { type DurableFile, writeFileDurably } from './durable-file.js';

export { OUTBOX_RESOLUTIONS, OUTBOX_STATES, type OutboxResolution, type OutboxState };

export interface OutboxEntry {
  idempotencyKey: string;
  target: string;
  orderingKey?: string | null;
  payload: unknown;
  /** When the person did it; replays carry this time, not the time of delivery. */
  eventTime: Date;
  /**
   * A live attempt may already have reached the target (sent, no answer): the sync engine finds out
   * whether it took effect before anything is sent. Recorded with the row, in the same commit.
   */
  maybeSent?: boolean;
  /** What was known just before that live attempt (e.g. the loan's due date before a renewal). */
  checkedBefore?: unknown;
}

export interface OutboxFileInput {
  /** Path relative to the data directory, with forward slashes, e.g. `jobs/12/page-0001.tif`. */
  name: string;
  data: Uint8Array;
}

export interface OutboxRow {
  id: number;
  idempotencyKey: string;
  target: string;
  orderingKey: string | null;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  outcome: unknown;
  eventTime: string;
  createdAt: string;
  updatedAt: string;
  files: { path: string; sha256: string; bytes: number }[];
  /** The last attempt got no answer: the target must tell whether it took effect before a retry. */
  ambiguous: boolean;
  /** What the target saw just before the last attempt, kept to judge an ambiguous one. */
  checkedBefore: unknown;
  resolution: OutboxResolution | null;
  staffNote: string | null;
  exportedAt: string | null;
  doneAt: string | null;
}

export interface OutboxListFilter {
  target?: string;
  states?: readonly OutboxState[];
  /** Rows with a smaller id than this (paging backwards from the newest). */
  beforeId?: number;
  /** Rows with a greater id than this (paging forwards with `oldestFirst`). */
  afterId?: number;
  /** Oldest first instead of newest first. */
  oldestFirst?: boolean;
  /** Default 100, at most 10,000. */
  limit?: number;
}

/** A row as SQLite returns it (`SELECT *`); `fromRaw` makes `OutboxRow`s of them. */
export interface RawOutboxRow {
  id: number;
  idempotency_key: string;
  target: string;
  ordering_key: string | null;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  outcome: string | null;
  event_time: string;
  created_at: string;
  updated_at: string;
  ambiguous: number;
  checked_before: string | null;
  resolution: OutboxResolution | null;
  staff_note: string | null;
  exported_at: string | null;
  done_at: string | null;
}

export type FsyncHook = (fd: number) => void;

/**
 * The outbox: every unit of work for a central system is a row here before anything is sent.
 * This repository only records work; the sync engine (sync/) drains it.
 */
export class OutboxRepo {
  readonly #insert: Database.Statement;
  readonly #insertFile: Database.Statement;
  readonly #byKey: Database.Statement<[string], RawOutboxRow>;
  readonly #byId: Database.Statement<[number], RawOutboxRow>;
  readonly #byIds: Database.Statement<[string], RawOutboxRow>;
  readonly #filesOf: Database.Statement<[number], { path: string; sha256: string; bytes: number }>;
  readonly #filesOfMany: Database.Statement<
    [string],
    { outbox_id: number; path: string; sha256: string; bytes: number }
  >;
  readonly #counts: Database.Statement<[], { target: string; state: OutboxState; n: number }>;

  constructor(
    private readonly db: Database.Database,
    private readonly dataDir: string,
    private readonly fsync: FsyncHook = fs.fsyncSync,
  ) {
    this.#insert = db.prepare(
      `INSERT INTO outbox (idempotency_key, target, ordering_key, payload, next_attempt_at, event_time,
                           created_at, updated_at, ambiguous, checked_before)
       VALUES (@key, @target, @orderingKey, @payload, @nextAttemptAt, @eventTime, @now, @now,
               @ambiguous, @checkedBefore)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    this.#insertFile = db.prepare(
      'INSERT INTO outbox_files (outbox_id, path, sha256, bytes) VALUES (?, ?, ?, ?)',
    );
    this.#byKey = db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?');
    this.#byId = db.prepare('SELECT * FROM outbox WHERE id = ?');
    this.#byIds = db.prepare('SELECT * FROM outbox WHERE id IN (SELECT value FROM json_each(?))');
    this.#filesOf = db.prepare(
      'SELECT path, sha256, bytes FROM outbox_files WHERE outbox_id = ? ORDER BY path',
    );
    this.#filesOfMany = db.prepare(
      `SELECT outbox_id, path, sha256, bytes FROM outbox_files
       WHERE outbox_id IN (SELECT value FROM json_each(?)) ORDER BY outbox_id, path`,
    );
    // Kept by triggers (migration 005): as cheap with years of rows as with none.
    this.#counts = db.prepare('SELECT target, state, n FROM outbox_counts WHERE n > 0');
  }

  /**
   * Records a unit of work. Its files are written and fsynced first, so a committed row never
   * points at a file that a crash could have lost. Enqueueing a key that is already queued
   * returns the existing row and writes nothing.
   */
  enqueue(entry: OutboxEntry, files: OutboxFileInput[] = []): OutboxRow {
    const existing = this.#byKey.get(entry.idempotencyKey);
    if (existing) return this.#toRow(existing);

    const written: DurableFile[] = [];
    try {
      for (const file of files)
        written.push(writeFileDurably(this.#resolveInside(file.name), file.data, this.fsync));
      const now = new Date().toISOString();
      this.db.transaction(() => {
        const info = this.#insert.run({
          key: entry.idempotencyKey,
          target: entry.target,
          orderingKey: entry.orderingKey ?? null,
          payload: JSON.stringify(entry.payload),
          nextAttemptAt: Date.now(),
          eventTime: entry.eventTime.toISOString(),
          now,
          ambiguous: entry.maybeSent ? 1 : 0,
          checkedBefore: entry.checkedBefore === undefined ? null : JSON.stringify(entry.checkedBefore),
        });
        written.forEach((file, i) => {
          this.#insertFile.run(info.lastInsertRowid, files[i]!.name, file.sha256, file.bytes);
        });
      })();
    } catch (err) {
      // The row did not commit: files nobody references would only fill the disk.
      for (const file of written) fs.rmSync(file.path, { force: true });
      throw err;
    }
    return this.get(entry.idempotencyKey)!;
  }

  get(idempotencyKey: string): OutboxRow | undefined {
    const raw = this.#byKey.get(idempotencyKey);
    return raw && this.#toRow(raw);
  }

  /** Rows by id, in the order given (missing ones left out). */
  byIds(ids: readonly number[]): OutboxRow[] {
    if (ids.length === 0) return [];
    const raws = this.#byIds.all(JSON.stringify(ids));
    const byId = new Map(raws.map((raw) => [raw.id, raw]));
    return ids.flatMap((id) => {
      const raw = byId.get(id);
      return raw ? [this.#toRow(raw)] : [];
    });
  }

  /**
   * Rows read elsewhere with `SELECT *` (the engine's pick), their files looked up in one query
   * for all of them rather than one each: picking is on the replay's critical path.
   */
  fromRaw(raws: readonly RawOutboxRow[]): OutboxRow[] {
    if (raws.length === 0) return [];
    const files = new Map<number, OutboxRow['files']>();
    for (const { outbox_id, ...file } of this.#filesOfMany.all(JSON.stringify(raws.map((r) => r.id)))) {
      const list = files.get(outbox_id) ?? [];
      list.push(file);
      files.set(outbox_id, list);
    }
    return raws.map((raw) => this.#toRow(raw, files.get(raw.id) ?? []));
  }

  byId(id: number): OutboxRow | undefined {
    const raw = this.#byId.get(id);
    return raw && this.#toRow(raw);
  }

  /** Rows for the staff screen's queue, newest first. */
  list(filter: OutboxListFilter = {}): OutboxRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.target !== undefined) {
      where.push('target = ?');
      params.push(filter.target);
    }
    if (filter.states && filter.states.length > 0) {
      where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
      params.push(...filter.states);
    }
    if (filter.beforeId !== undefined) {
      where.push('id < ?');
      params.push(filter.beforeId);
    }
    if (filter.afterId !== undefined) {
      where.push('id > ?');
      params.push(filter.afterId);
    }
    const sql =
      `SELECT * FROM outbox${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ` +
      `ORDER BY id ${filter.oldestFirst ? 'ASC' : 'DESC'} LIMIT ?`;
    params.push(Math.max(1, Math.min(filter.limit ?? 100, 10_000)));
    return this.db
      .prepare<unknown[], RawOutboxRow>(sql)
      .all(...params)
      .map((raw) => this.#toRow(raw));
  }

  /** Row counts per target and state, for the sync screen and `bitig doctor`. */
  counts(): Record<string, Record<OutboxState, number>> {
    const result: Record<string, Record<OutboxState, number>> = {};
    for (const { target, state, n } of this.#counts.all()) {
      result[target] ??= Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
      result[target][state] = n;
    }
    return result;
  }

  #resolveInside(name: string): string {
    const resolved = path.resolve(this.dataDir, name);
    if (!resolved.startsWith(path.resolve(this.dataDir) + path.sep)) {
      throw new Error(`Outbox file name leaves the data directory: ${name}`);
    }
    return resolved;
  }

  #toRow(raw: RawOutboxRow, files: OutboxRow['files'] = this.#filesOf.all(raw.id)): OutboxRow {
    return {
      id: raw.id,
      idempotencyKey: raw.idempotency_key,
      target: raw.target,
      orderingKey: raw.ordering_key,
      payload: JSON.parse(raw.payload),
      state: raw.state,
      attempts: raw.attempts,
      nextAttemptAt: raw.next_attempt_at,
      lastError: raw.last_error,
      outcome: raw.outcome === null ? null : JSON.parse(raw.outcome),
      eventTime: raw.event_time,
      createdAt: raw.created_at,
      updatedAt: raw.updated_at,
      files,
      ambiguous: raw.ambiguous === 1,
      checkedBefore: raw.checked_before === null ? null : JSON.parse(raw.checked_before),
      resolution: raw.resolution,
      staffNote: raw.staff_note,
      exportedAt: raw.exported_at,
      doneAt: raw.done_at,
    };
  }
}

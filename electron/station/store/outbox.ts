import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { type DurableFile, writeFileDurably } from './durable-file.js';

export const OUTBOX_STATES = ['pending', 'in_flight', 'done', 'failed', 'dead'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxEntry {
  idempotencyKey: string;
  target: string;
  orderingKey?: string | null;
  payload: unknown;
  /** When the person did it; replays carry this time, not the time of delivery. */
  eventTime: Date;
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
}

interface RawRow {
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
}

export type FsyncHook = (fd: number) => void;

/**
 * The outbox: every unit of work for a central system is a row here before anything is sent.
 * This repository only records work; the sync engine (sync/) drains it.
 */
export class OutboxRepo {
  readonly #insert: Database.Statement;
  readonly #insertFile: Database.Statement;
  readonly #byKey: Database.Statement<[string], RawRow>;
  readonly #filesOf: Database.Statement<[number], { path: string; sha256: string; bytes: number }>;
  readonly #counts: Database.Statement<[], { target: string; state: OutboxState; n: number }>;

  constructor(
    private readonly db: Database.Database,
    private readonly dataDir: string,
    private readonly fsync: FsyncHook = fs.fsyncSync,
  ) {
    this.#insert = db.prepare(
      `INSERT INTO outbox (idempotency_key, target, ordering_key, payload, next_attempt_at, event_time, created_at, updated_at)
       VALUES (@key, @target, @orderingKey, @payload, @nextAttemptAt, @eventTime, @now, @now)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    this.#insertFile = db.prepare(
      'INSERT INTO outbox_files (outbox_id, path, sha256, bytes) VALUES (?, ?, ?, ?)',
    );
    this.#byKey = db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?');
    this.#filesOf = db.prepare(
      'SELECT path, sha256, bytes FROM outbox_files WHERE outbox_id = ? ORDER BY path',
    );
    this.#counts = db.prepare('SELECT target, state, count(*) AS n FROM outbox GROUP BY target, state');
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

  #toRow(raw: RawRow): OutboxRow {
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
      files: this.#filesOf.all(raw.id),
    };
  }
}

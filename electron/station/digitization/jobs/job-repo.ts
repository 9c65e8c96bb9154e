import type Database from 'better-sqlite3';
import type { BibRecord, CatalogQuery } from '../../contract/catalog-types.js';
import type {
  JobEvent,
  JobFilter,
  JobLookup,
  JobProfile,
  JobState,
  JobSummary,
  LookupState,
  NumberingRule,
  QcCounts,
} from '../../contract/digitization-types.js';
import { jobNotFound } from '../errors.js';

export interface JobRow {
  id: number;
  item_barcode: string;
  catalog_record: string | null;
  profile: string;
  state: JobState;
  failed_from: JobState | null;
  numbering: string | null;
  purged_at: string | null;
  created_at: string;
  updated_at: string;
  lookup_state: LookupState;
  lookup_query: string | null;
  lookup_candidates: string | null;
  lookup_attempts: number;
  lookup_next_at: string | null;
  lookup_error: string | null;
}

/** A job's lookup columns as one value; written whole, so a half-updated lookup cannot exist. */
export type LookupRow = Omit<JobLookup, 'state'> & { state: LookupState };

interface SummaryRow extends JobRow {
  title: string | null;
  author: string | null;
  page_count: number;
  pending_pages: number;
  flagged_pages: number;
  qc_counts: string | null;
}

const LIVE = 'p.job_id = j.id AND p.sequence IS NOT NULL';

// Counts over the job's live pages and their current masters, one row per job.
const SUMMARY_SELECT = `
  SELECT j.*,
    json_extract(j.catalog_record, '$.title') AS title,
    json_extract(j.catalog_record, '$.creators[0].name') AS author,
    (SELECT count(*) FROM digitization_pages p WHERE ${LIVE}) AS page_count,
    (SELECT count(*) FROM digitization_pages p JOIN digitization_masters m ON m.id = p.master_id
      WHERE ${LIVE} AND m.derived_at IS NULL AND m.derive_error IS NULL) AS pending_pages,
    (SELECT count(*) FROM digitization_pages p JOIN digitization_masters m ON m.id = p.master_id
      WHERE ${LIVE} AND json_array_length(coalesce(m.qc_flags, '[]')) > 0) AS flagged_pages,
    (SELECT json_group_object(flag, n) FROM (
      SELECT f.value AS flag, count(*) AS n
      FROM digitization_pages p JOIN digitization_masters m ON m.id = p.master_id, json_each(m.qc_flags) f
      WHERE ${LIVE} GROUP BY f.value)) AS qc_counts
  FROM digitization_jobs j`;

/** Jobs and their lifecycle history. Callers hold the transaction; this only speaks SQL. */
export class JobRepo {
  readonly #insert: Database.Statement;
  readonly #insertEvent: Database.Statement;
  readonly #get: Database.Statement<[number], JobRow>;
  readonly #setState: Database.Statement;
  readonly #setNumbering: Database.Statement;
  readonly #setCatalog: Database.Statement;
  readonly #touch: Database.Statement;
  readonly #markPurged: Database.Statement;
  readonly #events: Database.Statement<
    [number],
    { id: number; from_state: JobState | null; to_state: JobState; note: string | null; at: string }
  >;
  readonly #summary: Database.Statement<[number], SummaryRow>;
  readonly #list: Database.Statement<[{ states: string | null; barcode: string | null }], SummaryRow>;
  readonly #unpurgedDelivered: Database.Statement<[], { id: number }>;
  readonly #setLookup: Database.Statement;
  readonly #dueLookups: Database.Statement<[string], { id: number }>;
  readonly #codes: Database.Statement<[], { id: number; item_barcode: string; isbns: string | null }>;
  readonly #delete: Database.Statement<[number]>;
  readonly #remember: Database.Statement<[string, number]>;
  readonly #ids: Database.Statement<[], { id: number }>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(
      // Ids of deleted jobs are not reused (see migration 007).
      `INSERT INTO digitization_jobs (id, item_barcode, catalog_record, profile, created_at, updated_at)
       VALUES (1 + max(coalesce((SELECT max(id) FROM digitization_jobs), 0),
                       coalesce((SELECT max(id) FROM digitization_deleted_jobs), 0)), ?, ?, ?, ?, ?)`,
    );
    this.#insertEvent = db.prepare(
      'INSERT INTO digitization_job_events (job_id, from_state, to_state, note, at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#get = db.prepare('SELECT * FROM digitization_jobs WHERE id = ?');
    this.#setState = db.prepare(
      'UPDATE digitization_jobs SET state = ?, failed_from = ?, updated_at = ? WHERE id = ?',
    );
    this.#setNumbering = db.prepare(
      'UPDATE digitization_jobs SET numbering = ?, updated_at = ? WHERE id = ?',
    );
    this.#setCatalog = db.prepare(
      'UPDATE digitization_jobs SET catalog_record = ?, updated_at = ? WHERE id = ?',
    );
    this.#touch = db.prepare('UPDATE digitization_jobs SET updated_at = ? WHERE id = ?');
    this.#markPurged = db.prepare('UPDATE digitization_jobs SET purged_at = ? WHERE id = ?');
    this.#events = db.prepare(
      'SELECT id, from_state, to_state, note, at FROM digitization_job_events WHERE job_id = ? ORDER BY id',
    );
    this.#summary = db.prepare(`${SUMMARY_SELECT} WHERE j.id = ?`);
    this.#list = db.prepare(
      `${SUMMARY_SELECT}
       WHERE (@states IS NULL OR j.state IN (SELECT value FROM json_each(@states)))
         AND (@barcode IS NULL OR j.item_barcode = @barcode)
       ORDER BY j.updated_at DESC, j.id DESC`,
    );
    this.#unpurgedDelivered = db.prepare(
      "SELECT id FROM digitization_jobs WHERE state = 'delivered' AND purged_at IS NULL",
    );
    this.#setLookup = db.prepare(
      `UPDATE digitization_jobs SET lookup_state = @state, lookup_query = @query,
         lookup_candidates = @candidates, lookup_attempts = @attempts, lookup_next_at = @nextAttemptAt,
         lookup_error = @lastError, updated_at = @now WHERE id = @id`,
    );
    this.#dueLookups = db.prepare(
      `SELECT id FROM digitization_jobs WHERE lookup_state = 'pending'
         AND (lookup_next_at IS NULL OR lookup_next_at <= ?) ORDER BY lookup_next_at, id`,
    );
    this.#codes = db.prepare(
      "SELECT id, item_barcode, json_extract(catalog_record, '$.isbns') AS isbns FROM digitization_jobs",
    );
    this.#delete = db.prepare('DELETE FROM digitization_jobs WHERE id = ?');
    this.#remember = db.prepare(
      `INSERT INTO digitization_deleted_jobs (id, item_barcode, title, deleted_at)
       SELECT id, item_barcode, json_extract(catalog_record, '$.title'), ? FROM digitization_jobs WHERE id = ?`,
    );
    this.#ids = db.prepare('SELECT id FROM digitization_jobs');
  }

  create(
    itemBarcode: string,
    profile: JobProfile,
    catalogRecord: BibRecord | null | undefined,
    now: string,
  ): number {
    const info = this.#insert.run(
      itemBarcode,
      catalogRecord === undefined || catalogRecord === null ? null : JSON.stringify(catalogRecord),
      JSON.stringify(profile),
      now,
      now,
    );
    const id = Number(info.lastInsertRowid);
    this.#insertEvent.run(id, null, 'created', null, now);
    return id;
  }

  /** The job's row, or undefined when there is no such job (deleted meanwhile). */
  find(id: number): JobRow | undefined {
    return this.#get.get(id);
  }

  require(id: number): JobRow {
    const row = this.find(id);
    if (!row) throw jobNotFound(id);
    return row;
  }

  /** Moves the job and records the move; the caller has checked the transitions table. */
  setState(id: number, from: JobState, to: JobState, note: string | null, now: string): void {
    this.#setState.run(to, to === 'failed' ? from : null, now, id);
    this.#insertEvent.run(id, from, to, note, now);
  }

  setNumbering(id: number, rule: NumberingRule | null, now: string): void {
    this.#setNumbering.run(rule ? JSON.stringify(rule) : null, now, id);
  }

  setCatalogRecord(id: number, record: unknown, now: string): void {
    this.#setCatalog.run(record === null || record === undefined ? null : JSON.stringify(record), now, id);
  }

  setLookup(id: number, lookup: LookupRow, now: string): void {
    this.#setLookup.run({
      id,
      now,
      state: lookup.state,
      query: lookup.query ? JSON.stringify(lookup.query) : null,
      candidates: lookup.candidates.length ? JSON.stringify(lookup.candidates) : null,
      attempts: lookup.attempts,
      nextAttemptAt: lookup.nextAttemptAt,
      lastError: lookup.lastError ? JSON.stringify(lookup.lastError) : null,
    });
  }

  /** Jobs whose pending lookup is due at `now`, the longest waiting first. */
  dueLookups(now: string): number[] {
    return this.#dueLookups.all(now).map((r) => r.id);
  }

  /** Every job's barcode and its record's ISBNs, for the duplicate check. */
  codes(): { id: number; itemBarcode: string; isbns: string[] }[] {
    return this.#codes.all().map((r) => ({
      id: r.id,
      itemBarcode: r.item_barcode,
      isbns: r.isbns ? (JSON.parse(r.isbns) as string[]) : [],
    }));
  }

  /** Removes the job's rows (events, pages, masters and undo log go with it), remembering what went. */
  delete(id: number, now: string): void {
    this.#remember.run(now, id);
    this.#delete.run(id);
  }

  ids(): Set<number> {
    return new Set(this.#ids.all().map((r) => r.id));
  }

  touch(id: number, now: string): void {
    this.#touch.run(now, id);
  }

  markPurged(id: number, now: string): void {
    this.#markPurged.run(now, id);
  }

  unpurgedDelivered(): number[] {
    return this.#unpurgedDelivered.all().map((r) => r.id);
  }

  events(id: number): JobEvent[] {
    return this.#events
      .all(id)
      .map((e) => ({ id: e.id, from: e.from_state, to: e.to_state, note: e.note, at: e.at }));
  }

  summary(id: number): JobSummary {
    const row = this.#summary.get(id);
    if (!row) throw jobNotFound(id);
    return toSummary(row);
  }

  list(filter: JobFilter = {}): JobSummary[] {
    const states = filter.states?.length ? JSON.stringify(filter.states) : null;
    return this.#list.all({ states, barcode: filter.itemBarcode ?? null }).map(toSummary);
  }
}

export function parseLookup(row: JobRow): JobLookup {
  return {
    state: row.lookup_state,
    query: row.lookup_query ? (JSON.parse(row.lookup_query) as CatalogQuery) : null,
    candidates: row.lookup_candidates ? (JSON.parse(row.lookup_candidates) as BibRecord[]) : [],
    attempts: row.lookup_attempts,
    nextAttemptAt: row.lookup_next_at,
    lastError: row.lookup_error ? JSON.parse(row.lookup_error) : null,
  };
}

export function parseNumbering(row: JobRow): NumberingRule | null {
  return row.numbering ? (JSON.parse(row.numbering) as NumberingRule) : null;
}

function toSummary(row: SummaryRow): JobSummary {
  return {
    id: row.id,
    itemBarcode: row.item_barcode,
    title: row.title,
    author: row.author,
    lookup: row.lookup_state,
    state: row.state,
    failedFrom: row.failed_from,
    pageCount: row.page_count,
    qcCounts: row.qc_counts ? (JSON.parse(row.qc_counts) as QcCounts) : {},
    flaggedPages: row.flagged_pages,
    pendingPages: row.pending_pages,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

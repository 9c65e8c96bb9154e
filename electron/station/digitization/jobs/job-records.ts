import type Database from 'better-sqlite3';
import type { FoundRecords } from '../../catalog/catalog-service.js';
import { isbnsMatch } from '../../catalog/normalise.js';
import type { BibRecord, CatalogQuery } from '../../contract/catalog-types.js';
import type { DigitizationEvents, JobSummary } from '../../contract/digitization-types.js';
import type { ContractError } from '../../contract/errors.js';
import { StationError } from '../../errors.js';
import type { EventHub } from '../../events.js';
import { type JobRepo, type LookupRow, parseLookup } from './job-repo.js';

/** Where a job's record comes from: the station's catalog (all its sources at once). */
export interface RecordFinder {
  find(query: CatalogQuery, signal?: AbortSignal): Promise<FoundRecords>;
}

/**
 * Waits between background tries of a pending lookup: soon at first (a blip in the network), then
 * less often, never more than a quarter of an hour apart so a catalogue that comes back in the
 * afternoon fills the morning's jobs within minutes.
 */
export const RETRY_DELAYS_MS = [30_000, 60_000, 120_000, 300_000, 900_000] as const;
/** How often the background checks for due lookups. */
export const RETRY_TICK_MS = 10_000;

export interface JobRecordsOptions {
  db: Database.Database;
  jobs: JobRepo;
  events: EventHub<DigitizationEvents>;
  finder: RecordFinder | null;
  now?: () => number;
  log?: (message: string, err?: unknown) => void;
}

/**
 * A job's catalog record and its lookup: the record picked or typed at creation, or a lookup kept
 * pending while the sources are down and retried in the background until they answer; the
 * operator is told (`job.record`) when it does.
 */
export class JobRecords {
  readonly #db: Database.Database;
  readonly #jobs: JobRepo;
  readonly #events: EventHub<DigitizationEvents>;
  readonly #finder: RecordFinder | null;
  readonly #now: () => number;
  readonly #log: JobRecordsOptions['log'];
  /** Jobs whose lookup is running now: a second try waits for the first. */
  readonly #running = new Map<number, Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #stopped = new AbortController();

  constructor(options: JobRecordsOptions) {
    this.#db = options.db;
    this.#jobs = options.jobs;
    this.#events = options.events;
    this.#finder = options.finder;
    this.#now = options.now ?? Date.now;
    this.#log = options.log;
  }

  /**
   * Jobs that already have one of these codes as their barcode, or as an ISBN of their record.
   * Barcodes compare as typed (case aside); ISBNs as ISBNs (10 or 13 digits, hyphens or not).
   */
  duplicates(codes: string[], except?: number): JobSummary[] {
    const wanted = codes.map((c) => c.trim()).filter((c) => c !== '');
    const ids = this.#jobs
      .codes()
      .filter((job) => job.id !== except)
      .filter((job) =>
        wanted.some(
          (code) =>
            code.toLocaleLowerCase('und') === job.itemBarcode.toLocaleLowerCase('und') ||
            isbnsMatch(code, job.itemBarcode) ||
            job.isbns.some((isbn) => isbnsMatch(code, isbn)),
        ),
      )
      .map((job) => job.id);
    return ids.map((id) => this.#jobs.summary(id));
  }

  /** A new job's start: its record, or its lookup queued (due at once). Inside the creating transaction. */
  initial(jobId: number, record: BibRecord | null, query: CatalogQuery | null): void {
    if (record) {
      this.#jobs.setLookup(jobId, { ...EMPTY, state: 'found', query }, this.#iso());
    } else if (query) {
      this.#jobs.setLookup(
        jobId,
        { ...EMPTY, state: 'pending', query, nextAttemptAt: this.#iso() },
        this.#iso(),
      );
    }
  }

  /** The operator picked a candidate, or saved fields typed by hand; null clears the record. */
  setRecord(jobId: number, record: BibRecord | null): void {
    this.#db.transaction(() => {
      const lookup = parseLookup(this.#jobs.require(jobId));
      this.#jobs.setCatalogRecord(jobId, record, this.#iso());
      const next: LookupRow = record
        ? { ...lookup, state: 'found', nextAttemptAt: null, lastError: null }
        : { ...lookup, state: lookup.candidates.length ? 'choose' : 'none', nextAttemptAt: null };
      this.#jobs.setLookup(jobId, next, this.#iso());
    })();
    this.#told(jobId);
  }

  /** Tries the job's lookup now, with its query or a new one; resolves after the try. */
  async lookupNow(jobId: number, query?: CatalogQuery): Promise<void> {
    const row = this.#jobs.require(jobId);
    const lookup = parseLookup(row);
    const q = query ?? lookup.query;
    if (!q) {
      throw new StationError('INVALID_OPERATION', `Job ${jobId} has no lookup to try: give a query`);
    }
    if (query) {
      this.#jobs.setLookup(
        jobId,
        { ...lookup, state: 'pending', query, attempts: 0, nextAttemptAt: null },
        this.#iso(),
      );
    }
    await this.#attempt(jobId);
  }

  /** Starts the background tries; due lookups run at once. */
  start(): void {
    if (this.#timer || !this.#finder) return;
    this.#stopped = new AbortController();
    this.#timer = setInterval(() => void this.runDue(), RETRY_TICK_MS);
    this.#timer.unref();
    void this.runDue();
  }

  /** Stops the background and cancels the lookups under way (they stay pending). */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#stopped.abort();
    await Promise.allSettled(this.#running.values());
  }

  /** Runs every pending lookup that is due; each job once at a time. */
  async runDue(): Promise<void> {
    const due = this.#jobs.dueLookups(this.#iso());
    await Promise.allSettled(due.map((id) => this.#attempt(id)));
  }

  #attempt(jobId: number): Promise<void> {
    const running = this.#running.get(jobId);
    if (running) return running;
    const run = this.#try(jobId).finally(() => this.#running.delete(jobId));
    this.#running.set(jobId, run);
    return run;
  }

  async #try(jobId: number): Promise<void> {
    const before = parseLookup(this.#jobs.require(jobId));
    if (!before.query || !this.#finder) return;
    let found: FoundRecords;
    try {
      found = await this.#finder.find(before.query, this.#stopped.signal);
    } catch (err) {
      // No sources at all (none set up yet): stays pending, tried again later like a source that is down.
      found = { records: [], firstSourceHits: 0, answered: false, errors: [asContractError(err)] };
    }
    if (this.#stopped.signal.aborted) return;
    const row = this.#jobs.find(jobId);
    const still = row ? parseLookup(row) : null;
    // Deleted meanwhile, or the operator set the record while the sources were being asked.
    if (still?.state !== 'pending') return;
    const attempts = before.attempts + 1;
    let next: LookupRow;
    let record: BibRecord | null = null;
    if (!found.answered) {
      const wait = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1]!;
      next = {
        ...still,
        attempts,
        nextAttemptAt: new Date(this.#now() + wait).toISOString(),
        lastError: found.errors[0] ?? null,
      };
    } else if (found.records.length === 0) {
      // A lasting refusal (no template for this kind, a diagnostic) is kept so the screen can say why.
      next = {
        ...still,
        state: 'not_found',
        attempts,
        nextAttemptAt: null,
        lastError: found.errors[0] ?? null,
      };
    } else {
      // One hit in the first source that has any: that is the book. More: the operator chooses.
      const one = found.firstSourceHits === 1;
      record = one ? found.records[0]! : null;
      next = {
        ...still,
        state: one ? 'found' : 'choose',
        candidates: found.records,
        attempts,
        nextAttemptAt: null,
        lastError: null,
      };
    }
    this.#db.transaction(() => {
      if (record) this.#jobs.setCatalogRecord(jobId, record, this.#iso());
      this.#jobs.setLookup(jobId, next, this.#iso());
    })();
    if (next.state !== 'pending') this.#log?.(`job ${jobId}: lookup ${next.state}`);
    this.#told(jobId);
  }

  #told(jobId: number): void {
    const summary = this.#jobs.summary(jobId);
    this.#events.emit('job.record', {
      jobId,
      lookup: summary.lookup,
      title: summary.title,
      author: summary.author,
    });
  }

  #iso(): string {
    return new Date(this.#now()).toISOString();
  }
}

const EMPTY: LookupRow = {
  state: 'none',
  query: null,
  candidates: [],
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
};

function asContractError(err: unknown): ContractError {
  return err instanceof StationError ? err.toContract() : { code: 'INTERNAL', message: String(err) };
}

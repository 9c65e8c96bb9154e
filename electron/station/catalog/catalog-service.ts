import type {
  CatalogEvents,
  CatalogLookupResult,
  CatalogOutcome,
  CatalogSourceTestResult,
  SavedCatalogSource,
} from '../contract/catalog.js';
import { isTransientCatalogError, RAW_ANSWER_MAX } from '../contract/catalog.js';
import type { ContractError } from '../contract/errors.js';
import { EventHub } from '../events.js';
import { CatalogError, withSource } from './errors.js';
import { searchSource, searchSources } from './search.js';
import type { CatalogSourceStore, LoginChange, SourceWithLogin } from './source-store.js';
import type { BibRecord, CatalogQuery, CatalogSource } from './types.js';

export interface CatalogServiceOptions {
  store: CatalogSourceStore;
  /**
   * The sources a station with none saved asks: demo mode's demo catalogue. Called when needed, so
   * a station that never looks anything up starts no server.
   */
  fallback?: () => Promise<SourceWithLogin[]>;
  /** Told to Z39.50 servers in Init. */
  clientVersion: string;
}

/** What all sources together said to one lookup, for a job's record. */
export interface FoundRecords {
  /** Records in the order the sources are tried (the library's own catalogue first). */
  records: BibRecord[];
  /** How many records the first source with hits found: one means "this is the book". */
  firstSourceHits: number;
  /** At least one source answered (with records, without, or with a lasting refusal). */
  answered: boolean;
  /** Why the sources that did not answer did not. */
  errors: ContractError[];
}

/**
 * The station's catalog: its sources (saved, with encrypted logins), the lookups the new-job
 * screen runs while the operator waits (answers published per source as they arrive), the
 * lookups of jobs, and staff's source test.
 */
export class CatalogService {
  readonly events = new EventHub<CatalogEvents>();
  readonly #store: CatalogSourceStore;
  readonly #fallback: CatalogServiceOptions['fallback'];
  readonly #clientVersion: string;
  /** The screens' running lookups by id; a new one cancels those before it. */
  readonly #running = new Map<string, AbortController>();

  constructor(options: CatalogServiceOptions) {
    this.#store = options.store;
    this.#fallback = options.fallback;
    this.#clientVersion = options.clientVersion;
  }

  /** The sources lookups ask, in order: those saved, else the fallback (demo mode). */
  async sources(): Promise<SourceWithLogin[]> {
    const saved = this.#store.withLogins();
    if (saved.length > 0 || !this.#fallback) return saved;
    return this.#fallback();
  }

  async list(): Promise<SavedCatalogSource[]> {
    const saved = this.#store.list().map((s) => ({ ...s, builtIn: false }));
    if (saved.length > 0 || !this.#fallback) return saved;
    return (await this.#fallback()).map((s) => ({
      source: s.source,
      user: null,
      passwordSet: false,
      builtIn: true,
    }));
  }

  save(
    source: CatalogSource,
    replaces: string | undefined,
    login: LoginChange,
  ): Promise<SavedCatalogSource[]> {
    this.#store.save(source, replaces, login);
    return this.list();
  }

  remove(name: string): Promise<SavedCatalogSource[]> {
    this.#store.remove(name);
    return this.list();
  }

  reorder(names: string[]): Promise<SavedCatalogSource[]> {
    this.#store.reorder(names);
    return this.list();
  }

  /**
   * The new-job screen's lookup: every source at once, each answer published as it arrives.
   * Starting one cancels the lookups before it (the operator moved on to another book).
   */
  async lookup(lookupId: string, query: CatalogQuery): Promise<CatalogLookupResult> {
    for (const [id, running] of this.#running) {
      running.abort();
      this.#running.delete(id);
    }
    const sources = await this.#needSources();
    const stop = new AbortController();
    this.#running.set(lookupId, stop);
    const outcomes: CatalogOutcome[] = [];
    try {
      for await (const o of searchSources(sources, query, {
        signal: stop.signal,
        clientVersion: this.#clientVersion,
      })) {
        const outcome: CatalogOutcome = o.ok
          ? {
              lookupId,
              source: o.source,
              index: o.index,
              ok: true,
              total: o.result.total,
              records: o.result.records,
              error: null,
            }
          : {
              lookupId,
              source: o.source,
              index: o.index,
              ok: false,
              total: 0,
              records: [],
              error: o.error.toContract(),
            };
        outcomes.push(outcome);
        // A cancelled lookup's late answers would only confuse the screen that moved on.
        if (!stop.signal.aborted) this.events.emit('catalog.outcome', outcome);
      }
    } finally {
      if (this.#running.get(lookupId) === stop) this.#running.delete(lookupId);
    }
    return {
      lookupId,
      outcomes,
      unanswered: outcomes.every((o) => o.error !== null && isTransientCatalogError(o.error)),
    };
  }

  cancel(lookupId: string): boolean {
    const running = this.#running.get(lookupId);
    if (!running) return false;
    running.abort();
    this.#running.delete(lookupId);
    return true;
  }

  /** A job's lookup (in the background or on the operator's "try now"): every source, all answers. */
  async find(query: CatalogQuery, signal?: AbortSignal): Promise<FoundRecords> {
    const sources = await this.#needSources();
    const bySource: { index: number; records: BibRecord[] }[] = [];
    const errors: ContractError[] = [];
    let answered = false;
    for await (const o of searchSources(sources, query, { signal, clientVersion: this.#clientVersion })) {
      if (o.ok) {
        answered = true;
        bySource.push({ index: o.index, records: o.result.records });
      } else {
        if (!isTransientCatalogError(o.error)) answered = true;
        errors.push(o.error.toContract());
      }
    }
    bySource.sort((a, b) => a.index - b.index);
    return {
      records: bySource.flatMap((s) => s.records),
      firstSourceHits: bySource.find((s) => s.records.length > 0)?.records.length ?? 0,
      answered,
      errors,
    };
  }

  /** Staff try a source as typed: one lookup, the records, and what the server sent. */
  async test(
    source: CatalogSource,
    replaces: string | undefined,
    login: LoginChange,
    query: CatalogQuery,
  ): Promise<CatalogSourceTestResult> {
    const credentials = this.#store.loginFor(replaces, login);
    const raw: string[] = [];
    const started = performance.now();
    const elapsedMs = () => Math.round(performance.now() - started);
    try {
      const result = await searchSource(source, query, {
        credentials,
        clientVersion: this.#clientVersion,
        onRawAnswer: (text) => raw.push(text),
      });
      // Z39.50 has no text to show: the records as MARCXML are what the server sent, decoded.
      if (source.protocol === 'z3950') raw.push(...result.records.map((r) => r.marcxml));
      return {
        ok: true,
        total: result.total,
        records: result.records,
        raw: cut(raw),
        error: null,
        elapsedMs: elapsedMs(),
      };
    } catch (err) {
      const error = withSource(err, source.name).toContract();
      return { ok: false, total: 0, records: [], raw: cut(raw), error, elapsedMs: elapsedMs() };
    }
  }

  async #needSources(): Promise<SourceWithLogin[]> {
    const sources = await this.sources();
    if (sources.length === 0) {
      throw new CatalogError('CATALOG_NO_SOURCES', 'No catalog source is set up on this station');
    }
    return sources;
  }
}

function cut(raw: string[]): string {
  const text = raw.join('\n\n');
  return text.length > RAW_ANSWER_MAX ? text.slice(0, RAW_ANSWER_MAX) : text;
}

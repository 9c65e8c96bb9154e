import type { CatalogOutcome, CatalogQuery, ContractError, SavedCatalogSource } from '@contract/index.js';
import { isTransientCatalogError } from '@contract/index.js';
import { codeQuery, EMPTY_HAND, type HandField, type HandFields, searchQuery } from './catalog-record.js';
import type { JobsContext } from './context.js';

/**
 * The new-job screen's catalogue lookup and duplicate check: as soon as a code is scanned or
 * typed, the jobs that already have it are asked for and every catalogue source is asked; each
 * source's answer (`catalog.outcome`) shows as it arrives. Answers of a lookup that is no longer
 * the current one (another search began, the screen was left) are dropped.
 */

/** A job that already has the code: from `jobs.duplicates`, or from a JOB_DUPLICATE refusal. */
export interface DuplicateJob {
  id: number;
  itemBarcode: string;
  title: string | null;
}

export interface CatalogLookup {
  /** The lookup the screen shows; null before the first. */
  id: string | null;
  query: CatalogQuery | null;
  running: boolean;
  /** Each source's answer, in the order they arrived. */
  outcomes: CatalogOutcome[];
  /** No source answered at all: the job may be made with the lookup pending. */
  unanswered: boolean;
  /** The lookup itself was refused (no sources, no connection). */
  error: ContractError | null;
}

export const NO_LOOKUP: CatalogLookup = {
  id: null,
  query: null,
  running: false,
  outcomes: [],
  unanswered: false,
  error: null,
};

/**
 * Whether to offer "create now, look the record up later": the core said nobody answered, or
 * every source that reported was unreachable or too slow.
 */
export function offerPending(lookup: CatalogLookup): boolean {
  if (lookup.running || lookup.query === null || lookup.error) return false;
  if (lookup.unanswered) return true;
  return (
    lookup.outcomes.length > 0 &&
    lookup.outcomes.every((o) => !o.ok && o.error !== null && isTransientCatalogError(o.error))
  );
}

/** A source's line under the search: still working, answered (with how many), or failed. */
export type SourceLine =
  | { source: string; state: 'working' }
  | { source: string; state: 'answered'; total: number }
  | { source: string; state: 'failed'; error: ContractError };

export function sourceLines(lookup: CatalogLookup, sources: readonly string[]): SourceLine[] {
  const lines: SourceLine[] = lookup.outcomes.map((o) =>
    o.ok || !o.error
      ? { source: o.source, state: 'answered', total: o.total }
      : { source: o.source, state: 'failed', error: o.error },
  );
  if (lookup.running) {
    const done = new Set(lookup.outcomes.map((o) => o.source));
    for (const source of sources) if (!done.has(source)) lines.push({ source, state: 'working' });
  }
  return lines;
}

export interface CatalogLookupSlice {
  lookup: CatalogLookup;
  /** The site's source names, to say which are still working. */
  catalogSources: string[];
  duplicates: DuplicateJob[];
  /** The operator saw the duplicates and wants another job anyway. */
  allowDuplicate: boolean;
  /** The title/author search fields. */
  search: { title: string; author: string };
  /** The hand-entry form, when open. */
  hand: HandFields | null;

  /** A code was scanned or typed (Enter): check for duplicates and look it up. */
  lookUpCode(code?: string): void;
  setSearch(patch: Partial<{ title: string; author: string }>): void;
  /** Runs another lookup with the title or author typed. */
  searchCatalog(): void;
  /** Stops the running lookup (the screen is left); its late answers are dropped. */
  cancelLookup(): void;
  setAllowDuplicate(allow: boolean): void;
  openHand(): void;
  setHand(field: HandField, value: string): void;
  closeHand(): void;
  loadCatalogSources(): Promise<void>;
}

/** What a new-job screen starts with. */
export function freshLookup(): Pick<
  CatalogLookupSlice,
  'lookup' | 'duplicates' | 'allowDuplicate' | 'search' | 'hand'
> {
  return {
    lookup: NO_LOOKUP,
    duplicates: [],
    allowDuplicate: false,
    search: { title: '', author: '' },
    hand: null,
  };
}

let lookupCounter = 0;
/** A lookup id the core accepts ([A-Za-z0-9-]); unique within this screen's life, which is enough. */
function nextLookupId(): string {
  lookupCounter += 1;
  return `nj-${Date.now().toString(36)}-${lookupCounter}`;
}

export function createCatalogLookupSlice(ctx: JobsContext): CatalogLookupSlice {
  const { api, set, get } = ctx;
  /** The code whose duplicates are shown: a late answer about an earlier code is dropped. */
  let duplicatesFor: string | null = null;

  const run = async (query: CatalogQuery) => {
    const previous = get().lookup;
    const lookupId = nextLookupId();
    // The core cancels the previous lookup when a new one starts; its late events carry its id.
    set({ lookup: { ...NO_LOOKUP, id: lookupId, query, running: true } });
    if (previous.running && previous.id) void api.call('catalog.cancel', { lookupId: previous.id });
    const result = await api.call('catalog.lookup', { lookupId, query });
    const now = get().lookup;
    if (now.id !== lookupId) return;
    if (!result.ok) {
      set({ lookup: { ...now, running: false, error: result.error } });
      return;
    }
    // The final list is complete: it also has any outcome whose event was missed.
    set({
      lookup: {
        ...now,
        running: false,
        outcomes: result.value.outcomes,
        unanswered: result.value.unanswered,
      },
    });
  };

  api.on('catalog.outcome', (outcome) => {
    const lookup = get().lookup;
    if (outcome.lookupId !== lookup.id || !lookup.running) return;
    const outcomes = [...lookup.outcomes.filter((o) => o.source !== outcome.source), outcome];
    set({ lookup: { ...lookup, outcomes } });
  });

  const checkDuplicates = async (code: string) => {
    duplicatesFor = code;
    set({ duplicates: [], allowDuplicate: false });
    const result = await api.call('jobs.duplicates', { code });
    if (duplicatesFor !== code || !result.ok) return;
    set({ duplicates: result.value.map(({ id, itemBarcode, title }) => ({ id, itemBarcode, title })) });
  };

  return {
    ...freshLookup(),
    catalogSources: [],

    lookUpCode(code) {
      const text = (code ?? get().barcode).trim();
      if (!text || text.length > 64) return;
      set({ barcode: text, createError: null, hand: null });
      void checkDuplicates(text);
      void run(codeQuery(text));
    },

    setSearch(patch) {
      set({ search: { ...get().search, ...patch } });
    },

    searchCatalog() {
      const query = searchQuery(get().search.title, get().search.author);
      if (query) void run(query);
    },

    cancelLookup() {
      const { id, running } = get().lookup;
      if (!id) return;
      if (running) void api.call('catalog.cancel', { lookupId: id });
      set({ lookup: NO_LOOKUP });
      duplicatesFor = null;
    },

    setAllowDuplicate(allow) {
      set({ allowDuplicate: allow });
    },

    openHand() {
      const { title, author } = get().search;
      set({ hand: { ...EMPTY_HAND, title, author } });
    },

    setHand(field, value) {
      const hand = get().hand;
      if (hand) set({ hand: { ...hand, [field]: value } });
    },

    closeHand() {
      set({ hand: null });
    },

    async loadCatalogSources() {
      const result = await api.call('catalogSources.list', {});
      // Without the names the screen still works: it says "searching" without naming sources.
      if (result.ok) set({ catalogSources: result.value.map((s: SavedCatalogSource) => s.source.name) });
    },
  };
}

import { type CatalogError, cancelled, withSource } from './errors.js';
import type { LookupOptions, LookupResult } from './lookup.js';
import { buildQuery } from './query.js';
import type { SourceWithLogin } from './source-store.js';
import { sruSearch } from './sru/client.js';
import type { CatalogQuery, CatalogSource } from './types.js';

/** A source, or a source with the login its lookups send. */
export type SourceToAsk = CatalogSource | SourceWithLogin;

function withLogin(s: SourceToAsk): SourceWithLogin {
  return 'source' in s ? s : { source: s };
}

import { z3950Search } from './z3950/client.js';

/** One source, one lookup. Every failure is a CatalogError carrying the source's name. */
export async function searchSource(
  source: CatalogSource,
  query: CatalogQuery,
  options: LookupOptions = {},
): Promise<LookupResult> {
  try {
    if (options.signal?.aborted) throw cancelled();
    const built = buildQuery(source, query);
    return source.protocol === 'sru'
      ? await sruSearch(source, built, options)
      : await z3950Search(source, built, options);
  } catch (err) {
    throw withSource(err, source.name);
  }
}

/** What one source came to, in the order sources finish. */
export type SourceOutcome =
  | { ok: true; source: string; index: number; result: LookupResult }
  | { ok: false; source: string; index: number; error: CatalogError };

/**
 * Asks several sources at once and yields each outcome as it arrives, so the first good answer can
 * be shown while slower catalogues are still working. `index` is the source's place in the site's
 * list (the library's own catalogue first), for callers that rank answers.
 *
 * Leaving the loop early (`break`, `return`, or the caller's signal) cancels the sources still
 * running: their sockets are closed and their outcomes dropped.
 */
export async function* searchSources(
  sources: SourceToAsk[],
  query: CatalogQuery,
  options: LookupOptions = {},
): AsyncGenerator<SourceOutcome, void, undefined> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const pending = new Map<number, Promise<SourceOutcome>>();
  sources.map(withLogin).forEach(({ source, credentials }, index) => {
    pending.set(
      index,
      searchSource(source, query, {
        ...options,
        signal,
        credentials: credentials ?? options.credentials,
      }).then(
        (result): SourceOutcome => ({ ok: true, source: source.name, index, result }),
        (err): SourceOutcome => ({
          ok: false,
          source: source.name,
          index,
          error: withSource(err, source.name),
        }),
      ),
    );
  });
  try {
    while (pending.size > 0) {
      const outcome = await Promise.race(pending.values());
      pending.delete(outcome.index);
      yield outcome;
    }
  } finally {
    if (pending.size > 0) {
      stop.abort();
      // Let the cancelled lookups close their sockets before the caller goes on.
      await Promise.allSettled(pending.values());
    }
  }
}

/**
 * The first source that finds something, the others cancelled; null when none found anything.
 * Errors of the sources that failed are returned too, so a screen can say "the union catalogue
 * did not answer" next to nothing found.
 */
export async function firstHit(
  sources: SourceToAsk[],
  query: CatalogQuery,
  options: LookupOptions = {},
): Promise<{ hit: LookupResult | null; errors: CatalogError[] }> {
  const errors: CatalogError[] = [];
  for await (const outcome of searchSources(sources, query, options)) {
    if (!outcome.ok) errors.push(outcome.error);
    else if (outcome.result.records.length > 0) return { hit: outcome.result, errors };
  }
  return { hit: null, errors };
}

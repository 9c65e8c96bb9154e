import { CatalogError, cancelled } from './errors.js';
import type { BibRecord } from './types.js';

/** A record that could not be read, by its position in the result set; the others are still good. */
export interface SkippedRecord {
  position: number;
  error: CatalogError;
}

/** What one source answered to one lookup. */
export interface LookupResult {
  source: string;
  /** Hits the server counted (may exceed the records fetched: `maxRecords` caps those). */
  total: number;
  records: BibRecord[];
  skipped: SkippedRecord[];
}

export interface LookupOptions {
  /** The caller moved on: abort the lookup (CATALOG_CANCELLED). */
  signal?: AbortSignal;
  /** Overrides the source's maxRecords (the CLI's --max). */
  maxRecords?: number;
  /** Our version, told to Z39.50 servers in Init (their logs show who asked). */
  clientVersion?: string;
  /**
   * The source's login, when it needs one: Z39.50 Init idPass, HTTP Basic for SRU. Kept out of
   * `CatalogSource` on purpose: the store keeps it encrypted and hands it in per lookup.
   */
  credentials?: { user: string; password: string };
  /** Staff testing a source see what the server sent: each SRU answer's body, as it came. */
  onRawAnswer?: (text: string) => void;
}

/**
 * The signal a request runs under: the caller's, plus the source's timeout. `why()` tells which of
 * the two ended it, so the error says CANCELLED or TIMEOUT truthfully.
 */
export function deadline(
  timeoutSeconds: number,
  caller: AbortSignal | undefined,
): { signal: AbortSignal; why: () => CatalogError; dispose: () => void } {
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), timeoutSeconds * 1000);
  const signal = caller ? AbortSignal.any([caller, timer.signal]) : timer.signal;
  return {
    signal,
    why: () =>
      caller?.aborted
        ? cancelled()
        : new CatalogError('CATALOG_TIMEOUT', `No answer within ${timeoutSeconds} s`),
    dispose: () => clearTimeout(handle),
  };
}

/** When every record of an answer failed, that is the answer's failure; some good ones win. */
export function settle(result: LookupResult): LookupResult {
  if (result.records.length === 0 && result.skipped.length > 0) throw result.skipped[0]!.error;
  return result;
}

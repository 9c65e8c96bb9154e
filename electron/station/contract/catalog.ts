/**
 * The catalog's part of the contract: the site's sources (staff), and lookups the new-job screen
 * runs while the operator waits. A job's own lookup (pending, retried, candidates) is in
 * digitization.ts, with the job.
 */
import { z } from 'zod';
import { type BibRecord, CatalogQuery, CatalogSource } from './catalog-types.js';
import { StaffPin } from './common.js';
import type { CatalogErrorCode, ContractError } from './errors.js';

export * from './catalog-types.js';

const SourceName = z.string().trim().min(1).max(100);

/**
 * Failures that say nothing about the book: the source may answer later, so a job's lookup stays
 * pending. Anything else (a diagnostic, a query the source has no template for, a refused login)
 * is that source's answer until staff change something; waiting for it would wait for ever.
 */
export const TRANSIENT_CATALOG_ERRORS: readonly CatalogErrorCode[] = [
  'CATALOG_UNREACHABLE',
  'CATALOG_TIMEOUT',
  'CATALOG_CANCELLED',
  'CATALOG_BAD_RESPONSE',
];

export function isTransientCatalogError(error: { code: string }): boolean {
  return (TRANSIENT_CATALOG_ERRORS as readonly string[]).includes(error.code);
}

/**
 * A source's login as staff give it. `password` left out keeps the one stored for this source
 * (screens never receive a stored password, so they cannot send it back).
 */
export const CatalogCredentialsInput = z
  .object({ user: z.string().trim().min(1).max(200), password: z.string().max(500).optional() })
  .strict();

/** A saved source as the screens see it: the login's user, never its password. */
export interface SavedCatalogSource {
  source: CatalogSource;
  user: string | null;
  passwordSet: boolean;
  /**
   * Demo mode's demo catalogue, asked while the station has no source of its own: shown, never
   * edited (adding a source replaces it).
   */
  builtIn: boolean;
}

export const CatalogSourceSaveInput = z
  .object({
    staffPin: StaffPin,
    source: CatalogSource,
    /** The saved source this replaces (its old name when renamed); absent: a new source, added last. */
    replaces: SourceName.optional(),
    /** Absent: the login stays as stored; null: no login. */
    credentials: CatalogCredentialsInput.nullable().optional(),
  })
  .strict();

export const CatalogSourceDeleteInput = z.object({ staffPin: StaffPin, name: SourceName }).strict();

/** The order sources are tried in: every saved name, once each. */
export const CatalogSourceOrderInput = z
  .object({ staffPin: StaffPin, names: z.array(SourceName).min(1).max(50) })
  .strict();

/**
 * Staff try a source before saving it: one lookup, the records as mapped and the server's raw
 * answer. `replaces` lets the test use the stored password of the source being edited.
 */
export const CatalogSourceTestInput = z
  .object({
    staffPin: StaffPin,
    source: CatalogSource,
    replaces: SourceName.optional(),
    credentials: CatalogCredentialsInput.nullable().optional(),
    query: CatalogQuery,
  })
  .strict();

/** How much of the raw answer a test shows: enough to see what the server sends. */
export const RAW_ANSWER_MAX = 64 * 1024;

export interface CatalogSourceTestResult {
  ok: boolean;
  /** Hits the server counted. */
  total: number;
  records: BibRecord[];
  /** The server's answer as it came (SRU: the XML; Z39.50: the records as MARCXML), cut at RAW_ANSWER_MAX. */
  raw: string;
  error: ContractError | null;
  /** How long the lookup took, in milliseconds. */
  elapsedMs: number;
}

/** Chosen by the screen, so it can cancel the lookup and match `catalog.outcome` events to it. */
export const LookupId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { error: 'not a lookup id' });

export const CatalogLookupInput = z.object({ lookupId: LookupId, query: CatalogQuery }).strict();
export const CatalogCancelInput = z.object({ lookupId: LookupId }).strict();

/** What one source answered to one lookup: published as it arrives, and all of them at the end. */
export interface CatalogOutcome {
  lookupId: string;
  source: string;
  /** The source's place in the site's order (0: tried first). */
  index: number;
  ok: boolean;
  total: number;
  records: BibRecord[];
  error: ContractError | null;
}

export interface CatalogLookupResult {
  lookupId: string;
  /** In the order they arrived. */
  outcomes: CatalogOutcome[];
  /**
   * No source answered at all (all unreachable, timed out, cancelled or garbled): the job can be
   * made with its lookup pending, retried in the background. A source that refused the query (a
   * diagnostic, no template for this kind) did answer.
   */
  unanswered: boolean;
}

/** Demo mode: the demo catalogue goes off the network or comes back (to try a pending lookup). */
export const DemoCatalogueInput = z.object({ available: z.boolean() }).strict();

export interface CatalogEvents {
  /** One source's answer to a running lookup: the first good one is shown while others still work. */
  'catalog.outcome': CatalogOutcome;
}

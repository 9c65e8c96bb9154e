import type { ContractError } from '../contract/errors.js';
import { StationError } from '../errors.js';
import type { CatalogErrorCode } from './types.js';

/** A diagnostic as the server sent it: SRU's URI (`info:srw/diagnostic/1/16`) or Bib-1's number. */
export interface CatalogDiagnostic {
  /** `info:srw/diagnostic/1/16` (SRU) or `bib1:114` (Z39.50). */
  uri: string;
  message: string | null;
  /** SRU `details` / Z39.50 addinfo: often the index or term that was refused. */
  details: string | null;
}

/**
 * Every failure of a lookup is one of these, with a stable code; nothing else escapes the clients.
 * It reaches the screens with the source's name and the server's diagnostic.
 */
export class CatalogError extends StationError {
  constructor(
    override readonly code: CatalogErrorCode,
    message: string,
    readonly options: { source?: string; diagnostic?: CatalogDiagnostic; cause?: unknown } = {},
  ) {
    super(code, message);
    if (options.cause !== undefined) this.cause = options.cause;
    this.name = 'CatalogError';
  }

  protected override details(): Partial<ContractError> {
    const extra: Partial<ContractError> = {};
    if (this.source) extra.source = this.source;
    if (this.diagnostic) extra.diagnostic = this.diagnostic;
    return extra;
  }

  get source(): string | undefined {
    return this.options.source;
  }

  get diagnostic(): CatalogDiagnostic | undefined {
    return this.options.diagnostic;
  }
}

/** Stamps a source's name on an error (clients do not know the name the site gave the source). */
export function withSource(err: unknown, source: string): CatalogError {
  const e =
    err instanceof CatalogError
      ? err
      : new CatalogError('CATALOG_BAD_RESPONSE', `Unexpected failure: ${(err as Error)?.message ?? err}`, {
          cause: err,
        });
  if (e.source === source) return e;
  return new CatalogError(e.code, `${source}: ${e.message}`, { ...e.options, source });
}

/** The error a cancelled lookup ends with (the caller's AbortSignal fired). */
export function cancelled(): CatalogError {
  return new CatalogError('CATALOG_CANCELLED', 'The lookup was cancelled');
}

import { type CatalogDiagnostic, CatalogError } from './errors.js';

/** SRU's own diagnostics (info:srw/diagnostic/1/N) put in words for the one-line error. */
const SRU_DIAGNOSTICS: Record<string, string> = {
  '1': 'general system error',
  '3': 'authentication error',
  '4': 'unsupported operation',
  '5': 'unsupported version',
  '6': 'unsupported parameter value',
  '7': 'mandatory parameter not supplied',
  '10': 'query syntax error',
  '15': 'unsupported context set',
  '16': 'unsupported index',
  '19': 'unsupported relation',
  '27': 'empty term unsupported',
  '61': 'first record position out of range',
  '66': 'unknown schema for retrieval',
  '235': 'database does not exist',
};

/** A server's diagnostic (SRU or Bib-1) as the one error a lookup ends with. */
export function diagnosticError(d: CatalogDiagnostic): CatalogError {
  const n = /^info:srw\/diagnostic\/1\/(\d+)$/.exec(d.uri)?.[1];
  const what = d.message ?? (n ? SRU_DIAGNOSTICS[n] : undefined) ?? 'diagnostic';
  const detail = d.details ? `: ${d.details}` : '';
  return new CatalogError('CATALOG_DIAGNOSTIC', `the server refused the query: ${what} (${d.uri}${detail})`, {
    diagnostic: d,
  });
}

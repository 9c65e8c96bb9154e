import { CatalogError } from './errors.js';
import { isbnDigits, toIsbn10, toIsbn13 } from './normalise.js';
import {
  type CatalogQuery,
  type CatalogSource,
  DEFAULT_TEMPLATES,
  type LookupKind,
  type QueryTemplate,
} from './types.js';

export { DEFAULT_TEMPLATES };

import { pqfQuote } from './z3950/pqf.js';

/** CQL quoted string: `"` and `\` escaped, and the wildcards * ? ^ taken literally. */
export function cqlQuote(value: string): string {
  return `"${value.replace(/[\\"*?^]/g, (c) => `\\${c}`)}"`;
}

/**
 * The query to send to a source: CQL for SRU, PQF for Z39.50. A free query must be in the
 * source's own language (CQL to an SRU source, PQF to a Z39.50 one).
 */
export function buildQuery(source: CatalogSource, query: CatalogQuery): string {
  if (query.kind === 'cql' || query.kind === 'pqf') {
    const wanted = source.protocol === 'sru' ? 'cql' : 'pqf';
    if (query.kind !== wanted) {
      throw new CatalogError(
        'CATALOG_BAD_QUERY',
        `${source.name} is a${source.protocol === 'sru' ? 'n SRU' : ' Z39.50'} source: give a ${wanted.toUpperCase()} query, not ${query.kind.toUpperCase()}`,
      );
    }
    return query.query;
  }
  const configured: QueryTemplate | undefined = source.queries[query.kind];
  const template = configured ?? fallback(source, query.kind);
  return fill(template, query.value, source.protocol === 'sru' ? cqlQuote : pqfQuote);
}

function fallback(source: CatalogSource, kind: LookupKind): QueryTemplate {
  const template = DEFAULT_TEMPLATES[source.protocol][kind];
  if (!template) {
    throw new CatalogError(
      'CATALOG_BAD_QUERY',
      `${source.name} has no query template for ${kind} lookups; add one to the source`,
    );
  }
  return { template, prefix: '', stripPrefix: '' };
}

function fill(t: QueryTemplate, raw: string, quote: (v: string) => string): string {
  let value = raw.trim().normalize('NFC');
  if (t.stripPrefix && value.startsWith(t.stripPrefix)) value = value.slice(t.stripPrefix.length);
  value = `${t.prefix}${value}`;
  const needsIsbn = /\{isbn(?:10|13)?\}/.test(t.template);
  const isbn = needsIsbn ? isbnDigits(raw) : null;
  if (needsIsbn && !isbn) {
    throw new CatalogError('CATALOG_BAD_QUERY', `"${raw}" is not an ISBN (check digit or length wrong)`);
  }
  return t.template.replace(/\{(value|isbn|isbn10|isbn13)\}/g, (_m, name: string) => {
    if (name === 'value') return quote(value);
    if (name === 'isbn') return quote(`${t.prefix}${isbn}`);
    const converted = name === 'isbn10' ? toIsbn10(isbn!) : toIsbn13(isbn!);
    if (!converted) {
      throw new CatalogError(
        'CATALOG_BAD_QUERY',
        `${raw} has no ${name === 'isbn10' ? 'ISBN-10' : 'ISBN-13'} form`,
      );
    }
    return quote(`${t.prefix}${converted}`);
  });
}

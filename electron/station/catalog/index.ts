/** The catalog: lookups in SRU and Z39.50 sources, MARC 21 and UNIMARC mapped to one record. */
export {
  DEMO_BOOKS,
  DEMO_CATALOGUE_NAME,
  DEMO_PAGE_SIZE,
  type DemoBook,
  type DemoCatalogue,
  type DemoCatalogueOptions,
  demoCatalogueSource,
  startDemoCatalogue,
} from './demo/index.js';
export { type CatalogDiagnostic, CatalogError } from './errors.js';
export type { LookupOptions, LookupResult, SkippedRecord } from './lookup.js';
export { readIso2709, splitIso2709, writeIso2709 } from './marc/iso2709.js';
export { detectFormat, mapRecord } from './marc/map.js';
export { type PlainMarc, readMarcXmlText } from './marc/record.js';
export { isbnDigits, isbnsMatch, matchKey, textsMatch, toIsbn10, toIsbn13 } from './normalise.js';
export { ocrLanguages } from './ocr-languages.js';
export { buildQuery, DEFAULT_TEMPLATES } from './query.js';
export { toBibRecord } from './records.js';
export { firstHit, type SourceOutcome, searchSource, searchSources } from './search.js';
export { sruSearch } from './sru/client.js';
export * from './types.js';
export { z3950Search } from './z3950/client.js';

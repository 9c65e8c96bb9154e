/**
 * The catalog's shapes: a configured source, a lookup, the bibliographic record MARC is mapped into.
 * The core's `catalog/` reads and writes them; the screens show and send them.
 */
import { z } from 'zod';
import { CATALOG_ERROR_CODES } from './errors.js';

export type { CatalogErrorCode } from './errors.js';
export { CATALOG_ERROR_CODES };

export const RECORD_FORMATS = ['marc21', 'unimarc'] as const;
export const RecordFormat = z.enum(RECORD_FORMATS);
export type RecordFormat = z.infer<typeof RecordFormat>;
/** What a source says it sends; `auto` looks at each record (200 without 245 is UNIMARC). */
export const SourceFormat = z.enum(['marc21', 'unimarc', 'auto']);
export type SourceFormat = z.infer<typeof SourceFormat>;

/** Kinds of lookup the station makes; `cql`/`pqf` (free query) is passed on as typed. */
export const LOOKUP_KINDS = ['isbn', 'barcode', 'title', 'author', 'id'] as const;
export const LookupKind = z.enum(LOOKUP_KINDS);
export type LookupKind = z.infer<typeof LookupKind>;

/**
 * How one kind of lookup becomes a query. `template` is CQL (SRU) or PQF (Z39.50) with
 * placeholders, each inserted escaped for the query language:
 * `{value}` what was scanned or typed (after `stripPrefix`, with `prefix`), `{isbn}` its digits
 * (and X), `{isbn10}` / `{isbn13}` the ISBN converted. Catalogues differ in index names and in
 * identifier prefixes (inventory numbers with a branch prefix, record ids like `RU\NLR\…`), so
 * all of it is per source, nothing hard-coded.
 */
export const QueryTemplate = z
  .object({
    template: z.string().trim().min(1).max(500),
    /** Put before the value (e.g. the library's prefix of inventory numbers). */
    prefix: z.string().max(100).default(''),
    /** Removed from the start of the value when there (e.g. a scanner's symbology prefix). */
    stripPrefix: z.string().max(100).default(''),
  })
  .strict();
export type QueryTemplate = z.infer<typeof QueryTemplate>;
export type QueryTemplateInput = z.input<typeof QueryTemplate>;

/**
 * Templates a source gets when it names none for a kind. They follow the common index names
 * (SRU: the dc and bath context sets, Z39.50: Bib-1 use attributes); a barcode (inventory number)
 * has no common index, so a source that should take barcodes must say how.
 */
export const DEFAULT_TEMPLATES: Record<'sru' | 'z3950', Partial<Record<LookupKind, string>>> = {
  sru: {
    isbn: 'bath.isbn={isbn}',
    title: 'dc.title all {value}',
    author: 'dc.creator all {value}',
    id: 'rec.id={value}',
  },
  z3950: {
    isbn: '@attr 1=7 {isbn}',
    title: '@attr 1=4 {value}',
    author: '@attr 1=1003 {value}',
    id: '@attr 1=12 {value}',
  },
};

const Templates = z
  .object({
    isbn: QueryTemplate.optional(),
    barcode: QueryTemplate.optional(),
    title: QueryTemplate.optional(),
    author: QueryTemplate.optional(),
    id: QueryTemplate.optional(),
  })
  .strict()
  .default({});

const Name = z.string().trim().min(1).max(100);
const MaxRecords = z.number().int().min(1).max(500).default(20);
/** Seconds; slow union catalogues need long, a dead one must not hold the operator for ever. */
const TimeoutSeconds = z.number().int().min(1).max(300).default(15);

export const SruVersion = z.enum(['1.1', '1.2', '2.0']);
export type SruVersion = z.infer<typeof SruVersion>;

export const SruSource = z
  .object({
    name: Name,
    protocol: z.literal('sru'),
    /** The base URL, e.g. `https://catalog.example.uz/sru/biblios`. */
    url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' }),
    version: SruVersion.default('1.2'),
    /** recordSchema parameter; `marcxml` is what most servers know. */
    recordSchema: z.string().trim().min(1).max(200).default('marcxml'),
    format: SourceFormat.default('auto'),
    queries: Templates,
    /** Sent with every request (`x-username`, `x-info-…`, a Koha database…). */
    extraParams: z.record(z.string().min(1).max(100), z.string().max(500)).default({}),
    maxRecords: MaxRecords,
    timeoutSeconds: TimeoutSeconds,
  })
  .strict();
export type SruSource = z.infer<typeof SruSource>;

export const Z3950_SYNTAXES = ['usmarc', 'unimarc', 'xml'] as const;
export const Z3950Syntax = z.enum(Z3950_SYNTAXES);
export type Z3950Syntax = z.infer<typeof Z3950Syntax>;

export const Z3950Source = z
  .object({
    name: Name,
    protocol: z.literal('z3950'),
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(210),
    database: z.string().trim().min(1).max(200),
    /** preferredRecordSyntax: USMARC and UNIMARC are ISO 2709; `xml` asks for MARCXML. */
    syntax: Z3950Syntax.default('usmarc'),
    /** Element set name sent with Present (`F` full; `marcxml` on Zebra for XML). */
    elementSet: z.string().trim().min(1).max(100).default('F'),
    /**
     * Character set of ISO 2709 records; `auto` takes MARC-8 for a MARC 21 record with a blank
     * leader/09 whose bytes show MARC-8 (escapes, ANSEL diacritics before letters), else UTF-8 when
     * the bytes are valid UTF-8, else CP1251.
     */
    charset: z.enum(['auto', 'utf-8', 'cp1251', 'marc-8']).default('auto'),
    /** How search terms are sent: Zebra and most servers want UTF-8, older CIS servers CP1251. */
    termCharset: z.enum(['utf-8', 'cp1251']).default('utf-8'),
    format: SourceFormat.default('auto'),
    queries: Templates,
    maxRecords: MaxRecords,
    timeoutSeconds: TimeoutSeconds,
  })
  .strict();
export type Z3950Source = z.infer<typeof Z3950Source>;

/**
 * One catalog source. Its login is not part of it: the station keeps that encrypted (like the SIP2
 * password) and hands it to the clients at lookup time.
 */
export const CatalogSource = z.discriminatedUnion('protocol', [SruSource, Z3950Source]);
export type CatalogSource = z.infer<typeof CatalogSource>;
export type CatalogSourceInput = z.input<typeof CatalogSource>;

/** A lookup: a kind with a value, or a free query in the source's own language (CQL or PQF). */
export const CatalogQuery = z.discriminatedUnion('kind', [
  z.object({ kind: LookupKind, value: z.string().trim().min(1).max(500) }).strict(),
  z.object({ kind: z.literal('cql'), query: z.string().trim().min(1).max(2000) }).strict(),
  z.object({ kind: z.literal('pqf'), query: z.string().trim().min(1).max(2000) }).strict(),
]);
export type CatalogQuery = z.infer<typeof CatalogQuery>;

export const Creator = z.object({
  /** As catalogued: "Qodiriy, Abdulla", "Ауэзов, Мухтар". */
  name: z.string(),
  /** MARC relator code or term when given (aut, edt, trl…); UNIMARC 4 digits are mapped to codes. */
  role: z.string().nullable(),
  /** Main entry (MARC 21 100, UNIMARC 700) or added (700 / 701, 702). */
  primary: z.boolean(),
});
export type Creator = z.infer<typeof Creator>;

/** The bibliographic record a job keeps: text exactly as catalogued (NFC), nothing folded. */
export const BibRecord = z.object({
  format: RecordFormat,
  title: z.string().nullable(),
  /** Other title information (245 $b, 200 $e). */
  subtitle: z.string().nullable(),
  /** Statement of responsibility (245 $c, 200 $f). */
  responsibility: z.string().nullable(),
  creators: z.array(Creator),
  publication: z.object({
    place: z.string().nullable(),
    publisher: z.string().nullable(),
    date: z.string().nullable(),
  }),
  /** ISBNs as catalogued (qualifiers like "(pbk.)" removed). */
  isbns: z.array(z.string()),
  /** The record's id in its source (001). */
  recordId: z.string().nullable(),
  /** The source's name. */
  source: z.string(),
  /** Language codes (041 $a, 101 $a; else 008/35-37 in MARC 21). */
  languages: z.array(z.string()),
  extent: z.string().nullable(),
  subjects: z.array(z.string()),
  edition: z.string().nullable(),
  series: z.array(z.string()),
  /** The source record as MARCXML (MARC 21 slim schema, also for UNIMARC), for packages. */
  marcxml: z.string().max(2_000_000),
  /**
   * True when the operator changed fields by hand after the lookup (or typed the record): the fields
   * are what packages describe, `marcxml` stays the source's record as it came (empty when typed).
   */
  edited: z.boolean().optional(),
});
export type BibRecord = z.infer<typeof BibRecord>;

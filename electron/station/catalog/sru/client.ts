import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { diagnosticError } from '../diagnostics.js';
import { type CatalogDiagnostic, CatalogError } from '../errors.js';
import { deadline, type LookupOptions, type LookupResult, type SkippedRecord, settle } from '../lookup.js';
import { readMarcXmlNode, readMarcXmlText } from '../marc/record.js';
import { toBibRecord } from '../records.js';
import type { SruSource } from '../types.js';

/** An answer larger than this is not a catalogue page: refuse it rather than hold it in memory. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Records asked for per request; servers cap pages anyway, and small pages answer sooner. */
const PAGE_SIZE = 100;

const ARRAYS = new Set(['record', 'diagnostic', 'controlfield', 'datafield', 'subfield']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ARRAYS.has(name),
});

type Node = Record<string, unknown>;

/** The URL of one searchRetrieve request. */
export function searchRetrieveUrl(source: SruSource, cql: string, startRecord: number, count: number): URL {
  const url = new URL(source.url);
  const params = url.searchParams;
  for (const [k, v] of Object.entries(source.extraParams)) params.set(k, v);
  params.set('version', source.version);
  params.set('operation', 'searchRetrieve');
  params.set('query', cql);
  params.set('startRecord', String(startRecord));
  // Always sent: some servers return no records at all without it.
  params.set('maximumRecords', String(count));
  params.set('recordSchema', source.recordSchema);
  if (source.version === '2.0') params.set('recordXMLEscaping', 'xml');
  else params.set('recordPacking', 'xml');
  return url;
}

/**
 * searchRetrieve with CQL, page after page until `maxRecords` records or the end of the hits, under
 * the source's timeout (for the whole lookup) and the caller's signal. SRU 1.1, 1.2 and 2.0 answers
 * are read alike (2.0 has its own namespace; names are matched without their prefix).
 */
export async function sruSearch(
  source: SruSource,
  cql: string,
  options: LookupOptions = {},
): Promise<LookupResult> {
  const want = options.maxRecords ?? source.maxRecords;
  const d = deadline(source.timeoutSeconds, options.signal);
  const result: LookupResult = { source: source.name, total: 0, records: [], skipped: [] };
  try {
    let position = 1;
    for (;;) {
      const count = Math.min(PAGE_SIZE, want - (result.records.length + result.skipped.length));
      const page = await fetchPage(source, cql, position, count, d.signal, d.why, options);
      result.total = page.total;
      // A server that ignores maximumRecords still gets only what was asked for.
      for (const r of page.records.slice(0, want - (result.records.length + result.skipped.length))) {
        try {
          if (r.error) throw r.error;
          result.records.push(toBibRecord(r.marc!, source.format, source.name));
        } catch (err) {
          result.skipped.push({ position: r.position, error: asRecordError(err) });
        }
      }
      const got = page.records.length;
      const fetched = result.records.length + result.skipped.length;
      const next = page.nextPosition ?? position + got;
      // Stop at the end of the hits, at what was asked, or when a server returns an empty page
      // (a server that promises more but sends none must not make us loop).
      if (got === 0 || fetched >= want || next > page.total || next <= position) break;
      position = next;
    }
    return settle(result);
  } finally {
    d.dispose();
  }
}

interface PageRecord {
  position: number;
  marc?: ReturnType<typeof readMarcXmlNode>;
  error?: CatalogError;
}

async function fetchPage(
  source: SruSource,
  cql: string,
  start: number,
  count: number,
  signal: AbortSignal,
  why: () => CatalogError,
  options: LookupOptions,
): Promise<{ total: number; records: PageRecord[]; nextPosition: number | null }> {
  const url = searchRetrieveUrl(source, cql, start, count);
  const credentials = options.credentials;
  const headers: Record<string, string> = { accept: 'application/xml, text/xml' };
  if (credentials) {
    headers.authorization = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
  }
  let body: string;
  let status: number;
  try {
    const res = await fetch(url, { signal, headers, redirect: 'follow' });
    status = res.status;
    const length = Number(res.headers.get('content-length') ?? '0');
    if (length > MAX_RESPONSE_BYTES) {
      await res.body?.cancel();
      throw new CatalogError('CATALOG_BAD_RESPONSE', `the answer is too large (${length} bytes)`);
    }
    body = await res.text();
    options.onRawAnswer?.(body);
  } catch (err) {
    if (err instanceof CatalogError) throw err;
    if (signal.aborted) throw why();
    throw unreachable(err, url);
  }
  if (body.length > MAX_RESPONSE_BYTES)
    throw new CatalogError('CATALOG_BAD_RESPONSE', 'the answer is too large');

  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const where = `line ${valid.err.line}`;
    throw new CatalogError(
      'CATALOG_BAD_RESPONSE',
      status === 200
        ? `the answer is not well-formed XML (${valid.err.msg}, ${where})`
        : `the server answered HTTP ${status} without an SRU response`,
    );
  }
  const doc = parser.parse(body) as Node;
  const root = doc.searchRetrieveResponse as Node | undefined;
  if (!root || typeof root !== 'object') {
    // Some servers answer a bad request with a bare <diagnostics> document.
    const bare = diagnosticsOf(doc);
    if (bare.length) throw diagnosticError(bare[0]!);
    throw new CatalogError(
      'CATALOG_BAD_RESPONSE',
      status === 200
        ? 'the answer is XML but not an SRU searchRetrieveResponse'
        : `the server answered HTTP ${status}`,
    );
  }
  const diagnostics = diagnosticsOf(root);
  const rawRecords = asArray((root.records as Node | undefined)?.record);
  if (diagnostics.length && rawRecords.length === 0) throw diagnosticError(diagnostics[0]!);

  const total = Number(text(root.numberOfRecords));
  if (!Number.isInteger(total) || total < 0) {
    throw new CatalogError('CATALOG_BAD_RESPONSE', 'the answer has no numberOfRecords');
  }
  const records: PageRecord[] = rawRecords.map((raw, i) => readRecord(raw as Node, start + i));
  const next = Number(text(root.nextRecordPosition));
  return { total, records, nextPosition: Number.isInteger(next) && next > 0 ? next : null };
}

function readRecord(raw: Node, fallbackPosition: number): PageRecord {
  const pos = Number(text(raw.recordPosition));
  const position = Number.isInteger(pos) && pos > 0 ? pos : fallbackPosition;
  try {
    const schema = text(raw.recordSchema);
    const data = raw.recordData as unknown;
    if (typeof data === 'string' && data.includes('<')) return { position, marc: readMarcXmlText(data) };
    if (!data || typeof data !== 'object')
      throw new CatalogError('CATALOG_BAD_RECORD', 'the record has no data');
    const diag = (data as Node).diagnostic;
    if (diag || schema.includes('diagnostic')) {
      const d = diagnosticsOf({ diagnostics: { diagnostic: diag } })[0];
      throw d
        ? diagnosticError(d)
        : new CatalogError('CATALOG_DIAGNOSTIC', 'the server sent a diagnostic for this record');
    }
    const node = ((data as Node).record ?? (data as Node).collection) as unknown;
    const first = Array.isArray(node) ? node[0] : node;
    if (!first || typeof first !== 'object') {
      throw new CatalogError(
        'CATALOG_BAD_RECORD',
        `the record is not MARCXML (schema ${schema || 'not given'})`,
      );
    }
    const rec = ((first as Node).record ? asArray((first as Node).record)[0] : first) as Node;
    return { position, marc: readMarcXmlNode(rec) };
  } catch (err) {
    return { position, error: asRecordError(err) };
  }
}

function diagnosticsOf(node: Node): CatalogDiagnostic[] {
  const list = asArray((node.diagnostics as Node | undefined)?.diagnostic);
  return list
    .filter((d): d is Node => !!d && typeof d === 'object')
    .map((d) => ({
      uri: text(d.uri),
      message: text(d.message) || null,
      details: text(d.details) || null,
    }));
}

function unreachable(err: unknown, url: URL): CatalogError {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (err as Error).message;
  return new CatalogError('CATALOG_UNREACHABLE', `cannot reach ${url.host} (${why})`, { cause: err });
}

function asRecordError(err: unknown): CatalogError {
  return err instanceof CatalogError
    ? err
    : new CatalogError('CATALOG_BAD_RECORD', `the record cannot be read: ${(err as Error).message}`, {
        cause: err,
      });
}

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return String((v as Node)['#text']).trim();
  return '';
}

export type { SkippedRecord };

import http from 'node:http';
import type net from 'node:net';
import { isbnsMatch, matchKey } from '../normalise.js';
import { type CqlNode, CqlSyntaxError, parseCql } from './cql.js';
import { DEMO_BOOKS, type DemoBook, demoMarcXml } from './records.js';

/**
 * The demo catalogue: a small real SRU 1.2 server on the loopback holding `DEMO_BOOKS`, for demo
 * mode (no library systems) and for tests that need a catalogue to go away and come back.
 *
 * Switched off (`setAvailable(false)`), it keeps its port but resets every connection at once (open
 * ones included): the SRU client's fetch fails before any answer, which it reports as
 * CATALOG_UNREACHABLE, as for a refused connection. Keeping the port (rather than closing the
 * listener) keeps the URL valid (no other process can take the port meanwhile) and makes switching
 * synchronous: the very next request sees the new state.
 */
export interface DemoCatalogue {
  /** The SRU base URL, e.g. `http://127.0.0.1:40123/demo`. */
  readonly url: string;
  readonly available: boolean;
  setAvailable(available: boolean): void;
  close(): Promise<void>;
}

export interface DemoCatalogueOptions {
  /** A loopback address (127.x.x.x, ::1, localhost); default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
}

/** Records per page at most, as real servers cap them; clients page on with nextRecordPosition. */
export const DEMO_PAGE_SIZE = 10;
const PATH = '/demo';
/** Longer request lines are refused with 400 (the longest real CQL query is far shorter). */
const MAX_URL_LENGTH = 4096;
/** Node's parser refuses headers beyond this; the refusal is a 400 too. */
const MAX_HEADER_SIZE = 16 * 1024;
const MAX_QUERY_LENGTH = 2000;

const SRW = 'http://www.loc.gov/zing/srw/';
const DIAG = 'http://www.loc.gov/zing/srw/diagnostic/';
const MARCXML_SCHEMAS = new Set(['marcxml', 'info:srw/schema/1/marcxml-v1.1', 'marc21-xml']);

/** Starts the demo catalogue on the loopback. */
export async function startDemoCatalogue(options: DemoCatalogueOptions = {}): Promise<DemoCatalogue> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`the demo catalogue listens on the loopback only, not on ${host}`);
  const index = DEMO_BOOKS.map(entry);
  const sockets = new Set<net.Socket>();
  let available = true;

  const server = http.createServer({ maxHeaderSize: MAX_HEADER_SIZE }, (req, res) => {
    try {
      answer(req, res, index);
    } catch {
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error\n');
      else res.destroy();
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.on('connection', (socket: net.Socket) => {
    if (!available) {
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Anything Node's HTTP parser refuses (garbage, oversized headers): 400, then a graceful close.
  server.on('clientError', (_err, socket: net.Socket) => {
    if (socket.writable) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.resume();
      setTimeout(() => socket.destroy(), 2000).unref();
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${PATH}`;

  return {
    url,
    get available() {
      return available;
    },
    setAvailable(value: boolean) {
      available = value;
      if (!value) for (const s of sockets) s.resetAndDestroy();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
    },
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

// ---------------------------------------------------------------------------------------------------
// HTTP

function answer(req: http.IncomingMessage, res: http.ServerResponse, index: Entry[]): void {
  const raw = req.url ?? '';
  if (raw.length > MAX_URL_LENGTH) {
    badRequest(res, 'the request is too long');
    return;
  }
  // We take no bodies: a request that sends one is refused before it is read.
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] || (length !== undefined && length !== '0')) {
    badRequest(res, 'the demo catalogue takes no request body');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    badRequest(res, `${req.method} is not answered here: use GET`);
    return;
  }
  let url: URL;
  try {
    url = new URL(raw, 'http://demo.invalid');
  } catch {
    badRequest(res, 'the request URL cannot be read');
    return;
  }
  if (url.pathname !== PATH && url.pathname !== `${PATH}/`) {
    send(res, 404, 'text/plain', `not found: the catalogue is at ${PATH}\n`);
    return;
  }
  const xml = sru(url.searchParams, index, req.socket.localPort ?? 0);
  send(res, 200, 'application/xml; charset=utf-8', xml, req.method === 'HEAD');
}

function badRequest(res: http.ServerResponse, why: string): void {
  res.shouldKeepAlive = false;
  send(res, 400, 'text/plain', `${why}\n`);
}

function send(res: http.ServerResponse, status: number, type: string, body: string, headOnly = false): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'content-type': type, 'content-length': bytes.length });
  res.end(headOnly ? undefined : bytes);
}

// ---------------------------------------------------------------------------------------------------
// SRU

interface Diagnostic {
  n: number;
  message: string;
  details?: string;
}

function sru(params: URLSearchParams, index: Entry[], port: number): string {
  const version = params.get('version') ?? '1.2';
  const query = params.get('query');
  const operation = params.get('operation') ?? (query === null ? 'explain' : 'searchRetrieve');
  if (version !== '1.1' && version !== '1.2') {
    return diagnostics({ n: 5, message: 'Unsupported version', details: '1.2' });
  }
  if (operation === 'explain') return explain(version, port);
  if (operation !== 'searchRetrieve') {
    return diagnostics({ n: 4, message: 'Unsupported operation', details: operation });
  }
  const result = searchRetrieve(params, index);
  return 'n' in result ? searchResponse(version, 0, [], null, result) : result.xml;
}

function searchRetrieve(params: URLSearchParams, index: Entry[]): Diagnostic | { xml: string } {
  const version = params.get('version') ?? '1.2';
  const query = params.get('query');
  if (query === null || query.trim() === '') {
    return { n: 7, message: 'Mandatory parameter not supplied', details: 'query' };
  }
  const start = integer(params.get('startRecord'), 1);
  if (start === null || start < 1) {
    return { n: 6, message: 'Unsupported parameter value', details: 'startRecord' };
  }
  const maximum = integer(params.get('maximumRecords'), DEMO_PAGE_SIZE);
  if (maximum === null || maximum < 0) {
    return { n: 6, message: 'Unsupported parameter value', details: 'maximumRecords' };
  }
  const schema = params.get('recordSchema') ?? 'marcxml';
  if (!MARCXML_SCHEMAS.has(schema.toLowerCase())) {
    return { n: 66, message: 'Unknown schema for retrieval', details: schema };
  }
  const packing = params.get('recordPacking') ?? 'xml';
  if (packing !== 'xml' && packing !== 'string') {
    return { n: 71, message: 'Unsupported record data packing', details: packing };
  }
  if (query.length > MAX_QUERY_LENGTH) {
    return { n: 10, message: 'Query syntax error', details: 'the query is too long' };
  }
  let tree: CqlNode;
  try {
    tree = parseCql(query);
  } catch (err) {
    if (err instanceof CqlSyntaxError) return { n: 10, message: 'Query syntax error', details: err.message };
    throw err;
  }
  const matcher = compile(tree);
  if ('n' in matcher) return matcher;
  const hits = index.filter(matcher.test);
  if (hits.length > 0 && start > hits.length) {
    return { n: 61, message: 'First record position out of range', details: String(start) };
  }
  const page = hits.slice(start - 1, start - 1 + Math.min(maximum, DEMO_PAGE_SIZE));
  const after = start + page.length;
  const next = page.length > 0 && after <= hits.length ? after : null;
  const records = page.map((e, i) => record(e, start + i, schema, packing));
  return { xml: searchResponse(version, hits.length, records, next, null) };
}

function integer(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback;
  return /^\d{1,6}$/.test(value) ? Number(value) : null;
}

function record(e: Entry, position: number, schema: string, packing: string): string {
  const data = packing === 'xml' ? e.marcxml : xmlEscape(e.marcxml);
  return (
    `<record><recordSchema>${xmlEscape(schema)}</recordSchema><recordPacking>${packing}</recordPacking>` +
    `<recordData>${data}</recordData><recordPosition>${position}</recordPosition></record>`
  );
}

function searchResponse(
  version: string,
  total: number,
  records: string[],
  next: number | null,
  diagnostic: Diagnostic | null,
): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<searchRetrieveResponse xmlns="${SRW}">`,
    `<version>${version}</version>`,
    `<numberOfRecords>${total}</numberOfRecords>`,
    records.length ? `<records>${records.join('')}</records>` : '',
    next !== null ? `<nextRecordPosition>${next}</nextRecordPosition>` : '',
    diagnostic ? `<diagnostics>${diagnosticXml(diagnostic)}</diagnostics>` : '',
    '</searchRetrieveResponse>\n',
  ].join('');
}

function diagnostics(d: Diagnostic): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<diagnostics xmlns="${SRW}">${diagnosticXml(d)}</diagnostics>\n`;
}

function diagnosticXml(d: Diagnostic): string {
  return (
    `<diagnostic xmlns="${DIAG}"><uri>info:srw/diagnostic/1/${d.n}</uri>` +
    (d.details !== undefined ? `<details>${xmlEscape(d.details)}</details>` : '') +
    `<message>${xmlEscape(d.message)}</message></diagnostic>`
  );
}

const INDEXES: Array<[set: string, name: string, title: string]> = [
  ['bath', 'isbn', 'ISBN'],
  ['dc', 'title', 'Title'],
  ['dc', 'creator', 'Author'],
  ['rec', 'id', 'Record id'],
  ['local', 'barcode', 'Inventory number'],
];

function explain(version: string, port: number): string {
  const indexes = INDEXES.map(
    ([set, name, title]) =>
      `<index><title>${title}</title><map><name set="${set}">${name}</name></map></index>`,
  ).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<explainResponse xmlns="${SRW}"><version>${version}</version><record>`,
    '<recordSchema>http://explain.z3950.org/dtd/2.0/</recordSchema><recordPacking>xml</recordPacking>',
    '<recordData><explain xmlns="http://explain.z3950.org/dtd/2.0/">',
    `<serverInfo protocol="SRU" version="1.2"><host>localhost</host><port>${port}</port>`,
    `<database>${PATH.slice(1)}</database></serverInfo>`,
    '<databaseInfo><title lang="en" primary="true">Bitig demo catalogue</title></databaseInfo>',
    `<indexInfo><set name="bath" identifier="http://zing.z3950.org/cql/bath/2.0/"/>`,
    `<set name="dc" identifier="info:srw/cql-context-set/1/dc-v1.1"/>`,
    `<set name="rec" identifier="info:srw/cql-context-set/2/rec-1.1"/>`,
    `<set name="local" identifier="info:bitig/cql-context-set/demo"/>${indexes}</indexInfo>`,
    '<schemaInfo><schema identifier="info:srw/schema/1/marcxml-v1.1" name="marcxml">',
    '<title>MARCXML</title></schema></schemaInfo>',
    `<configInfo><default type="numberOfRecords">${DEMO_PAGE_SIZE}</default>`,
    `<setting type="maximumRecords">${DEMO_PAGE_SIZE}</setting></configInfo>`,
    '</explain></recordData></record></explainResponse>\n',
  ].join('');
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&"]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;',
  );
}

// ---------------------------------------------------------------------------------------------------
// Matching

interface Entry {
  book: DemoBook;
  marcxml: string;
  titleWords: string[];
  creatorWords: string[];
  /** Whole titles and names, folded, for `exact` / `==`. */
  titles: string[];
  creators: string[];
}

function entry(book: DemoBook): Entry {
  const titles = [book.title, book.subtitle ? `${book.title} : ${book.subtitle}` : null]
    .filter((t): t is string => t !== null)
    .map(matchKey);
  const creators = book.authors.map((a) => matchKey(a.name));
  return {
    book,
    marcxml: demoMarcXml(book),
    titleWords: words(`${book.title} ${book.subtitle ?? ''}`),
    creatorWords: words(`${book.authors.map((a) => a.name).join(' ')} ${book.responsibility}`),
    titles,
    creators,
  };
}

/** Words for matching: apostrophes folded (Oʻtkan = O'tkan = O‘tkan), case folded, NFC. */
function words(text: string): string[] {
  return matchKey(text)
    .split(/[^\p{L}\p{M}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
}

type Test = (e: Entry) => boolean;

function compile(node: CqlNode): Diagnostic | { test: Test } {
  if (node.type === 'boolean') {
    const left = compile(node.left);
    if ('n' in left) return left;
    const right = compile(node.right);
    if ('n' in right) return right;
    const [l, r] = [left.test, right.test];
    const test: Test =
      node.op === 'and' ? (e) => l(e) && r(e) : node.op === 'or' ? (e) => l(e) || r(e) : (e) => l(e) && !r(e);
    return { test };
  }
  const name = node.index.toLowerCase();
  const { relation, term } = node;
  if (name === 'cql.allrecords') return { test: () => true };
  const kind = INDEX_KIND[name];
  if (!kind) return { n: 16, message: 'Unsupported index', details: node.index };
  if (term.trim() === '') return { n: 27, message: 'Empty term unsupported', details: node.index };

  if (kind === 'isbn' || kind === 'id' || kind === 'barcode') {
    if (!['=', '==', 'exact'].includes(relation)) return unsupportedRelation(relation);
    if (kind === 'isbn') return { test: (e) => isbnsMatch(term, e.book.isbn) };
    const key = matchKey(term);
    return { test: (e) => matchKey(kind === 'id' ? e.book.id : e.book.barcode) === key };
  }
  const pick = (e: Entry): string[] =>
    kind === 'title'
      ? e.titleWords
      : kind === 'creator'
        ? e.creatorWords
        : [...e.titleWords, ...e.creatorWords];
  const wanted = words(term);
  if (wanted.length === 0) return { n: 27, message: 'Empty term unsupported', details: node.index };
  switch (relation) {
    case '=':
    case 'all':
      return { test: (e) => wanted.every((w) => pick(e).includes(w)) };
    case 'any':
      return { test: (e) => wanted.some((w) => pick(e).includes(w)) };
    case 'adj':
      return { test: (e) => containsRun(pick(e), wanted) };
    case '==':
    case 'exact': {
      const key = matchKey(term);
      const whole = (e: Entry): string[] =>
        kind === 'title' ? e.titles : kind === 'creator' ? e.creators : [...e.titles, ...e.creators];
      return { test: (e) => whole(e).includes(key) };
    }
    default:
      return unsupportedRelation(relation);
  }
}

const INDEX_KIND: Record<string, 'isbn' | 'title' | 'creator' | 'id' | 'barcode' | 'any'> = {
  'bath.isbn': 'isbn',
  'dc.title': 'title',
  'bath.title': 'title',
  'dc.creator': 'creator',
  'bath.author': 'creator',
  'rec.id': 'id',
  'local.barcode': 'barcode',
  'cql.serverchoice': 'any',
};

function unsupportedRelation(relation: string): Diagnostic {
  return { n: 19, message: 'Unsupported relation', details: relation };
}

function containsRun(haystack: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= haystack.length; i++) {
    if (run.every((w, j) => haystack[i + j] === w)) return true;
  }
  return false;
}

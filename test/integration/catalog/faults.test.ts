import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CatalogError,
  type CatalogQuery,
  CatalogSource,
  type CatalogSourceInput,
  firstHit,
  searchSource,
  searchSources,
  writeIso2709,
} from '../../../electron/station/catalog/index.js';
import {
  bool,
  decode,
  header,
  int,
  oid,
  prim,
  seq,
  toBytes,
  UNIVERSAL,
} from '../../../electron/station/catalog/z3950/ber.js';
import { OID } from '../../../electron/station/catalog/z3950/pdu.js';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import { runCli } from '../../../electron/station/cli/program.js';
import { MARC21 } from './fixtures.js';

/** Servers that misbehave on purpose: hang, cut, send garbage. Real sockets on the loopback. */

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
async function httpServer(handler: Handler): Promise<{ url: string; requests: URL[] }> {
  const requests: URL[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    requests.push(new URL(req.url ?? '/', 'http://x'));
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/db`, requests };
}

/** A Z39.50 server: `answer` gets each request PDU's tag and returns the bytes to send (or nothing). */
async function z3950Server(
  answer: (tag: number, socket: net.Socket) => Uint8Array | undefined,
): Promise<{ port: number; closed: Promise<void>; connections: () => number }> {
  let connections = 0;
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((r) => {
    markClosed = r;
  });
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      markClosed();
    });
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const h = header(buffer);
        if (!h || h.length === null || buffer.length < h.headerLength + h.length) return;
        const pdu = decode(buffer.subarray(0, h.headerLength + h.length));
        buffer = buffer.subarray(h.headerLength + h.length);
        const reply = answer(pdu.tag, socket);
        if (reply) socket.write(reply);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { port: (server.address() as net.AddressInfo).port, closed, connections: () => connections };
}

const initOk = (accepted = true) =>
  toBytes(seq(21, [bits(), bits(), int(5, 65536), int(6, 65536), bool(12, accepted)]));
const bits = () => prim(3, new Uint8Array([0, 0xe0]));
const searchOk = (count: number) =>
  toBytes(seq(23, [int(23, count), int(24, 0), int(25, 1), bool(22, true)]));
function presentWith(records: Uint8Array[]): Uint8Array {
  const npr = (bytes: Uint8Array) =>
    seq(16, [seq(1, [seq(1, [seq(8, [oid(OID.usmarc), prim(1, bytes)], UNIVERSAL)])])], UNIVERSAL);
  return toBytes(
    seq(25, [int(24, records.length), int(25, records.length + 1), int(27, 0), seq(28, records.map(npr))]),
  );
}

function sru(url: string, extra: Partial<CatalogSourceInput> = {}): CatalogSource {
  return CatalogSource.parse({ name: 'slow-sru', protocol: 'sru', url, timeoutSeconds: 1, ...extra });
}
function z(port: number, extra: Partial<CatalogSourceInput> = {}): CatalogSource {
  return CatalogSource.parse({
    name: 'odd-z3950',
    protocol: 'z3950',
    host: '127.0.0.1',
    port,
    database: 'books',
    timeoutSeconds: 1,
    ...extra,
  });
}
const TITLE: CatalogQuery = { kind: 'title', value: 'kunlar' };

async function fails(promise: Promise<unknown>): Promise<CatalogError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e as CatalogError,
  );
  if (!err) throw new Error('expected a failure');
  return err;
}

const SRU_EMPTY = (ns: string, n: number) =>
  `<?xml version="1.0"?><zs:searchRetrieveResponse xmlns:zs="${ns}"><zs:numberOfRecords>${n}</zs:numberOfRecords></zs:searchRetrieveResponse>`;

describe('SRU faults', () => {
  it('a server that accepts and never answers: CATALOG_TIMEOUT after the source’s timeout, not a hang', async () => {
    const { url } = await httpServer(() => {});
    const started = Date.now();
    const err = await fails(searchSource(sru(url), TITLE));
    expect(err.code).toBe('CATALOG_TIMEOUT');
    expect(err.message).toBe('slow-sru: No answer within 1 s');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('malformed XML, an HTML error page and non-SRU XML are CATALOG_BAD_RESPONSE', async () => {
    const bodies: Array<[number, string, RegExp]> = [
      [
        200,
        '<searchRetrieveResponse><numberOfRecords>1</numberOfRecords><records><record>',
        /not well-formed XML/,
      ],
      [500, '<html><body><h1>Internal Server Error</h1><br></body></html>', /HTTP 500/],
      [200, '<?xml version="1.0"?><rss><channel/></rss>', /not an SRU searchRetrieveResponse/],
    ];
    for (const [status, body, message] of bodies) {
      const { url } = await httpServer((_req, res) =>
        res.writeHead(status, { 'content-type': 'text/xml' }).end(body),
      );
      const err = await fails(searchSource(sru(url), TITLE));
      expect(err.code).toBe('CATALOG_BAD_RESPONSE');
      expect(err.message).toMatch(message);
    }
  });

  it('an SRU 2.0 diagnostic with details, and a refused connection', async () => {
    const { url, requests } = await httpServer((_req, res) =>
      res.end(`<?xml version="1.0"?>
<searchRetrieveResponse xmlns="http://docs.oasis-open.org/ns/search-ws/sruResponse">
  <numberOfRecords>0</numberOfRecords>
  <diagnostics><diagnostic xmlns="http://docs.oasis-open.org/ns/search-ws/diagnostic">
    <uri>info:srw/diagnostic/1/16</uri><details>bath.isbn</details></diagnostic></diagnostics>
</searchRetrieveResponse>`),
    );
    const err = await fails(
      searchSource(sru(url, { version: '2.0', extraParams: { 'x-koha-db': 'biblios' } }), {
        kind: 'isbn',
        value: '5-699-12014-9',
      }),
    );
    expect(err.code).toBe('CATALOG_DIAGNOSTIC');
    expect(err.message).toBe(
      'slow-sru: the server refused the query: unsupported index (info:srw/diagnostic/1/16: bath.isbn)',
    );
    const sent = requests[0]!.searchParams;
    expect(Object.fromEntries(sent)).toMatchObject({
      version: '2.0',
      operation: 'searchRetrieve',
      query: 'bath.isbn="5699120149"',
      maximumRecords: '20',
      recordSchema: 'marcxml',
      'x-koha-db': 'biblios',
    });

    const port = await closedPort();
    const refused = await fails(searchSource(sru(`http://127.0.0.1:${port}/db`), TITLE));
    expect(refused.code).toBe('CATALOG_UNREACHABLE');
    expect(refused.message).toMatch(/ECONNREFUSED/);
  });

  it('credentials go as HTTP Basic; never in the URL', async () => {
    let auth: string | undefined;
    const { url, requests } = await httpServer((req, res) => {
      auth = req.headers.authorization;
      res.end(SRU_EMPTY('http://www.loc.gov/zing/srw/', 0));
    });
    await searchSource(sru(url), TITLE, { credentials: { user: 'station-3', password: 'pa:ss' } });
    expect(auth).toBe(`Basic ${Buffer.from('station-3:pa:ss').toString('base64')}`);
    expect(requests[0]!.search).not.toContain('pa');
  });

  it('a server that promises more hits but sends empty pages does not make the client loop', async () => {
    const { url, requests } = await httpServer((_req, res) =>
      res.end(SRU_EMPTY('http://www.loc.gov/zing/srw/', 1000)),
    );
    const r = await searchSource(sru(url), TITLE);
    expect([r.total, r.records.length, requests.length]).toEqual([1000, 0, 1]);
  });

  it('a record that is not MARCXML is skipped with CATALOG_BAD_RECORD; alone, it fails the lookup', async () => {
    const { url } = await httpServer((_req, res) =>
      res.end(`<zs:searchRetrieveResponse xmlns:zs="http://www.loc.gov/zing/srw/"><zs:numberOfRecords>1</zs:numberOfRecords>
<zs:records><zs:record><zs:recordSchema>info:srw/schema/1/dc-v1.1</zs:recordSchema><zs:recordData>
<srw_dc:dc xmlns:srw_dc="info:srw/schema/1/dc-schema"><title>Oʻtkan kunlar</title></srw_dc:dc>
</zs:recordData><zs:recordPosition>1</zs:recordPosition></zs:record></zs:records></zs:searchRetrieveResponse>`),
    );
    const err = await fails(searchSource(sru(url), TITLE));
    expect(err.code).toBe('CATALOG_BAD_RECORD');
    expect(err.message).toMatch(/not MARCXML/);
  });
});

describe('Z39.50 faults', () => {
  it('a server that accepts and never answers: CATALOG_TIMEOUT, and the socket is closed', async () => {
    const server = await z3950Server(() => undefined);
    const started = Date.now();
    const err = await fails(searchSource(z(server.port), TITLE));
    expect(err.code).toBe('CATALOG_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(3000);
    await server.closed;
  });

  it('a truncated ISO 2709 record is CATALOG_BAD_RECORD; next to a good one it is skipped, the good one kept', async () => {
    const good = writeIso2709(MARC21[0]!);
    const cut = good.subarray(0, good.length - 40);
    let present = [cut];
    const server = await z3950Server((tag) =>
      tag === 20
        ? initOk()
        : tag === 22
          ? searchOk(present.length)
          : tag === 24
            ? presentWith(present)
            : undefined,
    );
    const err = await fails(searchSource(z(server.port), TITLE));
    expect(err.code).toBe('CATALOG_BAD_RECORD');
    expect(err.message).toMatch(/ISO 2709: record is truncated: the leader says \d+ bytes, \d+ arrived/);

    present = [good, cut];
    const r = await searchSource(z(server.port), TITLE);
    expect(r.records.map((x) => x.title)).toEqual(['Oʻtkan kunlar']);
    expect(r.skipped.map((s) => [s.position, s.error.code])).toEqual([[2, 'CATALOG_BAD_RECORD']]);
  });

  it('garbage, a connection cut mid-answer and a refused Init are typed errors', async () => {
    const garbage = await z3950Server(() => new TextEncoder().encode('HTTP/1.0 400 Bad Request\r\n\r\n'));
    expect((await fails(searchSource(z(garbage.port), TITLE))).code).toBe('CATALOG_BAD_RESPONSE');

    const cut = await z3950Server((tag, socket) => {
      if (tag !== 20) return undefined;
      socket.end(initOk().subarray(0, 6));
      return undefined;
    });
    const e2 = await fails(searchSource(z(cut.port), TITLE));
    expect(e2.code).toBe('CATALOG_BAD_RESPONSE');
    expect(e2.message).toMatch(/closed the connection in the middle of an answer/);

    const refuse = await z3950Server((tag) => (tag === 20 ? initOk(false) : undefined));
    const e3 = await fails(searchSource(z(refuse.port), TITLE));
    expect(e3.code).toBe('CATALOG_REFUSED');

    const nobody = await closedPort();
    expect((await fails(searchSource(z(nobody), TITLE))).code).toBe('CATALOG_UNREACHABLE');
  });

  it('a search term in a PQF the client cannot read is refused before connecting', async () => {
    const server = await z3950Server(() => undefined);
    const err = await fails(searchSource(z(server.port), { kind: 'pqf', query: '@prox 1 2 x y' }));
    expect(err.code).toBe('CATALOG_BAD_QUERY');
    expect(server.connections()).toBe(0);
  });
});

describe('several sources', () => {
  it('the first good answer comes first; leaving the loop cancels a hanging source at once', async () => {
    const hanging = await z3950Server(() => undefined);
    const good = await z3950Server((tag) =>
      tag === 20
        ? initOk()
        : tag === 22
          ? searchOk(1)
          : tag === 24
            ? presentWith([writeIso2709(MARC21[0]!)])
            : undefined,
    );
    const sources = [z(hanging.port, { name: 'union', timeoutSeconds: 30 }), z(good.port, { name: 'own' })];
    const started = Date.now();
    const { hit, errors } = await firstHit(sources, TITLE);
    expect(hit?.source).toBe('own');
    expect(hit?.records[0]?.title).toBe('Oʻtkan kunlar');
    expect(errors).toEqual([]);
    await hanging.closed; // its socket was closed by the cancellation, long before its 30 s timeout
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers come in the order they arrive, not the order of the list; each knows its place in the list', async () => {
    const answer = (delay: number) => (tag: number, socket: net.Socket) => {
      const reply =
        tag === 20
          ? initOk()
          : tag === 22
            ? searchOk(1)
            : presentWith([writeIso2709(MARC21[tag === 24 ? 2 : 0]!)]);
      setTimeout(() => socket.write(reply), tag === 22 ? delay : 0);
      return undefined;
    };
    const slow = await z3950Server(answer(400));
    const fast = await z3950Server(answer(0));
    const order: Array<[string, number]> = [];
    for await (const o of searchSources(
      [z(slow.port, { name: 'own' }), z(fast.port, { name: 'union' })],
      TITLE,
    )) {
      order.push([o.source, o.index]);
    }
    expect(order).toEqual([
      ['union', 1],
      ['own', 0],
    ]);
  });

  it('the caller’s signal cancels every source: CATALOG_CANCELLED, not a timeout', async () => {
    const a = await z3950Server(() => undefined);
    const { url } = await httpServer(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const outcomes = [];
    for await (const o of searchSources(
      [z(a.port, { timeoutSeconds: 30 }), sru(url, { timeoutSeconds: 30 })],
      TITLE,
      { signal: controller.signal },
    )) {
      outcomes.push(o);
    }
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual([
      'CATALOG_CANCELLED',
      'CATALOG_CANCELLED',
    ]);
    await a.closed;
  });
});

describe('bitig catalog search, failing', () => {
  it('unreachable and timed-out sources exit 4 with one line; a bad command line exits 2', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => err.push(t), env: {} };
    const port = await closedPort();
    expect(
      await runCli(['catalog', 'search', '--z3950', `127.0.0.1:${port}/books`, '--isbn', '5699120149'], io),
    ).toBe(EXIT.UNAVAILABLE);
    expect(err).toEqual([
      `bitig catalog: 127.0.0.1:${port}/books: cannot reach 127.0.0.1:${port} (ECONNREFUSED) [CATALOG_UNREACHABLE]`,
    ]);

    err.length = 0;
    const { url } = await httpServer(() => {});
    expect(await runCli(['catalog', 'search', '--sru', url, '--title', 'x', '--timeout', '1'], io)).toBe(
      EXIT.UNAVAILABLE,
    );
    expect(err).toEqual([`bitig catalog: ${url}: No answer within 1 s [CATALOG_TIMEOUT]`]);

    for (const args of [
      ['--title', 'x'],
      ['--sru', url, '--z3950', 'h/db', '--title', 'x'],
      ['--sru', url, '--title', 'x', '--isbn', '1'],
      ['--sru', url, '--isbn', '12345'],
      ['--z3950', 'no-database-here', '--title', 'x'],
    ]) {
      err.length = 0;
      expect(await runCli(['catalog', 'search', ...args], io)).toBe(EXIT.USAGE);
      expect(err).toHaveLength(1);
    }
  });
});

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

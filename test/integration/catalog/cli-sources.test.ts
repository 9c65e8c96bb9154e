import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_BOOKS,
  type DemoCatalogue,
  startDemoCatalogue,
} from '../../../electron/station/catalog/index.js';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import { DATABASE_FILE } from '../../../electron/station/store/data-dir.js';
import { bundle, runBundled } from '../../helpers/bundle.js';

const PASSWORD = 'Kutub-s3cret!9';
const USER = 'station7';

let cli: string;
let dir: string;
let demo: DemoCatalogue;
/** In front of the demo catalogue, which ignores logins: keeps the Authorization header of each request. */
let proxy: http.Server;
let proxyUrl: string;
const authorizations: (string | undefined)[] = [];
/** The query strings the proxy saw. */
const requests: URLSearchParams[] = [];

beforeAll(async () => {
  cli = await bundle('electron/station/cli/bitig.ts', 'bitig-cli');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-catsrc-'));
  demo = await startDemoCatalogue();
  const target = new URL(demo.url);
  proxy = http.createServer(async (req, res) => {
    authorizations.push(req.headers.authorization);
    requests.push(new URL(req.url ?? '/', target.origin).searchParams);
    const answer = await fetch(new URL(req.url ?? '/', target.origin));
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/xml' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${target.pathname}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await demo?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the bundled `bitig` in a child process on the test's data directory, `stdin` piped in. */
function bitig(args: string[], stdin = ''): Promise<Run> {
  return runBundled(cli, [...args, '--data-dir', dir], stdin);
}

/** One line on stderr, nothing on stdout. */
function oneErrorLine(run: Run): string {
  expect(run.out).toBe('');
  const lines = run.err.trimEnd().split('\n');
  expect(lines, run.err).toHaveLength(1);
  return lines[0]!;
}

interface Listed {
  source: {
    name: string;
    protocol: string;
    url?: string;
    maxRecords: number;
    queries: Record<string, unknown>;
  };
  user: string | null;
  passwordSet: boolean;
}

async function listed(): Promise<Listed[]> {
  const run = await bitig(['catalog', 'sources', 'list', '--json']);
  expect(run.code, run.err).toBe(EXIT.OK);
  return JSON.parse(run.out);
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const book = DEMO_BOOKS[0]!;

// One data directory, in order: each step builds on the sources the ones before saved.
describe.sequential('bitig catalog sources', () => {
  it('adds a source with a login read from stdin; list shows the user, never the password', async () => {
    const add = await bitig(
      [
        'catalog',
        'sources',
        'add',
        'Demo',
        '--sru',
        proxyUrl,
        '--query',
        'barcode=local.barcode={value}',
        '--strip-prefix',
        'barcode=]C1',
        '--param',
        'x-station=reading-room',
        '--user',
        USER,
        '--password-stdin',
      ],
      `${PASSWORD}\nnot read\n`,
    );
    expect(add).toMatchObject({ code: EXIT.OK, out: 'Added Demo.\n', err: '' });
    const other = await bitig([
      'catalog',
      'sources',
      'add',
      'Other',
      '--z3950',
      'z.example.kz:2100/books',
      '--syntax',
      'unimarc',
    ]);
    expect(other).toMatchObject({ code: EXIT.OK, out: 'Added Other.\n' });

    const list = await bitig(['catalog', 'sources', 'list']);
    expect(list.code).toBe(EXIT.OK);
    expect(list.out.trimEnd().split('\n')).toEqual([
      `1. Demo · sru · ${proxyUrl} · auto · login: ${USER}`,
      '2. Other · z3950 · z.example.kz:2100/books · auto · no login',
    ]);
    const json = await listed();
    expect(json.map((s) => [s.source.name, s.user, s.passwordSet])).toEqual([
      ['Demo', USER, true],
      ['Other', null, false],
    ]);
    expect(json[0]!.source.queries).toEqual({
      barcode: { template: 'local.barcode={value}', prefix: '', stripPrefix: ']C1' },
    });
    expect(json[0]!.source).toMatchObject({ extraParams: { 'x-station': 'reading-room' } });
    expect(JSON.stringify(json)).not.toContain(PASSWORD);
  });

  it('keeps the password encrypted: not in clear in the database or its WAL', () => {
    const files = fs.readdirSync(dir);
    expect(files).toContain(DATABASE_FILE);
    const walOrDb = files.filter((f) => f.startsWith(DATABASE_FILE));
    const contents = walOrDb.map((f) => fs.readFileSync(path.join(dir, f)));
    // The scan sees what is stored: the user, which is not secret, is there in clear.
    expect(contents.some((c) => c.includes(Buffer.from(USER)))).toBe(true);
    for (const [i, c] of contents.entries()) {
      expect(c.includes(Buffer.from(PASSWORD)), walOrDb[i]).toBe(false);
      expect(c.includes(Buffer.from(PASSWORD, 'utf16le')), walOrDb[i]).toBe(false);
    }
  });

  it('search --source asks the saved source with its login and finds a demo book by ISBN', async () => {
    authorizations.length = 0;
    const run = await bitig(['catalog', 'search', '--source', 'demo', '--isbn', book.isbn, '--json']);
    expect(run.code, run.err).toBe(EXIT.OK);
    const records = JSON.parse(run.out) as { title: string; source: string }[];
    expect(records.map((r) => r.title)).toEqual([book.title]);
    expect(records[0]!.source).toBe('Demo');
    expect(authorizations.length).toBeGreaterThan(0);
    expect(new Set(authorizations)).toEqual(new Set([basic(USER, PASSWORD)]));

    const text = await bitig(['catalog', 'search', '--source', 'Demo', '--isbn', book.isbn]);
    expect(text.code).toBe(EXIT.OK);
    expect(text.out).toContain('1 of 1 hits from Demo');
    expect(text.out).toContain(book.title);
  });

  it('search wants exactly one of --sru, --z3950, --source, and a saved source as it is', async () => {
    const cases = [
      ['--source', 'Demo', '--sru', demo.url],
      ['--source', 'Demo', '--schema', 'dc'],
      ['--source', 'Nowhere'],
      [],
    ];
    const runs = await Promise.all(
      cases.map((args) => bitig(['catalog', 'search', ...args, '--isbn', book.isbn])),
    );
    runs.forEach((run, i) => {
      expect(run.code, cases[i]!.join(' ')).toBe(EXIT.USAGE);
      oneErrorLine(run);
    });
    const missing = await bitig(['catalog', 'search', '--source', 'Nowhere', '--isbn', book.isbn]);
    expect(missing.err).toBe('bitig catalog: There is no source named Nowhere [CATALOG_SOURCE_NOT_FOUND]\n');
  });

  it("test --raw prints the server's SRU answer; test prints the records found by the saved barcode template", async () => {
    authorizations.length = 0;
    requests.length = 0;
    // As a scanner sends it, with its symbology prefix: the saved stripPrefix takes it off.
    const raw = await bitig([
      'catalog',
      'sources',
      'test',
      'Demo',
      '--barcode',
      `]C1${book.barcode}`,
      '--raw',
    ]);
    expect(raw.code, raw.err).toBe(EXIT.OK);
    expect(raw.out).toContain('searchRetrieveResponse');
    expect(raw.out).toMatch(/<(\w+:)?numberOfRecords>1<\/(\w+:)?numberOfRecords>/);
    expect(raw.out).toContain(`>${book.isbn}<`);
    expect(raw.out).not.toContain('hits from');
    expect(new Set(authorizations)).toEqual(new Set([basic(USER, PASSWORD)]));
    expect(requests[0]!.get('query')).toBe(`local.barcode="${book.barcode}"`);
    expect(requests[0]!.get('x-station')).toBe('reading-room');

    const text = await bitig(['catalog', 'sources', 'test', 'Demo', '--barcode', book.barcode]);
    expect(text.code, text.err).toBe(EXIT.OK);
    expect(text.out).toMatch(/^1 of 1 hits from Demo in \d+ ms\n1\. /);
    expect(text.out).toContain(book.title);

    const json = await bitig(['catalog', 'sources', 'test', 'Demo', '--isbn', book.isbn, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({
      source: 'Demo',
      total: 1,
      records: [{ title: book.title }],
    });
  });

  it('refuses a name already saved (exit 2); --replace changes it in its place and keeps the login', async () => {
    const again = await bitig(['catalog', 'sources', 'add', 'DEMO', '--sru', demo.url]);
    expect(again.code).toBe(EXIT.USAGE);
    expect(oneErrorLine(again)).toContain('[CATALOG_SOURCE_NAME_TAKEN]');
    expect((await listed()).map((s) => [s.source.name, s.source.url ?? null])).toEqual([
      ['Demo', proxyUrl],
      ['Other', null],
    ]);

    const replaced = await bitig([
      'catalog',
      'sources',
      'add',
      'Demo',
      '--sru',
      proxyUrl,
      '--max',
      '5',
      '--replace',
    ]);
    expect(replaced).toMatchObject({ code: EXIT.OK, out: 'Replaced Demo.\n' });
    const after = await listed();
    expect(after.map((s) => [s.source.name, s.user, s.passwordSet])).toEqual([
      ['Demo', USER, true],
      ['Other', null, false],
    ]);
    expect(after[0]!.source.maxRecords).toBe(5);
    // The whole source is replaced: the barcode template was not given again.
    expect(after[0]!.source.queries).toEqual({});

    authorizations.length = 0;
    const search = await bitig(['catalog', 'search', '--source', 'Demo', '--isbn', book.isbn]);
    expect(search.code, search.err).toBe(EXIT.OK);
    expect(new Set(authorizations)).toEqual(new Set([basic(USER, PASSWORD)]));
  });

  it('removes a source; removing it again is exit 2 with one line', async () => {
    const removed = await bitig(['catalog', 'sources', 'remove', 'Other']);
    expect(removed).toMatchObject({ code: EXIT.OK, out: 'Removed Other.\n' });
    expect((await listed()).map((s) => s.source.name)).toEqual(['Demo']);
    const again = await bitig(['catalog', 'sources', 'remove', 'Other']);
    expect(again.code).toBe(EXIT.USAGE);
    expect(oneErrorLine(again)).toBe(
      'bitig catalog: There is no source named Other [CATALOG_SOURCE_NOT_FOUND]',
    );
  });

  it('a test of a source on a closed port exits 4 with one line naming the source', async () => {
    const port = await closedPort();
    const add = await bitig(['catalog', 'sources', 'add', 'Gone', '--sru', `http://127.0.0.1:${port}/sru`]);
    expect(add.code, add.err).toBe(EXIT.OK);
    const run = await bitig(['catalog', 'sources', 'test', 'Gone', '--isbn', book.isbn]);
    expect(run.code).toBe(EXIT.UNAVAILABLE);
    const line = oneErrorLine(run);
    expect(line).toMatch(/^bitig catalog: Gone: .*\[CATALOG_UNREACHABLE\]$/);
  });

  it('refuses a bad URL or a bad login with exit 2 and saves nothing', async () => {
    const before = await listed();
    const cases: [string[], string][] = [
      [['--sru', 'not a url'], ''],
      [['--sru', 'ftp://catalog.example.uz/sru'], ''],
      [['--z3950', 'no-database-here'], ''],
      [['--sru', demo.url, '--query', 'shelf=x'], ''],
      [['--z3950', 'z.example.kz/books', '--param', 'a=b'], ''],
      [['--sru', demo.url, '--user', USER, '--password-stdin'], ''],
      [['--sru', demo.url, '--password-stdin'], `${PASSWORD}\n`],
    ];
    // Independent and each refused: run side by side.
    const runs = await Promise.all(
      cases.map(([args, stdin]) => bitig(['catalog', 'sources', 'add', 'Bad', ...args], stdin)),
    );
    runs.forEach((run, i) => {
      expect(run.code, cases[i]![0].join(' ')).toBe(EXIT.USAGE);
      oneErrorLine(run);
    });
    const url = await bitig(['catalog', 'sources', 'add', 'Bad', '--sru', 'not a url']);
    expect(url.err).toBe('bitig catalog: url: url must be an http(s) URL\n');
    expect(await listed()).toEqual(before);
  });
});

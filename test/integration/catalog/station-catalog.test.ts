import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BOOKS, startDemoCatalogue } from '../../../electron/station/catalog/index.js';
import type {
  CatalogLookupResult,
  CatalogOutcome,
  CatalogSourceTestResult,
  JobDetail,
  JobSummary,
  SavedCatalogSource,
} from '../../../electron/station/contract/index.js';
import { Station } from '../../../electron/station/station.js';
import { kioskCalls } from '../helpers.js';

/**
 * The catalog through the station's contract, as the screens use it: demo mode's demo catalogue (a
 * real SRU server on the loopback), a lookup answered per source, a job made from the picked record,
 * a job made offline whose lookup fills in when the catalogue is back, and staff's sources.
 */
const PIN = '2468';
const KUNLAR = DEMO_BOOKS[0]!;
let dir: string;
let station: Station;
const { call, ok, errorCode } = kioskCalls(() => station);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-catalog-'));
  station = Station.open({ dataDir: dir, host: 'web' });
  await ok('setup.complete', { role: 'station', language: 'uz-Latn', mode: 'demo', staffPin: PIN });
});
afterAll(async () => {
  await station.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('catalog lookup in the scanning station', () => {
  it('demo mode looks books up in the demo catalogue; each answer is published as it arrives', async () => {
    const sources = await ok<SavedCatalogSource[]>('catalogSources.list');
    expect(sources.map((s) => [s.source.name, s.builtIn])).toEqual([['Demo catalogue', true]]);

    const published: CatalogOutcome[] = [];
    const off = station.events.on('catalog.outcome', (o) => published.push(o));
    const result = await ok<CatalogLookupResult>('catalog.lookup', {
      lookupId: 'new-job-1',
      query: { kind: 'isbn', value: KUNLAR.isbn.replace(/-/g, '') },
    });
    off();
    expect(result.unanswered).toBe(false);
    expect(result.outcomes).toHaveLength(1);
    expect(result.outcomes[0]!.records.map((r) => r.title)).toEqual(['Oʻtkan kunlar']);
    expect(result.outcomes[0]!.records[0]!.creators[0]!.name).toContain('Qodiriy');
    expect(published).toEqual(result.outcomes);

    // The operator picks it: the job and the list name the book.
    const job = await ok<JobDetail>('jobs.create', {
      itemBarcode: KUNLAR.barcode,
      record: result.outcomes[0]!.records[0],
    });
    expect(job).toMatchObject({ title: 'Oʻtkan kunlar', lookup: 'found' });
    expect(job.catalogRecord?.marcxml).toContain('<record');
    const [listed] = await ok<JobSummary[]>('jobs.list', {});
    expect(listed).toMatchObject({
      id: job.id,
      title: 'Oʻtkan kunlar',
      author: expect.stringContaining('Qodiriy'),
    });

    // The same book again, by its ISBN this time: flagged before a second job is made.
    const dupes = await ok<JobSummary[]>('jobs.duplicates', { code: KUNLAR.isbn });
    expect(dupes.map((j) => j.id)).toEqual([job.id]);
    const again = await call('jobs.create', { itemBarcode: KUNLAR.isbn });
    expect(again.ok || again.error).toMatchObject({
      code: 'JOB_DUPLICATE',
      jobs: [{ id: job.id, title: 'Oʻtkan kunlar' }],
    });
  });

  it('offline: the job is made at once with its lookup pending, and filled in when the catalogue is back', async () => {
    const book = DEMO_BOOKS[5]!;
    await ok('demo.catalogue', { available: false });
    const result = await ok<CatalogLookupResult>('catalog.lookup', {
      lookupId: 'new-job-2',
      query: { kind: 'barcode', value: book.barcode },
    });
    expect(result.unanswered).toBe(true);
    expect(result.outcomes[0]!.error).toMatchObject({
      code: 'CATALOG_UNREACHABLE',
      source: 'Demo catalogue',
    });

    const job = await ok<JobDetail>('jobs.create', {
      itemBarcode: book.barcode,
      lookup: { kind: 'barcode', value: book.barcode },
    });
    expect(job.lookup).toBe('pending');
    await until(async () => (await ok<JobDetail>('jobs.get', { jobId: job.id })).lookupDetail.attempts > 0);
    const pending = await ok<JobDetail>('jobs.get', { jobId: job.id });
    expect(pending.lookupDetail).toMatchObject({
      state: 'pending',
      lastError: { code: 'CATALOG_UNREACHABLE' },
    });

    const told: unknown[] = [];
    station.events.on('job.record', (e) => told.push(e));
    await ok('demo.catalogue', { available: true });
    // "Try now" (the background would try within its next interval).
    const filled = await ok<JobDetail>('jobs.lookup', { jobId: job.id });
    expect(filled).toMatchObject({ lookup: 'found', title: book.title });
    expect(told).toContainEqual({
      jobId: job.id,
      lookup: 'found',
      title: book.title,
      author: expect.stringContaining(book.authors[0]!.name.split(',')[0]!),
    });
  });

  it('staff keep sources with an encrypted login; the screens never get the password back', async () => {
    expect(
      await errorCode('catalogSources.save', {
        staffPin: '1111',
        source: sruSource('Milliy', 'http://127.0.0.1:9/'),
      }),
    ).toBe('STAFF_PIN_WRONG');
    const catalogue = await startDemoCatalogue();
    const seen: (string | undefined)[] = [];
    // A catalogue that wants a login: a proxy in front of the demo one that records what it was sent.
    const proxy = await basicAuthProxy(catalogue.url, seen);
    try {
      const saved = await ok<SavedCatalogSource[]>('catalogSources.save', {
        staffPin: PIN,
        source: sruSource('Milliy kutubxona', proxy.url),
        credentials: { user: 'bitig', password: 'maxfiy-parol-42' },
      });
      expect(saved).toEqual([
        {
          source: expect.objectContaining({ name: 'Milliy kutubxona' }),
          user: 'bitig',
          passwordSet: true,
          builtIn: false,
        },
      ]);
      expect(JSON.stringify(saved)).not.toContain('maxfiy-parol-42');
      // Neither in the database nor in its write-ahead log, where a fresh write sits first.
      for (const file of [station.store.file, `${station.store.file}-wal`]) {
        if (fs.existsSync(file)) expect(fs.readFileSync(file).includes('maxfiy-parol-42')).toBe(false);
      }
      expect(fs.readFileSync(`${station.store.file}-wal`).includes('Milliy kutubxona')).toBe(true);

      // Lookups now ask the saved source, with its login (the demo catalogue steps aside).
      const result = await ok<CatalogLookupResult>('catalog.lookup', {
        lookupId: 'with-login',
        query: { kind: 'title', value: "O'tkan kunlar" },
      });
      expect(result.outcomes.map((o) => [o.source, o.ok])).toEqual([['Milliy kutubxona', true]]);
      expect(seen.at(-1)).toBe(`Basic ${Buffer.from('bitig:maxfiy-parol-42').toString('base64')}`);

      // Testing an edit without retyping the password uses the stored one; the raw answer is shown.
      const test = await ok<CatalogSourceTestResult>('catalogSources.test', {
        staffPin: PIN,
        source: sruSource('Milliy kutubxona', proxy.url),
        replaces: 'Milliy kutubxona',
        credentials: { user: 'bitig' },
        query: { kind: 'isbn', value: KUNLAR.isbn },
      });
      expect(test).toMatchObject({ ok: true, total: 1, error: null });
      expect(test.raw).toContain('searchRetrieveResponse');
      expect(seen.at(-1)).toBe(`Basic ${Buffer.from('bitig:maxfiy-parol-42').toString('base64')}`);

      // A second source, then the order changed; a name taken is refused.
      await ok('catalogSources.save', {
        staffPin: PIN,
        source: sruSource('Ittifoq katalogi', 'http://127.0.0.1:9/sru'),
      });
      expect(
        await errorCode('catalogSources.save', {
          staffPin: PIN,
          source: sruSource('ittifoq KATALOGI', 'http://127.0.0.1:9/'),
        }),
      ).toBe('CATALOG_SOURCE_NAME_TAKEN');
      const reordered = await ok<SavedCatalogSource[]>('catalogSources.reorder', {
        staffPin: PIN,
        names: ['Ittifoq katalogi', 'Milliy kutubxona'],
      });
      expect(reordered.map((s) => s.source.name)).toEqual(['Ittifoq katalogi', 'Milliy kutubxona']);

      // A source that does not answer: the test says so with the source's name.
      const down = await ok<CatalogSourceTestResult>('catalogSources.test', {
        staffPin: PIN,
        source: sruSource('Ittifoq katalogi', 'http://127.0.0.1:9/sru'),
        query: { kind: 'isbn', value: KUNLAR.isbn },
      });
      expect(down).toMatchObject({
        ok: false,
        error: { code: 'CATALOG_UNREACHABLE', source: 'Ittifoq katalogi' },
      });

      await ok('catalogSources.delete', { staffPin: PIN, name: 'Ittifoq katalogi' });
      await ok('catalogSources.delete', { staffPin: PIN, name: 'Milliy kutubxona' });
      expect(await errorCode('catalogSources.delete', { staffPin: PIN, name: 'Milliy kutubxona' })).toBe(
        'CATALOG_SOURCE_NOT_FOUND',
      );
      // None saved: demo mode falls back to its demo catalogue.
      expect((await ok<SavedCatalogSource[]>('catalogSources.list')).map((s) => s.source.name)).toEqual([
        'Demo catalogue',
      ]);
    } finally {
      await proxy.close();
      await catalogue.close();
    }
  });

  it('staff delete a job with its files; a wrong PIN deletes nothing', async () => {
    const job = await ok<JobDetail>('jobs.create', { itemBarcode: 'DEL-1' });
    expect(await errorCode('jobs.delete', { jobId: job.id, staffPin: '0000' })).toBe('STAFF_PIN_WRONG');
    expect((await ok<JobDetail>('jobs.get', { jobId: job.id })).id).toBe(job.id);
    expect(await ok('jobs.delete', { jobId: job.id, staffPin: PIN })).toEqual({ jobId: job.id });
    expect(await errorCode('jobs.get', { jobId: job.id })).toBe('JOB_NOT_FOUND');
  });
});

function sruSource(name: string, url: string) {
  return { name, protocol: 'sru', url, version: '1.2', timeoutSeconds: 3 };
}

/** An HTTP proxy that records each request's Authorization header and passes the request on. */
async function basicAuthProxy(target: string, seen: (string | undefined)[]) {
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    const url = new URL(req.url ?? '/', target);
    url.pathname = new URL(target).pathname;
    http.get(url, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/sru`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDetail, PackageFormat, PackageLayout } from '../../../electron/station/contract/index.js';
import { PackageRepo } from '../../../electron/station/digitization/packaging/package-repo.js';
import { Station } from '../../../electron/station/station.js';
import { byteRange, startWebHost, type WebHost } from '../../../electron/station/web/server.js';
import { bibRecord } from '../../helpers/bib-record.js';
import { kioskCalls } from '../helpers.js';

/**
 * "Open the PDF" of a finished package: the path the core keeps for it (both layouts, bagged or
 * not), `jobs.openPackagePdf` in either host, and the web host's `/packages/<jobId>/pdf`, which
 * serves the job's stored package PDF to token holders only and nothing else whatever the URL says.
 */
const TOKEN = 'test-token-0123456789';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70_000, 7), Buffer.from('\n%%EOF\n')]);

let dir: string;
let dataDir: string;
let station: Station;
let host: WebHost;
const opened: string[] = [];
const { ok, errorCode } = kioskCalls(() => station);
const jobs: Record<'bag' | 'goobi' | 'none' | 'noPdf' | 'escape', number> = {
  bag: 0,
  goobi: 0,
  none: 0,
  noPdf: 0,
  escape: 0,
};

function repo(s: Station): PackageRepo {
  return new PackageRepo(
    (s as unknown as { store: { db: ConstructorParameters<typeof PackageRepo>[0] } }).store.db,
  );
}

async function job(barcode: string): Promise<number> {
  return (await ok<JobDetail>('jobs.create', { itemBarcode: barcode, record: bibRecord({ title: barcode }) }))
    .id;
}

/** A finished package as the packager records it, with the PDF written where the layout puts it. */
function packaged(
  jobId: number,
  name: string,
  layout: PackageLayout,
  formats: PackageFormat[],
  pdf: string | null,
) {
  const r = repo(station);
  r.start(jobId, { formats, layout, ocrLanguages: [] }, new Date().toISOString());
  r.finish(jobId, 'done', `packages/${name}`, null, new Date().toISOString());
  if (pdf) {
    const file = path.join(dataDir, 'packages', name, ...pdf.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, PDF);
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-pdf-'));
  dataDir = path.join(dir, 'data');
  const rendererRoot = path.join(dir, 'renderer');
  fs.mkdirSync(rendererRoot, { recursive: true });
  fs.writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>ok</title>');
  fs.writeFileSync(path.join(dir, 'secret.pdf'), 'do not serve');
  station = Station.open({ dataDir, host: 'web' });
  await ok('setup.complete', { role: 'station', language: 'en', mode: 'demo', staffPin: '2468' });
  jobs.bag = await job('INV-1');
  jobs.goobi = await job('INV-2');
  jobs.none = await job('INV-3');
  jobs.noPdf = await job('INV-4');
  jobs.escape = await job('INV-5');
  packaged(jobs.bag, 'bitig-1-INV-1', 'bag', ['mets', 'pdf', 'bagit'], 'data/bitig-1-INV-1.pdf');
  packaged(jobs.goobi, 'bitig-2-INV-2', 'goobi', ['mets', 'pdf'], 'export/bitig-2-INV-2.pdf');
  packaged(jobs.noPdf, 'bitig-4-INV-4', 'bag', ['mets', 'bagit'], null);
  // A package whose PDF is a link leading out of the packages folder.
  const outside = path.join(dataDir, 'packages', 'bitig-5-INV-5');
  packaged(jobs.escape, 'bitig-5-INV-5', 'bag', ['pdf'], null);
  fs.mkdirSync(outside, { recursive: true });
  fs.symlinkSync(path.join(dir, 'secret.pdf'), path.join(outside, 'bitig-5-INV-5.pdf'));
  host = await startWebHost({ station, rendererRoot, token: TOKEN });
});

afterAll(async () => {
  await host?.close();
  await station?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: urlPath,
        headers: { host: `127.0.0.1:${host.port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const withToken = (p: string, token = TOKEN) => `${p}?token=${encodeURIComponent(token)}`;

describe('the package PDF', () => {
  it('is where the layout puts it: data/ in a bag, export/ in a Goobi folder, none without a PDF', async () => {
    const progress = (jobId: number) => ok<{ pdf: string | null }>('jobs.packageProgress', { jobId });
    expect((await progress(jobs.bag)).pdf).toBe('packages/bitig-1-INV-1/data/bitig-1-INV-1.pdf');
    expect((await progress(jobs.goobi)).pdf).toBe('packages/bitig-2-INV-2/export/bitig-2-INV-2.pdf');
    expect((await progress(jobs.noPdf)).pdf).toBeNull();
    expect(await ok('jobs.packageProgress', { jobId: jobs.none })).toBeNull();
  });

  it('jobs.openPackagePdf answers the web address without a desktop, and refuses a job without one', async () => {
    expect(await ok('jobs.openPackagePdf', { jobId: jobs.bag })).toEqual({
      opened: false,
      url: `/packages/${jobs.bag}/pdf`,
    });
    expect(await errorCode('jobs.openPackagePdf', { jobId: jobs.none })).toBe('INVALID_OPERATION');
    expect(await errorCode('jobs.openPackagePdf', { jobId: jobs.noPdf })).toBe('INVALID_OPERATION');
    expect(await errorCode('jobs.openPackagePdf', { jobId: jobs.escape })).toBe('INVALID_OPERATION');
    expect(await errorCode('jobs.openPackagePdf', { jobId: '1/../2' })).toBe('VALIDATION');
  });

  it('with a desktop, hands the checked absolute path to openFile', async () => {
    const desktop = Station.open({
      dataDir: path.join(dir, 'desktop'),
      host: 'electron',
      openFile: async (file) => {
        opened.push(file);
      },
    });
    try {
      const call = (m: 'setup.complete' | 'jobs.create' | 'jobs.openPackagePdf', input: unknown) =>
        desktop.dispatch(m, input);
      await call('setup.complete', { role: 'station', language: 'en', mode: 'demo' });
      const created = await call('jobs.create', { itemBarcode: 'D-1', record: bibRecord({ title: 'D' }) });
      const jobId = (created as { ok: true; value: JobDetail }).value.id;
      const r = repo(desktop);
      r.start(jobId, { formats: ['pdf'], layout: 'bag', ocrLanguages: [] }, new Date().toISOString());
      r.finish(jobId, 'done', 'packages/d', null, new Date().toISOString());
      // Gone from disk: said so, nothing opened.
      expect(await call('jobs.openPackagePdf', { jobId })).toMatchObject({
        ok: false,
        error: { code: 'FOLDER_MISSING' },
      });
      const file = path.join(dir, 'desktop', 'packages', 'd', 'd.pdf');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, PDF);
      expect(await call('jobs.openPackagePdf', { jobId })).toEqual({
        ok: true,
        value: { opened: true, url: null },
      });
      expect(opened).toEqual([fs.realpathSync(file)]);
    } finally {
      await desktop.close();
    }
  });
});

describe('GET /packages/<jobId>/pdf', () => {
  it('serves the bytes of the job package PDF inline, as a PDF, with the token', async () => {
    for (const [jobId, name] of [
      [jobs.bag, 'bitig-1-INV-1.pdf'],
      [jobs.goobi, 'bitig-2-INV-2.pdf'],
    ] as const) {
      const res = await get(withToken(`/packages/${jobId}/pdf`));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`inline; filename="${name}"`);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.body.equals(PDF)).toBe(true);
    }
  });

  it('refuses without the token or with a wrong one (401), before saying whether the job has a PDF', async () => {
    for (const p of [
      `/packages/${jobs.bag}/pdf`,
      withToken(`/packages/${jobs.bag}/pdf`, 'wrong'),
      '/packages/999/pdf',
    ]) {
      const res = await get(p);
      expect(res.status).toBe(401);
      expect(res.body.includes(PDF.subarray(0, 8))).toBe(false);
    }
    expect((await get(`/packages/${jobs.bag}/pdf?token=${TOKEN}x`)).status).toBe(401);
  });

  it('answers 404 for a job without a packaged PDF, an unknown job, or a PDF leading out of the packages', async () => {
    for (const jobId of [jobs.none, jobs.noPdf, jobs.escape, 999, 0]) {
      expect((await get(withToken(`/packages/${jobId}/pdf`))).status).toBe(404);
    }
  });

  it('takes nothing from the URL but the job id: traversal and encodings are 404, never a file', async () => {
    const tries = [
      `/packages/${jobs.bag}/../../secret.pdf`,
      `/packages/${jobs.bag}/%2e%2e/%2e%2e/secret.pdf`,
      `/packages/..%2f..%2fsecret.pdf/pdf`,
      `/packages/${jobs.bag}%2fpdf`,
      `/packages%2f${jobs.bag}%2fpdf`,
      `/packages/${jobs.bag}/pdf/`,
      `/packages/${jobs.bag}/pdf%00`,
      `/packages/0${jobs.bag}/pdf`,
      `/packages/-1/pdf`,
      `/packages/1e3/pdf`,
      `/packages/${jobs.bag}/data/bitig-1-INV-1.pdf`,
      `/PACKAGES/${jobs.bag}/pdf`,
      `//packages/${jobs.bag}/pdf`,
      `/packages/${jobs.bag}\\..\\..\\secret.pdf`,
      `/packages/99999999999999999999/pdf`,
      '/packages',
      '/packages/',
    ];
    for (const p of tries) {
      const res = await get(withToken(p));
      expect(res.status, p).toBe(404);
      expect(res.body.toString()).not.toContain('do not serve');
      expect(res.body.toString()).not.toContain('<title>');
    }
  });

  it('honours one byte range and refuses one past the end', async () => {
    const part = await get(withToken(`/packages/${jobs.bag}/pdf`), { range: 'bytes=5-104' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 5-104/${PDF.length}`);
    expect(part.body.equals(PDF.subarray(5, 105))).toBe(true);
    const tail = await get(withToken(`/packages/${jobs.bag}/pdf`), { range: 'bytes=-10' });
    expect(tail.body.equals(PDF.subarray(PDF.length - 10))).toBe(true);
    expect(
      (await get(withToken(`/packages/${jobs.bag}/pdf`), { range: `bytes=${PDF.length}-` })).status,
    ).toBe(416);
    expect(byteRange('bytes=0-1,5-6', 10)).toBeNull();
    expect(byteRange('bytes=3-', 10)).toEqual({ start: 3, end: 9 });
    expect(byteRange('bytes=4-2', 10)).toBe('unsatisfiable');
  });

  it('is not served by a kiosk', async () => {
    const kioskDir = path.join(dir, 'kiosk');
    const kiosk = Station.open({ dataDir: kioskDir, host: 'web' });
    try {
      await kiosk.dispatch('setup.complete', { role: 'kiosk', language: 'en', mode: 'demo' });
      expect(kiosk.packagePdfFile(1)).toBeNull();
    } finally {
      await kiosk.close();
    }
  });
});

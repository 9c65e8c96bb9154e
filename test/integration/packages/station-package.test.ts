import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import type { CliIo } from '../../../electron/station/cli/io.js';
import { runCli } from '../../../electron/station/cli/program.js';
import type { JobDetail, PackageProgress } from '../../../electron/station/contract/index.js';
import { Station } from '../../../electron/station/station.js';
import { bibRecord } from '../../helpers/bib-record.js';
import { kioskCalls } from '../helpers.js';
import { ddbFindings, runDdbSchematron } from './helpers/ddb-schematron.js';
import { keyWordsFound, renderPage, SAMPLES, sharedDir } from './helpers/ocr-pages.js';

/**
 * A reviewed job packaged through the station's contract, as the Package step does it: pages
 * photographed with the document camera (rendered Russian and Uzbek text), OCR by the real
 * Tesseract, then METS/MODS, ALTO, PDF, IIIF and the bag — each checked by a tool that is not ours.
 * Needs the built imaging worker (`npm run build`) and Tesseract with rus and uzb.
 */
const PIN = '2468';
const shared = sharedDir();
const workerBuilt = fs.existsSync(path.join('dist', 'digitization', 'pipeline-worker.cjs'));
const tesseract = (() => {
  try {
    return execFileSync('tesseract', ['--list-langs'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    return '';
  }
})();
const ready = workerBuilt && shared !== null && /\brus\b/.test(tesseract) && /\buzb\b/.test(tesseract);

const RIGHTS = {
  owner: 'Alisher Navoiy nomidagi Oʻzbekiston Milliy kutubxonasi',
  ownerLogo: 'https://library.example.uz/logo.png',
  ownerSiteURL: 'https://library.example.uz/',
  ownerContact: 'mailto:digital@library.example.uz',
  license: 'https://creativecommons.org/publicdomain/mark/1.0/',
  sponsor: null,
  reference: 'https://catalog.example.uz/record/{id}',
  presentation: 'https://viewer.example.uz/{id}',
};

let dir: string;
let pages: string[];
let station: Station;
const { ok } = kioskCalls(() => station);

beforeAll(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-pages-'));
  pages = [
    await renderPage(SAMPLES.find((s) => s.languages[0] === 'rus')!, path.join(tmp, 'ru.png')),
    await renderPage(SAMPLES.find((s) => s.languages[0] === 'uzb')!, path.join(tmp, 'uz.png')),
  ];
}, 60_000);

afterEach(async () => {
  await station?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function reviewedJob(): Promise<JobDetail> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-package-'));
  station = Station.open({ dataDir: dir, host: 'web' });
  await ok('setup.complete', { role: 'station', language: 'ru', mode: 'demo', staffPin: PIN });
  await ok('packaging.saveSettings', {
    staffPin: PIN,
    settings: { formats: ['mets', 'alto', 'pdf', 'iiif', 'bagit'], layout: 'bag', rights: RIGHTS },
  });
  const job = await ok<JobDetail>('jobs.create', {
    itemBarcode: 'INV-0042',
    record: bibRecord({
      title: 'Национальная библиотека',
      creators: [{ name: 'Қодирий, Абдулла', role: 'aut', primary: true }],
      languages: ['rus', 'uzb'],
      recordId: 'demo-42',
      publication: { place: 'Тошкент', publisher: 'Шарқ', date: '2014' },
    }),
  });
  for (const file of pages) {
    await ok('scan.addFrame', {
      jobId: job.id,
      image: fs.readFileSync(file).toString('base64'),
      mimeType: 'image/png',
    });
  }
  const [first] = (await ok<JobDetail>('jobs.get', { jobId: job.id })).pages;
  await ok('pages.relabel', { jobId: job.id, pageIds: [first!.id], type: 'title' });
  await station.digitization.idle();
  await ok('jobs.transition', { jobId: job.id, to: 'captured' });
  await ok('jobs.transition', { jobId: job.id, to: 'reviewed' });
  return ok<JobDetail>('jobs.get', { jobId: job.id });
}

function finished(jobId: number): Promise<PackageProgress> {
  return new Promise((resolve) => {
    const off = station.events.on('job.package', (p) => {
      if (p.jobId === jobId && ['done', 'failed', 'cancelled'].includes(p.phase)) {
        off();
        resolve(p);
      }
    });
  });
}

describe.runIf(ready)('packaging a reviewed job through the station', () => {
  it('OCR, METS/MODS, ALTO, PDF, IIIF and a bag that tools other than ours accept', async () => {
    const job = await reviewedJob();
    // The record's title is Cyrillic, so it suggests Uzbek in Cyrillic; the pages say otherwise.
    expect(job.ocrLanguages).toEqual(['rus', 'uzb_cyrl']);
    const seen: string[] = [];
    station.events.on('job.package', (p) => seen.push(p.phase));
    const done = finished(job.id);
    const started = await ok<PackageProgress>('jobs.package', {
      jobId: job.id,
      ocrLanguages: ['rus', 'uzb'],
    });
    expect(started.phase).toBe('queued');
    const result = await done;
    expect(result, JSON.stringify(result.error)).toMatchObject({ phase: 'done', error: null });
    expect(seen).toEqual(expect.arrayContaining(['images', 'ocr', 'pdf', 'metadata', 'bag', 'done']));
    expect((await ok<JobDetail>('jobs.get', { jobId: job.id })).state).toBe('packaged');

    const bag = path.join(dir, result.path!);
    expect(path.basename(bag)).toBe(`bitig-${job.id}-INV-0042`);
    // The bag: its own manifests checked by coreutils, not by us.
    for (const manifest of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
      execFileSync('sha256sum', ['--check', '--strict', '--quiet', manifest], { cwd: bag });
    }
    const data = path.join(bag, 'data');
    const env = { ...process.env, XML_CATALOG_FILES: path.join(shared!, 'schemas', 'catalog.xml') };
    const xsd = (name: string) => path.join(shared!, 'schemas', name);
    // METS/MODS and ALTO against the official schemas, offline.
    execFileSync(
      'xmllint',
      ['--nonet', '--noout', '--schema', xsd('mets-mods.xsd'), path.join(data, 'mets.xml')],
      {
        env,
        stdio: 'pipe',
      },
    );
    // The DDB's Schematron for the DFG-Viewer profile: no fatal or error finding.
    const svrl = path.join(dir, 'mets.svrl');
    runDdbSchematron(path.join(shared!, 'schemas'), path.join(data, 'mets.xml'), svrl);
    const blocking = ddbFindings(svrl).filter((f) => f.role === 'fatal' || f.role === 'error');
    expect(blocking.map((f) => `${f.role} ${f.id} ${f.location}`)).toEqual([]);
    const altos = fs.readdirSync(path.join(data, 'alto')).map((f) => path.join(data, 'alto', f));
    expect(altos).toHaveLength(2);
    execFileSync('xmllint', ['--nonet', '--noout', '--schema', xsd('alto-4-4.xsd'), ...altos], {
      env,
      stdio: 'pipe',
    });
    const ru = SAMPLES.find((s) => s.languages[0] === 'rus')!;
    expect(keyWordsFound(fs.readFileSync(altos[0]!, 'utf8'), ru.keyWords).found.length).toBeGreaterThan(
      ru.keyWords.length * 0.8,
    );
    // The PDF: sound, its text searchable.
    const pdf = path.join(data, `bitig-${job.id}-INV-0042.pdf`);
    execFileSync('qpdf', ['--check', pdf], { stdio: 'pipe' });
    // The PDF the Package step opens is this one.
    expect(result.pdf).toBe(`${result.path}/data/bitig-${job.id}-INV-0042.pdf`);
    expect(station.packagePdfFile(job.id)).toBe(fs.realpathSync(pdf));
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).toLowerCase()).toContain('библиотека');
    // The IIIF manifest against IIIF's JSON Schema.
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
    const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
    const schema = JSON.parse(
      fs.readFileSync(path.join(shared!, 'schemas', 'iiif', 'iiif_3_0.json'), 'utf8'),
    );
    const validate = ajv.compile(schema);
    const manifest = JSON.parse(fs.readFileSync(path.join(data, 'manifest.json'), 'utf8'));
    expect(validate(manifest), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // Masters are copied as captured.
    const master = (await ok<JobDetail>('jobs.get', { jobId: job.id })).pages[0]!.master;
    const copied = fs.readdirSync(path.join(data, 'masters'))[0]!;
    expect(fs.readFileSync(path.join(data, 'masters', copied))).toEqual(
      fs.readFileSync(path.join(dir, master.path)),
    );
  }, 240_000);

  it('stopped while it runs: back to reviewed, nothing half-made kept; a restart resumes an unfinished one', async () => {
    const job = await reviewedJob();
    const stopped = finished(job.id);
    await ok('jobs.package', { jobId: job.id });
    await ok('jobs.cancelPackage', { jobId: job.id });
    expect((await stopped).phase).toBe('cancelled');
    expect((await ok<JobDetail>('jobs.get', { jobId: job.id })).state).toBe('reviewed');
    expect(fs.readdirSync(path.join(dir, 'packages')).filter((f) => !f.startsWith('.'))).toEqual([]);

    // Closing mid-way leaves the job packaging; the next start finishes it.
    await ok('jobs.package', { jobId: job.id, ocrLanguages: [] });
    await station.close();
    station = Station.open({ dataDir: dir, host: 'web' });
    const done = finished(job.id);
    await station.start();
    expect((await done).phase).toBe('done');
    expect((await ok<JobDetail>('jobs.get', { jobId: job.id })).state).toBe('packaged');
    expect(fs.readdirSync(path.join(dir, 'packages')).filter((f) => !f.startsWith('.'))).toEqual([
      `bitig-${job.id}-INV-0042`,
    ]);
  }, 240_000);

  it('bitig export packages a reviewed job into a folder, and refuses a job not reviewed', async () => {
    const job = await reviewedJob();
    const other = await ok<JobDetail>('jobs.create', { itemBarcode: 'INV-0043' });
    await station.close();
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => out.push(t), env: {} };
    const to = path.join(dir, 'export');
    const code = await runCli(
      ['export', String(job.id), '--to', to, '--no-ocr', '--formats', 'mets,pdf,bagit', '--data-dir', dir],
      io,
    );
    expect(code, out.join('\n')).toBe(EXIT.OK);
    const bag = path.join(to, `bitig-${job.id}-INV-0042`);
    expect(out.join('\n')).toContain(`exported to ${bag}`);
    // Progress went to the terminal, phase by phase.
    expect(out).toEqual(expect.arrayContaining(['images 2/2', 'done']));
    execFileSync('sha256sum', ['--check', '--strict', '--quiet', 'manifest-sha256.txt'], { cwd: bag });
    expect(fs.readdirSync(path.join(bag, 'data')).sort()).toEqual(
      ['images', 'masters', 'mets.xml', 'thumbs', `bitig-${job.id}-INV-0042.pdf`].sort(),
    );
    // Again: the package is there, nothing is overwritten.
    out.length = 0;
    expect(await runCli(['export', String(job.id), '--to', to, '--data-dir', dir], io)).toBe(EXIT.USAGE);
    expect(out.join('\n')).toContain('nothing was overwritten');
    out.length = 0;
    expect(await runCli(['export', String(other.id), '--to', to, '--data-dir', dir], io)).toBe(EXIT.USAGE);
    expect(out.join('\n')).toContain(`job ${other.id} is created; only a reviewed job is packaged`);
    station = Station.open({ dataDir: dir, host: 'web' });
  }, 240_000);
});

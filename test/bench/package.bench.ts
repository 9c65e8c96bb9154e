import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, bench, describe } from 'vitest';
import type { PackageFormat, PackageProgress } from '../../electron/station/contract/index.js';
import { Station } from '../../electron/station/station.js';

/**
 * Packaging a book without OCR through the station (straightened images and thumbnails, METS,
 * IIIF, the bag, optionally the PDF), beside copying and hashing the same masters (`cp -r` +
 * `sha256sum`) in the same run. Goal: ≤ 1.5× without the PDF. Masters: camera-like JPEGs of an A4
 * page at 200 dpi, untouched (no crop, no turn), as a document camera delivers them, captured into
 * a demo station first (not timed). Needs `npm run build` (the imaging worker). BENCH_PAGES=n.
 */
const PAGES = Number(process.env.BENCH_PAGES) || 500;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bench-package-'));

async function master(seed: number): Promise<Buffer> {
  const lines = Array.from(
    { length: 40 },
    (_, i) =>
      `<rect x="${150 + ((seed * 37 + i * 53) % 90)}" y="${180 + i * 52}" width="1200" height="22" fill="#2a2520"/>`,
  ).join('');
  return sharp({
    create: {
      width: 827,
      height: 1170,
      channels: 3,
      background: '#f4efe2',
      noise: { type: 'gaussian', mean: 220, sigma: 14 },
    },
  })
    .resize(1654, 2339)
    .composite([
      {
        input: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="1654" height="2339">${lines}</svg>`,
        ),
      },
    ])
    .jpeg({ quality: 88 })
    .toBuffer();
}

const station = Station.open({ dataDir: dir, host: 'web' });
station.settings.update({ role: 'station', mode: 'demo', setupComplete: true });
station.packaging.settings.save({
  ...station.packaging.settings.get(),
  rights: {
    owner: 'Bench library',
    ownerLogo: 'https://library.example.org/logo.png',
    ownerSiteURL: 'https://library.example.org/',
    ownerContact: 'mailto:bench@library.example.org',
    license: 'https://creativecommons.org/publicdomain/mark/1.0/',
    sponsor: null,
    reference: null,
    presentation: null,
  },
});
const distinct = await Promise.all(Array.from({ length: 12 }, (_, i) => master(i)));

/** A reviewed job of PAGES masters; a new job each time (a job is packaged once). */
async function reviewedJob(): Promise<number> {
  const job = station.digitization.createJob({
    itemBarcode: `BENCH-${Date.now()}`,
    profile: {},
    allowDuplicate: true,
  });
  for (let i = 0; i < PAGES; i++) {
    await station.digitization.addCapturedPage(job.id, {
      data: distinct[i % distinct.length]!,
      mimeType: 'image/jpeg',
    });
  }
  await station.digitization.idle();
  await station.digitization.transition(job.id, 'captured');
  await station.digitization.transition(job.id, 'reviewed');
  return job.id;
}

async function timedPackage(jobId: number, formats: PackageFormat[]): Promise<number> {
  const phases = new Map<string, number>();
  const done = new Promise<PackageProgress>((resolve) => {
    const off = station.events.on('job.package', (p) => {
      if (p.jobId === jobId && !phases.has(p.phase)) phases.set(p.phase, performance.now());
      if (p.jobId === jobId && ['done', 'failed', 'cancelled'].includes(p.phase)) {
        off();
        resolve(p);
      }
    });
  });
  const start = performance.now();
  await station.packaging.package(jobId, { formats, ocrLanguages: [] });
  const result = await done;
  if (result.phase !== 'done') throw new Error(`packaging failed: ${JSON.stringify(result.error)}`);
  // Where the time went: each phase from its first report to the next phase's.
  const marks = [...phases.entries()];
  console.log(
    `  ${formats.join(',')}: ${marks.map(([phase, at], i) => `${phase} ${(((marks[i + 1]?.[1] ?? at) - at) / 1000).toFixed(2)} s`).join(', ')}`,
  );
  return performance.now() - start;
}

/** The baseline: the masters copied and hashed; with `sync`, also flushed to disk as the bag is. */
function copyAndHash(jobId: number, sync = false): number {
  const masters = path.join(dir, 'jobs', String(jobId), 'master');
  const out = path.join(dir, `copy-${jobId}`);
  const start = performance.now();
  const flush = sync ? ' && sync -f .' : '';
  execFileSync(
    'sh',
    [
      '-c',
      `cp -r "$1" "$2" && cd "$2" && find . -type f -exec sha256sum {} + > /dev/null${flush}`,
      'sh',
      masters,
      out,
    ],
    {
      stdio: 'ignore',
    },
  );
  const ms = performance.now() - start;
  fs.rmSync(out, { recursive: true, force: true });
  return ms;
}

describe(`packaging a ${PAGES}-page job without OCR`, () => {
  bench(
    'cp -r + sha256sum beside packaging (METS, IIIF, bag), then with the PDF',
    async () => {
      const a = await reviewedJob();
      const base = copyAndHash(a);
      const synced = copyAndHash(a, true);
      const plain = await timedPackage(a, ['mets', 'iiif', 'bagit']);
      const b = await reviewedJob();
      const baseB = copyAndHash(b);
      const withPdf = await timedPackage(b, ['mets', 'pdf', 'iiif', 'bagit']);
      console.log(
        `cp -r + sha256sum ${base.toFixed(0)} ms (+ sync ${synced.toFixed(0)} ms); package ${plain.toFixed(0)} ms = ${(plain / base).toFixed(2)}× (goal ≤ 1.5×), ${(plain / synced).toFixed(2)}× with sync`,
      );
      console.log(
        `cp -r + sha256sum ${baseB.toFixed(0)} ms; package with PDF ${withPdf.toFixed(0)} ms = ${(withPdf / baseB).toFixed(2)}×`,
      );
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});

afterAll(async () => {
  await station.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

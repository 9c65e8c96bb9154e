import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, bench, describe } from 'vitest';
import type { PackagePage } from '../../electron/station/packages/package-input.js';
import { writePdf } from '../../electron/station/packages/pdf/index.js';
import { packageInput } from '../integration/packages/pdf-iiif-fixtures.js';

/**
 * The package PDF of a 500-page book of JPEG masters, beside img2pdf (Debian's, the reference for
 * embedding JPEGs without re-encoding) on the same files, in the same run: each round runs img2pdf,
 * then writePdf, so both see the same machine. Goal: writePdf ≤ 1.2× img2pdf's time. Also prints
 * writePdf's peak resident memory above the process's before the run, against the masters' total
 * size (the writer holds one or two masters at a time, not the book).
 *
 * Masters: 1654×2339 (A4 at 200 dpi) camera-like JPEGs, 12 distinct images each written as ~42
 * files (BENCH_PAGES=n for another count); made once per run into a temporary folder.
 */
const PAGES = Number(process.env.BENCH_PAGES) || 500;
const WIDTH = 1654;
const HEIGHT = 2339;
const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bench-pdf-'));

async function master(seed: number): Promise<Buffer> {
  const noise = await sharp({
    create: {
      width: Math.round(WIDTH / 2),
      height: Math.round(HEIGHT / 2),
      channels: 3,
      background: '#ffffff',
      noise: { type: 'gaussian', mean: 200, sigma: 18 },
    },
  })
    .resize(WIDTH, HEIGHT)
    .png()
    .toBuffer();
  const lines = Array.from(
    { length: 40 },
    (_, i) =>
      `<rect x="${150 + ((seed * 37 + i * 53) % 90)}" y="${180 + i * 52}" width="${1150 + ((seed + i) % 7) * 30}" height="22" fill="#2a2520" opacity="0.8"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${lines}</svg>`;
  return sharp(noise)
    .composite([{ input: Buffer.from(svg) }])
    .tint({ r: 245, g: 238, b: 222 })
    .jpeg({ quality: 88 })
    .toBuffer();
}

const distinct = await Promise.all(Array.from({ length: 12 }, (_, i) => master(i)));
const files: string[] = [];
const pages: PackagePage[] = [];
let totalBytes = 0;
for (let i = 0; i < PAGES; i++) {
  const data = distinct[i % distinct.length] as Buffer;
  const file = path.join(dir, `${String(i + 1).padStart(4, '0')}.jpg`);
  fs.writeFileSync(file, data);
  files.push(file);
  totalBytes += data.length;
  const image = {
    path: `masters/${path.basename(file)}`,
    source: file,
    mimeType: 'image/jpeg' as const,
    width: WIDTH,
    height: HEIGHT,
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
  pages.push({
    order: i + 1,
    label: String(i + 1),
    type: 'normal',
    side: i % 2 ? 'verso' : 'recto',
    master: { ...image, resolution: 200 },
    rotation: 0,
    crop: null,
    view: image,
    thumb: image,
    alto: null,
  });
}
const input = packageInput(pages);

const timings = new Map<string, number[]>();
const peaks: number[] = [];
const sizes = new Map<string, number>();
async function timed(name: string, work: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await work();
  const list = timings.get(name) ?? [];
  list.push(performance.now() - start);
  timings.set(name, list);
}

const img2pdf = async () => {
  const out = path.join(dir, 'img2pdf.pdf');
  await run('img2pdf', ['-o', out, ...files]);
  sizes.set('img2pdf', fs.statSync(out).size);
};
const ours = async () => {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const result = await writePdf(input, { file: path.join(dir, 'ours.pdf'), tiff: 'jpeg' });
  clearInterval(sampler);
  peaks.push(Math.max(peak, process.memoryUsage().rss) - before);
  sizes.set('writePdf', result.bytes);
};

describe(`PDF of ${PAGES} JPEG masters (${WIDTH}×${HEIGHT})`, () => {
  bench(
    'paired rounds: img2pdf (baseline), then writePdf',
    async () => {
      await timed('img2pdf', img2pdf);
      await timed('writePdf', ours);
    },
    { time: 0, iterations: 3, warmupIterations: 0 },
  );
});

afterAll(() => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const base = timings.get('img2pdf') ?? [];
  const mine = timings.get('writePdf') ?? [];
  const ratios = mine.map((m, i) => m / (base[i] as number));
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const lines = [
    `PDF of ${PAGES} JPEG pages, ${mb(totalBytes)} of masters, ${base.length} paired rounds (median):`,
    `  img2pdf (baseline)  ${median(base).toFixed(0)} ms  → ${mb(sizes.get('img2pdf') ?? 0)}`,
    `  writePdf            ${median(mine).toFixed(0)} ms  → ${mb(sizes.get('writePdf') ?? 0)}  (${median(ratios).toFixed(2)}× img2pdf; range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}; goal ≤ 1.2×)`,
    `  writePdf peak RSS above its start: ${mb(Math.max(...peaks))} (masters total ${mb(totalBytes)})`,
  ];
  console.log(lines.join('\n'));
  fs.rmSync(dir, { recursive: true, force: true });
});

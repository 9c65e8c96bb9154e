import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { OcrPool } from '../../electron/station/packages/ocr/ocr-pool.js';
import { findTesseract } from '../../electron/station/packages/ocr/tesseract.js';
import { renderPage, SAMPLES } from '../integration/packages/helpers/ocr-pages.js';

/**
 * OCR throughput: pages per minute through the station's pool (ALTO 4.4 conversion, apostrophes,
 * durable writes, low priority) beside the baseline of bare `tesseract` in the same run: one
 * single-threaded process per core (OMP_THREAD_LIMIT=1), the same pages, languages and outputs
 * (ALTO and the text PDF page). The pool is measured at one page per core, as the baseline, for
 * the ratio (goal ≥ 0.9×), and at its default size (a core kept for capture). Pages: dense A4
 * pages at 300 dpi in Russian, Kazakh, Uzbek Latin and Uzbek Cyrillic, two per core per batch.
 * Each round runs a bare batch and a pool batch back to back, so the ratio holds when other
 * work on the machine comes and goes. BENCH_OCR_ROUNDS=n changes the number of rounds (default 3).
 */
const tesseract = await findTesseract();
const cores = os.availableParallelism();
const PAGES = 2 * cores;
const ROUNDS = Number(process.env.BENCH_OCR_ROUNDS) || 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bench-ocr-'));
const pages = await Promise.all(
  Array.from({ length: PAGES }, async (_, i) => {
    const sample = SAMPLES[i % SAMPLES.length]!;
    return {
      image: await renderPage(sample, path.join(dir, 'pages', `${i}.png`), 3),
      languages: sample.languages,
    };
  }),
);
const pool = new OcrPool({ size: cores });
const defaultPool = new OcrPool();

function bare(image: string, languages: string[], outBase: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      tesseract.binary,
      [
        image,
        outBase,
        '-l',
        languages.join('+'),
        '-c',
        'tessedit_load_sublangs=',
        '-c',
        'textonly_pdf=1',
        'alto',
        'pdf',
      ],
      { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: 'ignore' },
    );
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`tesseract exited ${code}`))));
  });
}

async function bareBatch(): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < pages.length) {
      const i = next++;
      await bare(pages[i]!.image, pages[i]!.languages, path.join(dir, 'bare', `${i}`));
    }
  };
  fs.mkdirSync(path.join(dir, 'bare'), { recursive: true });
  await Promise.all(Array.from({ length: cores }, lane));
}

let words = 0;
async function poolBatch(p: OcrPool, name: string): Promise<void> {
  const results = await Promise.all(
    pages.map((page, i) =>
      p.recognize('bench', page.image, {
        languages: page.languages,
        outBase: path.join(dir, name, `${i}`),
        tesseract,
      }),
    ),
  );
  words = results.reduce((n, r) => n + r.words, 0);
}

/**
 * CPU milliseconds of this process and its finished children (Linux: /proc/self/stat's utime,
 * stime, cutime, cstime): unlike wall time, not inflated by other load on the machine, nor by the
 * pool's low priority when something else wants the cores.
 */
const TICK_MS = 1000 / (Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100);
function cpuMs(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return fields.slice(11, 15).reduce((n, f) => n + Number(f), 0) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

const timings = new Map<string, number[]>();
const cpu = new Map<string, number[]>();
async function timed(name: string, run: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  const used = cpuMs();
  await run();
  timings.set(name, [...(timings.get(name) ?? []), performance.now() - start]);
  cpu.set(name, [...(cpu.get(name) ?? []), cpuMs() - used]);
}

const once = { iterations: ROUNDS, time: 0, warmupIterations: 0, warmupTime: 0 };
describe(`OCR, batches of ${PAGES} dense A4 pages on ${cores} cores`, () => {
  bench(
    'paired rounds: bare tesseract per core (baseline), then the pool at one page per core',
    async () => {
      await timed('bare', bareBatch);
      await timed('pool', () => poolBatch(pool, 'pool'));
    },
    once,
  );
  bench(
    `the pool at its default size (${defaultPool.size})`,
    () => timed('default', () => poolBatch(defaultPool, 'default')),
    {
      ...once,
      iterations: 1,
    },
  );
});

afterAll(() => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const perMinute = (name: string) => (PAGES * 60_000) / median(timings.get(name) ?? []);
  const cpuPerPage = (name: string) => median(cpu.get(name) ?? []) / PAGES;
  const bareTimes = timings.get('bare') ?? [];
  const poolTimes = timings.get('pool') ?? [];
  const ratios = bareTimes.map((b, i) => b / poolTimes[i]!);
  const lines = [
    `OCR on ${cores} cores, tesseract ${tesseract.version}, ${PAGES} pages a batch (${words} words), median of ${bareTimes.length} paired rounds:`,
    '  wall clock, pages/minute',
    `    bare tesseract, ${cores} at once   ${perMinute('bare').toFixed(1)}`,
    `    pool of ${pool.size}                  ${perMinute('pool').toFixed(1)}  (paired rounds: ${median(ratios).toFixed(2)}× bare; ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
    `    pool of ${defaultPool.size} (default)        ${perMinute('default').toFixed(1)}  (${(perMinute('default') / perMinute('bare')).toFixed(2)}× bare)`,
    `    seconds per page per process: bare ${((median(bareTimes) * cores) / PAGES / 1000).toFixed(1)}, pool ${((median(poolTimes) * cores) / PAGES / 1000).toFixed(1)}`,
    '  CPU time per page (tesseract and this process; other load on the machine does not inflate it)',
    `    bare ${cpuPerPage('bare').toFixed(0)} ms, pool ${cpuPerPage('pool').toFixed(0)} ms (pool ${(cpuPerPage('bare') / cpuPerPage('pool')).toFixed(2)}× bare), ` +
      `default pool ${cpuPerPage('default').toFixed(0)} ms`,
    `    with every core busy: bare ${((cores * 60_000) / cpuPerPage('bare')).toFixed(1)} pages/minute, pool ${((cores * 60_000) / cpuPerPage('pool')).toFixed(1)}`,
    `  load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  ];
  console.log(lines.join('\n'));
  fs.rmSync(dir, { recursive: true, force: true });
});

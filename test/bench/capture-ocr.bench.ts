import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import type { JobDetail, MethodName, Result } from '../../electron/station/contract/index.js';
import type { OcrPool } from '../../electron/station/packages/ocr/ocr-pool.js';
import { findTesseract } from '../../electron/station/packages/ocr/tesseract.js';
import { Station } from '../../electron/station/station.js';
import { renderPage, SAMPLES } from '../integration/packages/helpers/ocr-pages.js';

/**
 * Capture to thumbnail while OCR runs: the time from 'page.captured' to 'page.derivatives' for
 * the pages of 10-page demo feeder batches at 200 dpi (as `capture-latency.bench.ts`), (a) with
 * nothing else running and (b) while the station's OCR pool at its default size (`new OcrPool()`,
 * the real Tesseract at low priority, one core kept for capture) works through a steady queue of
 * dense A4 text pages in rus, kaz, uzb and uzb_cyrl: the queue is topped up as pages finish, so
 * every slot of the pool is busy for the whole of (b). Goal: p95 under OCR ≤ 1.5× p95 without.
 * Each round measures both, (a) then (b) or (b) then (a) in turn, so drift on the machine touches
 * both alike; the ratio reported is the median of the rounds' p95 ratios. BENCH_ROUNDS=n rounds (default 3), BENCH_BATCHES=n
 * feeder batches per half-round (default 5). The imaging worker runs from dist/ (`npm run build`).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const BATCHES = Number(process.env.BENCH_BATCHES) || 5;
const workerBuilt = fs.existsSync(path.join('dist', 'digitization', 'pipeline-worker.cjs'));
if (!workerBuilt)
  console.log('capture-ocr: dist/digitization/pipeline-worker.cjs is missing: run `npm run build`');

const tesseract = await findTesseract();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bench-capture-ocr-'));
const ocrPages = await Promise.all(
  SAMPLES.map(async (sample, i) => ({
    image: await renderPage(sample, path.join(dir, 'ocr-pages', `${i}.png`), 3),
    languages: sample.languages,
  })),
);
/** The station's own pool (default size), so capture holds it as it does in the station. */
let pool: OcrPool;

let station: Station | null = null;
let jobId = 0;
/** Where the latencies of the pages now captured go (null: not counted). */
let recording: number[] | null = null;
const captured = new Map<number, number>();
/** Pages captured while OCR ran, and how many of them found every slot of the pool busy. */
let underOcr = 0;
let saturated = 0;
let ocrRunning = false;

async function ok<T>(method: MethodName, input: unknown = {}): Promise<T> {
  const result = (await station!.dispatch(method, input)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function setUp(): Promise<void> {
  station = Station.open({ dataDir: path.join(dir, 'station'), host: 'web' });
  pool = station.ocr.pool();
  await ok('setup.complete', { role: 'station', language: 'en', mode: 'demo' });
  const job = await ok<JobDetail>('jobs.create', { itemBarcode: '3100009', profile: { source: 'adf' } });
  jobId = job.id;
  station.events.on('page.captured', (e) => {
    captured.set(e.pageId, performance.now());
    if (ocrRunning && recording) {
      underOcr++;
      if (pool.running === pool.size) saturated++;
    }
  });
  station.events.on('page.derivatives', (e) => {
    const start = captured.get(e.pageId);
    if (start === undefined) return;
    captured.delete(e.pageId);
    recording?.push(performance.now() - start);
  });
}

async function feederBatch(): Promise<void> {
  const result = await station!.capture.capture(
    jobId,
    { device: 'demo:feeder', source: 'adf', mode: 'gray', resolution: 200 },
    {},
  );
  if (result.pages !== 10) throw new Error(`the feeder gave ${result.pages} pages (${result.stoppedBy})`);
  await station!.digitization.idle();
}

async function batches(into: number[]): Promise<void> {
  recording = into;
  for (let i = 0; i < BATCHES; i++) await feederBatch();
  recording = null;
}

/**
 * Keeps the pool busy: as many pages queued as it has slots, beyond those it reads, each page
 * replaced by the next as it finishes, until `stop()` cancels the rest.
 */
let ocrDone = 0;
function startOcr(): { started: Promise<void>; stop: () => Promise<void> } {
  let stopped = false;
  let next = 0;
  const pending = new Set<Promise<unknown>>();
  const submit = () => {
    const page = ocrPages[next % ocrPages.length]!;
    const n = next++;
    const p = pool
      .recognize('bench', page.image, {
        languages: page.languages,
        outBase: path.join(dir, 'ocr', `${n}`),
        tesseract,
      })
      .then(
        () => {
          ocrDone++;
          if (!stopped) submit();
        },
        (err: Error & { reason?: string }) => {
          if (!stopped || err.reason !== 'OCR_CANCELLED') throw err;
        },
      )
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  for (let i = 0; i < 2 * pool.size; i++) submit();
  ocrRunning = true;
  const started = new Promise<void>((resolve) => {
    const check = () => (pool.running === pool.size ? resolve() : setTimeout(check, 5));
    check();
  });
  return {
    started,
    stop: async () => {
      stopped = true;
      ocrRunning = false;
      pool.cancel('bench');
      await Promise.all(pending);
      await pool.idle();
    },
  };
}

const rounds: { quiet: number[]; ocr: number[] }[] = [];

describe.runIf(workerBuilt)('capture to thumbnail with and without OCR, demo feeder at 200 dpi', () => {
  bench(
    `paired rounds: ${BATCHES} feeder batches alone and ${BATCHES} while the OCR pool is busy, in turn`,
    async () => {
      if (!station) {
        await setUp();
        await feederBatch(); // the worker pool starting: not counted
      }
      const round = { quiet: [] as number[], ocr: [] as number[] };
      const withOcr = async () => {
        const ocr = startOcr();
        await ocr.started;
        try {
          await batches(round.ocr);
        } finally {
          await ocr.stop();
        }
      };
      // Alone first in odd rounds, with OCR first in even ones.
      if (rounds.length % 2 === 0) {
        await batches(round.quiet);
        await withOcr();
      } else {
        await withOcr();
        await batches(round.quiet);
      }
      rounds.push(round);
    },
    { iterations: ROUNDS, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});

afterAll(async () => {
  if (rounds.length > 0) {
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
    const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
    const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
    const row = (label: string, xs: number[]) =>
      `  ${label.padEnd(12)}${ms(pct(xs, 0.5))}  ${ms(pct(xs, 0.95))}  ${ms(Math.max(...xs))}   (${xs.length} pages)`;
    const ratios = rounds.map((r) => pct(r.ocr, 0.95) / pct(r.quiet, 0.95));
    const ratio = median(ratios);
    const lines = [
      `capture → thumbnail with OCR on ${os.availableParallelism()} cores: tesseract ${tesseract.version}, ` +
        `pool of ${pool.size} (default), ${rounds.length} paired rounds of ${BATCHES} feeder batches of 10`,
      '                 p50        p95        max',
    ];
    rounds.forEach((r, i) => {
      lines.push(row(`${i + 1} alone`, r.quiet), row(`${i + 1} with OCR`, r.ocr));
    });
    lines.push(
      row(
        'all alone',
        rounds.flatMap((r) => r.quiet),
      ),
      row(
        'all w/ OCR',
        rounds.flatMap((r) => r.ocr),
      ),
      `  p95 ratio (with OCR / alone), median of rounds: ${ratio.toFixed(2)}× ` +
        `(${ratios.map((x) => x.toFixed(2)).join(', ')}); goal ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'}`,
      `  OCR: ${ocrDone} pages read during the run; pool busy in every slot at ${saturated} of ${underOcr} captures under OCR`,
      `  load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(lines.join('\n'));
  }
  await pool.idle();
  if (station) {
    await station.digitization.close();
    await station.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

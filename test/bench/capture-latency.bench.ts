import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, bench, describe } from 'vitest';
import type { JobDetail, MethodName, Result } from '../../electron/station/contract/index.js';
import { jpegOptions } from '../../electron/station/digitization/pipeline/derive.js';
import { DEFAULT_SIZES } from '../../electron/station/digitization/service.js';
import { Station } from '../../electron/station/station.js';

/**
 * Capture to thumbnail: how long after a page is announced ('page.captured': master fsynced, row
 * committed) its thumbnail is there ('page.derivatives'), for the pages of 10-page feeder batches
 * from the demo feeder at 200 dpi, as an operator at a scanning station in demo mode sees them.
 * The latency includes the wait behind the batch's earlier pages in the worker pool.
 * Baseline in the same run: a bare sharp resize of one of those demo pages (its master PNG, read
 * from the data dir) to the thumbnail's size and JPEG settings, on the main thread.
 * The imaging worker runs from dist/ (`npm run build`).
 */
/** Batches measured, after one warm-up batch (the worker pool starting) that is not counted. */
const BATCHES = 10;
const BARE_ROUNDS = 30;
const workerBuilt = fs.existsSync(path.join('dist', 'digitization', 'pipeline-worker.cjs'));
if (!workerBuilt)
  console.log('capture-latency: dist/digitization/pipeline-worker.cjs is missing: run `npm run build`');

const latencies: number[] = [];
const bare: number[] = [];
let dir: string | null = null;
let station: Station | null = null;
let jobId = 0;
let masterFile: string | null = null;
let recording = false;
const captured = new Map<number, number>();

async function ok<T>(method: MethodName, input: unknown = {}): Promise<T> {
  const result = (await station!.dispatch(method, input)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function setUp(): Promise<void> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bench-capture-'));
  station = Station.open({ dataDir: dir, host: 'web' });
  await ok('setup.complete', { role: 'station', language: 'en', mode: 'demo' });
  const job = await ok<JobDetail>('jobs.create', { itemBarcode: '3100009', profile: { source: 'adf' } });
  jobId = job.id;
  station.events.on('page.captured', (e) => captured.set(e.pageId, performance.now()));
  station.events.on('page.derivatives', (e) => {
    const start = captured.get(e.pageId);
    if (start === undefined) return;
    captured.delete(e.pageId);
    if (recording) latencies.push(performance.now() - start);
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
  if (!masterFile) {
    const page = (await ok<JobDetail>('jobs.get', { jobId })).pages[0]!;
    masterFile = path.join(dir!, page.master.path);
  }
}

async function bareThumb(): Promise<void> {
  if (!masterFile) throw new Error('no demo page was captured');
  const data = await fs.promises.readFile(masterFile);
  const start = performance.now();
  await sharp(data)
    .resize({ width: DEFAULT_SIZES.thumbLongEdge, height: DEFAULT_SIZES.thumbLongEdge, fit: 'inside' })
    .jpeg(jpegOptions(DEFAULT_SIZES.thumbQuality))
    .toBuffer();
  bare.push(performance.now() - start);
}

const once = { time: 0, iterations: 1, warmupTime: 0, warmupIterations: 0 };

describe.runIf(workerBuilt)('capture to thumbnail, demo feeder, 10 pages at 200 dpi', () => {
  // The warm-up iteration sets the station up and captures the batch that is not counted.
  bench(
    'feeder batches: page.captured → page.derivatives',
    async () => {
      if (!station) {
        await setUp();
        await feederBatch();
        recording = true;
        return;
      }
      await feederBatch();
    },
    { ...once, iterations: BATCHES, warmupIterations: 1 },
  );
  bench('bare sharp resize of a demo page to thumbnail size (baseline)', bareThumb, {
    ...once,
    iterations: BARE_ROUNDS,
  });
});

afterAll(async () => {
  if (latencies.length > 0) {
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
    const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
    const bareP50 = pct(bare, 0.5);
    const meta = masterFile ? await sharp(masterFile).metadata() : null;
    console.log(
      [
        `capture → thumbnail on ${os.availableParallelism()} cores: ${latencies.length} pages ` +
          `(${BATCHES} feeder batches of 10 after a warm-up batch, ${meta?.width}×${meta?.height} PNG masters)`,
        '                  p50        p95        max',
        `  latency   ${ms(pct(latencies, 0.5))}  ${ms(pct(latencies, 0.95))}  ${ms(Math.max(...latencies))}`,
        `  bare      ${ms(bareP50)}  ${ms(pct(bare, 0.95))}  ${ms(Math.max(...bare))}   (${bare.length} resizes to ${DEFAULT_SIZES.thumbLongEdge} px)`,
        `  ratio     ${(pct(latencies, 0.5) / bareP50).toFixed(1).padStart(6)}×    ` +
          `${(pct(latencies, 0.95) / bareP50).toFixed(1).padStart(6)}×   (latency / bare p50)`,
      ].join('\n'),
    );
  }
  if (station) {
    await station.digitization.close();
    await station.close();
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { afterAll, bench, describe } from 'vitest';
import type { JobDetail, MethodName, Result } from '../../electron/station/contract/index.js';
import { Station } from '../../electron/station/station.js';
import { TID } from '../../renderer/src/testids.js';

/**
 * The review grid with 2,000 pages, in Debian's Chromium against the real `bitig serve`: the grid
 * scrolled from top to bottom one step per animation frame, frame intervals timed in the page.
 * Baseline in the same run, on the same page just before: a 20-page job scrolled for as many frames
 * (its grid is barely taller than the window, so it goes back and forth over what it has).
 * Each job is one demo feeder batch (10 pages) and then small 200×280 PNG pages added through the
 * DigitizationService, made before the server starts on that data dir. Needs `npm run build`.
 */
const BIG = 2000;
const SMALL = 20;
/** Pixels scrolled per frame (a brisk flick of the wheel). */
const STEP = 120;
const CHROMIUM = process.env.BITIG_CHROMIUM ?? '/usr/bin/chromium';
const built =
  fs.existsSync(path.join('dist', 'digitization', 'pipeline-worker.cjs')) &&
  fs.existsSync(path.join('dist', 'renderer'));
if (!built) console.log('review-grid: dist/ is missing: run `npm run build`');
if (!fs.existsSync(CHROMIUM)) console.log(`review-grid: no Chromium at ${CHROMIUM} (BITIG_CHROMIUM)`);

interface Scroll {
  frames: number[];
  scrolled: number;
  scrollHeight: number;
  maxCells: number;
  cellsAtEnd: number;
}
interface Measured extends Scroll {
  heapUsed: number;
  heapAfterGc: number;
}
const results = new Map<number, Measured>();

let dir: string | null = null;
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let page: Page | null = null;
const jobIds = new Map<number, number>();

async function makeDataDir(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bench-grid-'));
  const station = Station.open({ dataDir, host: 'web' });
  const ok = async <T>(method: MethodName, input: unknown = {}): Promise<T> => {
    const result = (await station.dispatch(method, input)) as Result<T>;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  await ok('setup.complete', { role: 'station', language: 'en', mode: 'demo' });
  const small = await sharp({
    create: { width: 200, height: 280, channels: 3, background: { r: 245, g: 242, b: 232 } },
  })
    .composite([
      {
        input: Buffer.from(
          '<svg width="200" height="280"><g fill="#333">' +
            Array.from(
              { length: 14 },
              (_, i) => `<rect x="24" y="${30 + i * 16}" width="150" height="5"/>`,
            ).join('') +
            '</g></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();
  for (const [count, barcode] of [
    [SMALL, '3100020'],
    [BIG, '3102000'],
  ] as const) {
    const job = await ok<JobDetail>('jobs.create', { itemBarcode: barcode, profile: { source: 'adf' } });
    jobIds.set(count, job.id);
    const batch = await station.capture.capture(
      job.id,
      { device: 'demo:feeder', source: 'adf', mode: 'gray', resolution: 200 },
      {},
    );
    for (let i = batch.pages; i < count; i++)
      await station.digitization.addCapturedPage(job.id, { data: small, mimeType: 'image/png' });
  }
  await station.digitization.idle();
  await station.digitization.close();
  await station.close();
  return dataDir;
}

/** `bitig serve` on that data dir (as test/e2e/web-host.ts starts it), its URL read from what it prints. */
async function serve(dataDir: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['bin/bitig.cjs', 'serve', '--role', 'station', '--demo', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server = child;
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bitig serve did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/serving at (\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bitig serve exited with ${code}:\n${output}`)));
  });
}

async function setUp(): Promise<void> {
  dir = await makeDataDir();
  const url = await serve(dir);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.getByTestId(TID.operatorHome).waitFor();
}

/** Opens a job's review from the jobs list, runs `what` on its grid, and goes back to the list. */
async function open<T>(count: number, what: (grid: Locator) => Promise<T>): Promise<T> {
  const p = page!;
  const row = p.locator(`[data-testid="${TID.jobRow}"][data-job-id="${jobIds.get(count)}"]`);
  await row.getByRole('button').click();
  await p.getByTestId(TID.reviewScreen).waitFor();
  const grid = p.getByTestId(TID.pageGrid);
  await grid.waitFor();
  await p.getByTestId(TID.pageThumbImage).first().waitFor();
  await p.waitForTimeout(500);
  const result = await what(grid);
  await p.getByTestId(TID.jobBack).click();
  await p.getByTestId(TID.jobRow).first().waitFor();
  return result;
}

/** Scrolls the grid one step per frame (`frames` of them, else top to bottom), then reads the heap. */
async function measure(grid: Locator, frames?: number): Promise<Measured> {
  const p = page!;
  const scroll = await grid.evaluate(
    (el, { step, frames, cellTid }) =>
      new Promise<Scroll>((resolve) => {
        const max = el.scrollHeight - el.clientHeight;
        const total = frames ?? Math.ceil(max / step);
        const cells = () => el.querySelectorAll(`[data-testid="${cellTid}"]`).length;
        const intervals: number[] = [];
        let maxCells = cells();
        let scrolled = 0;
        let position = 0;
        let direction = 1;
        let last = performance.now();
        let n = 0;
        el.scrollTop = 0;
        const tick = (now: number) => {
          intervals.push(now - last);
          last = now;
          if (n % 10 === 0) maxCells = Math.max(maxCells, cells());
          if (n++ >= total) {
            resolve({
              frames: intervals.slice(1),
              scrolled,
              scrollHeight: el.scrollHeight,
              maxCells,
              cellsAtEnd: cells(),
            });
            return;
          }
          let next = position + direction * step;
          if (next > max || next < 0) {
            direction = -direction;
            next = Math.max(0, Math.min(max, position + direction * step));
          }
          scrolled += Math.abs(next - position);
          position = next;
          el.scrollTop = position;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(tick);
        });
      }),
    { step: STEP, frames, cellTid: TID.pageThumb },
  );
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Performance.enable');
  const heap = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
  // The thumbnails of the last rows in view arrive (or 5 s pass) before the heap is read.
  await p
    .waitForFunction(
      ({ cell, image }) =>
        document.querySelectorAll(`[data-testid="${cell}"]`).length ===
        document.querySelectorAll(`[data-testid="${image}"]`).length,
      { cell: TID.pageThumb, image: TID.pageThumbImage },
      { timeout: 5000 },
    )
    .catch(() => undefined);
  const heapUsed = await heap();
  await cdp.send('HeapProfiler.collectGarbage');
  const heapAfterGc = await heap();
  await cdp.detach();
  return { ...scroll, heapUsed, heapAfterGc };
}

const once = { time: 0, iterations: 1, warmupTime: 0, warmupIterations: 0 };

/** Frames the 2,000-page grid takes from top to bottom: the baseline, measured first, scrolls as many. */
let bigFrames = 0;

describe.runIf(built && fs.existsSync(CHROMIUM))('review grid, scrolled top to bottom', () => {
  bench(
    `${SMALL}-page job, as many frames (baseline)`,
    async () => {
      await setUp();
      bigFrames = await open(BIG, (grid) =>
        grid.evaluate((el, step) => Math.ceil((el.scrollHeight - el.clientHeight) / step), STEP),
      );
      results.set(SMALL, await open(SMALL, (grid) => measure(grid, bigFrames)));
    },
    once,
  );
  bench(
    `${BIG}-page job`,
    async () => {
      results.set(BIG, await open(BIG, (grid) => measure(grid)));
    },
    once,
  );
});

afterAll(async () => {
  const big = results.get(BIG);
  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;
  const line = (count: number) => {
    const r = results.get(count)!;
    return (
      `  ${String(count).padStart(5)} pages  ${String(r.frames.length).padStart(5)}  ` +
      `${pct(r.frames, 0.5).toFixed(1).padStart(6)}  ${pct(r.frames, 0.95).toFixed(1).padStart(6)}  ` +
      `${Math.max(...r.frames)
        .toFixed(1)
        .padStart(6)}  ${String(r.frames.filter((f) => f > 50).length).padStart(5)}  ` +
      `${(r.heapUsed / 2 ** 20).toFixed(1).padStart(6)} / ${(r.heapAfterGc / 2 ** 20).toFixed(1).padStart(5)}  ` +
      `${String(r.maxCells).padStart(5)} / ${String(r.cellsAtEnd).padEnd(4)} ${Math.round(r.scrolled)} of ${r.scrollHeight}`
    );
  };
  if (big && results.get(SMALL)) {
    const small = results.get(SMALL)!;
    console.log(
      [
        `review grid in Chromium 1280×800, ${STEP} px per frame, on ${os.availableParallelism()} cores:`,
        '               frames  p50 ms  p95 ms  max ms  >50ms  heap MB (gc)    cells max/end  px scrolled of height',
        line(SMALL),
        line(BIG),
        `  ratio ${BIG}/${SMALL}: frame time p95 ${(pct(big.frames, 0.95) / pct(small.frames, 0.95)).toFixed(2)}×, ` +
          `p50 ${(pct(big.frames, 0.5) / pct(small.frames, 0.5)).toFixed(2)}×, ` +
          `heap after gc ${(big.heapAfterGc / small.heapAfterGc).toFixed(2)}×`,
      ].join('\n'),
    );
  }
  await browser?.close();
  if (server) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 180_000);

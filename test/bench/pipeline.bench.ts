import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, bench, describe } from 'vitest';
import { jpegOptions } from '../../electron/station/digitization/pipeline/derive.js';
import { ImagePipeline } from '../../electron/station/digitization/pipeline/pipeline.js';
import { DEFAULT_QC } from '../../electron/station/digitization/pipeline/qc-judge.js';
import { DEFAULT_SIZES, DigitizationService } from '../../electron/station/digitization/service.js';
import { openStore } from '../../electron/station/store/db.js';
import { pipelineWorker } from '../helpers/bundle.js';
import { cameraFrame } from '../integration/digitization/helpers/images.js';

/**
 * Pipeline throughput on 24-megapixel camera frames (6000×4000 JPEG), beside the baseline of a
 * bare sharp resize of the same frames to the same viewing size, in the same run:
 * - bare: decode + resize + JPEG encode with the viewing copy's settings, as many frames at once as
 *   the pipeline has workers (main thread, libuv pool)
 * - pipeline: viewing copy + thumbnail + quality control per frame, in the worker pool
 * - capture: what a station does per page: master written and fsynced, row committed, then the
 *   pipeline (pages handed over one after another, as a scanner does)
 * Each iteration is a batch of FRAMES frames; pages per hour are printed at the end. The last bench
 * runs a bare batch and a pipeline batch back to back in every round, so the printed ratio holds
 * even when other work on the machine comes and goes between benches. BENCH_WORKERS=n tries
 * another pool size (the baseline then runs n frames at once too).
 */
const FRAMES = 8;
// Four distinct frames, each twice per batch: a batch long enough that the workers' last pages do
// not leave a core idle while the other finishes (a station's stream of pages has no such tail).
const distinct = await Promise.all([1, 2, 3, 4].map((seed) => cameraFrame(seed)));
const frames = Array.from({ length: FRAMES }, (_, i) => distinct[i % distinct.length]!);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bench-pipeline-'));
const masters = frames.map((frame, i) => {
  const file = path.join(dir, `frame-${i}.jpg`);
  fs.writeFileSync(file, frame);
  return file;
});
const workerFile = await pipelineWorker();
const pipeline = new ImagePipeline({ workerFile, size: Number(process.env.BENCH_WORKERS) || undefined });
const store = openStore({ dataDir: path.join(dir, 'station') });
const service = new DigitizationService({
  db: store.db,
  dataDir: store.dataDir,
  pipeline: new ImagePipeline({ workerFile }),
});
const job = service.createJob({ itemBarcode: 'bench', profile: { resolution: 300 } });

const timings = new Map<string, number[]>();
/** CPU milliseconds of the whole process (all threads) per batch: unlike wall time, not inflated by other load. */
const cpu = new Map<string, number[]>();
async function timed(name: string, run: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  const used = process.cpuUsage();
  await run();
  const { user, system } = process.cpuUsage(used);
  for (const [map, value] of [
    [timings, performance.now() - start],
    [cpu, (user + system) / 1000],
  ] as const) {
    const list = map.get(name) ?? [];
    list.push(value);
    map.set(name, list);
  }
}

/**
 * The baseline works on as many frames at once as the pipeline has workers: more would not be
 * faster on these cores, but would take a larger share of them from whatever else the machine runs.
 */
async function bareBatch(): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < frames.length) {
      const frame = frames[next++]!;
      await sharp(frame)
        .resize({ width: DEFAULT_SIZES.viewLongEdge, height: DEFAULT_SIZES.viewLongEdge, fit: 'inside' })
        .jpeg(jpegOptions(DEFAULT_SIZES.viewQuality))
        .toBuffer();
    }
  };
  await Promise.all(Array.from({ length: pipeline.size }, lane));
}
const pipelineBatch = () =>
  Promise.all(
    masters.map((master, i) =>
      pipeline.derive({
        master,
        view: path.join(dir, 'out', `view-${i}.jpg`),
        thumb: path.join(dir, 'out', `thumb-${i}.jpg`),
        sizes: DEFAULT_SIZES,
        qc: DEFAULT_QC,
        resolution: 300,
        expectedResolution: 300,
      }),
    ),
  );

let n = 0;
describe(`24-megapixel frames, batches of ${FRAMES}`, () => {
  bench('bare sharp resize (baseline)', () => timed('bare', bareBatch), { time: 4000, warmupIterations: 1 });
  bench('pipeline: view + thumbnail + QC (workers)', () => timed('pipeline', pipelineBatch), {
    time: 4000,
    warmupIterations: 1,
  });
  bench(
    'capture: durable master + row + pipeline',
    () =>
      timed('capture', async () => {
        for (const frame of frames) await service.addCapturedPage(job.id, { data: frame, resolution: 300 });
        await service.idle();
        n++;
      }),
    { time: 4000, warmupIterations: 1 },
  );
  bench(
    'paired rounds: bare batch, then pipeline batch',
    async () => {
      await timed('paired bare', bareBatch);
      await timed('paired pipeline', pipelineBatch);
    },
    { time: 8000, warmupIterations: 1 },
  );
});

afterAll(async () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const perHour = (name: string) => (FRAMES * 3_600_000) / median(timings.get(name) ?? []);
  const cpuPerPage = (name: string) => median(cpu.get(name) ?? []) / FRAMES;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}× bare`;
  const bare = perHour('bare');
  const pairedBare = timings.get('paired bare') ?? [];
  const pairedPipeline = timings.get('paired pipeline') ?? [];
  const pairedRatio = median(pairedBare.map((b, i) => b / pairedPipeline[i]!));
  const cores = os.availableParallelism();
  const lines = [
    `24 MP JPEG frames on ${cores} cores, ${pipeline.size} workers (median batch of ${FRAMES}):`,
    '  wall clock, pages/hour',
    `    bare sharp resize   ${Math.round(bare)}`,
    `    pipeline            ${Math.round(perHour('pipeline'))}  (${ratio(perHour('pipeline'), bare)})`,
    `    capture             ${Math.round(perHour('capture'))}  (${ratio(perHour('capture'), bare)}; ${n * FRAMES} pages)`,
    `    paired rounds       pipeline ${pairedRatio.toFixed(2)}× bare (median of ${pairedBare.length} rounds)`,
    '  CPU time per page (all threads; other load on the machine does not inflate it)',
    `    bare ${cpuPerPage('bare').toFixed(0)} ms, pipeline ${cpuPerPage('pipeline').toFixed(0)} ms ` +
      `(${ratio(cpuPerPage('bare'), cpuPerPage('pipeline'))}), capture ${cpuPerPage('capture').toFixed(0)} ms ` +
      `(${ratio(cpuPerPage('bare'), cpuPerPage('capture'))})`,
    `    with every core busy: pipeline ${Math.round((cores * 3_600_000) / cpuPerPage('pipeline'))} pages/hour, ` +
      `capture ${Math.round((cores * 3_600_000) / cpuPerPage('capture'))}`,
    `  load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  ];
  console.log(lines.join('\n'));
  await pipeline.close();
  await service.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

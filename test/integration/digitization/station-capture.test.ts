import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaptureResult,
  JobDetail,
  JobPages,
  MethodName,
  Result,
} from '../../../electron/station/contract/index.js';
import { Station } from '../../../electron/station/station.js';

/**
 * The scanning station through its contract, in demo mode: a job from a barcode, a feeder batch
 * captured page by page, page operations with undo, and thumbnails the screens can show.
 * Needs `npm run build` (the imaging worker runs from dist/), as the e2e tests do.
 */
const workerBuilt = fs.existsSync(path.join('dist', 'digitization', 'pipeline-worker.cjs'));
let dir: string;
let station: Station;

async function ok<T>(method: MethodName, input: unknown = {}): Promise<T> {
  const result = (await station.dispatch(method, input)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-capture-'));
  station = Station.open({ dataDir: dir, host: 'web' });
  await ok('setup.complete', { role: 'station', language: 'kk', mode: 'demo' });
});
afterAll(async () => {
  await station.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.runIf(workerBuilt)('scanning station in demo mode', () => {
  it('captures a feeder batch into a job, every page recorded before it is announced', async () => {
    const captured: number[] = [];
    station.events.on('page.captured', (e) => captured.push(e.sequence));
    const job = await ok<JobDetail>('jobs.create', { itemBarcode: '3100009', profile: { source: 'adf' } });
    const result = await ok<CaptureResult>('scan.capture', {
      jobId: job.id,
      profile: { device: 'demo:feeder', source: 'adf', mode: 'gray', resolution: 150 },
    });
    expect(result).toMatchObject({ pages: 10, stoppedBy: null });
    expect(captured).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const detail = await ok<JobDetail>('jobs.get', { jobId: job.id });
    expect(detail.pages).toHaveLength(10);
    for (const page of detail.pages) expect(fs.existsSync(path.join(dir, page.master.path))).toBe(true);
  });

  it('reorders, deletes and undoes, and serves thumbnails once they are made', async () => {
    const [job] = await ok<{ id: number }[]>('jobs.list', {});
    let pages = (await ok<JobDetail>('jobs.get', { jobId: job!.id })).pages;
    const last = pages.at(-1)!;
    const moved = await ok<JobPages>('pages.move', { jobId: job!.id, pageIds: [last.id], position: 1 });
    expect(moved.pages[0]!.id).toBe(last.id);
    const deleted = await ok<JobPages>('pages.delete', { jobId: job!.id, pageIds: [last.id] });
    expect(deleted.pages).toHaveLength(9);
    const undone = await ok<JobPages>('pages.undo', { jobId: job!.id });
    expect(undone.pages).toHaveLength(10);
    await station.digitization.idle();
    pages = (await ok<JobDetail>('jobs.get', { jobId: job!.id })).pages;
    const thumb = await ok<{ url: string } | null>('pages.image', {
      jobId: job!.id,
      pageId: pages[0]!.id,
      kind: 'thumb',
    });
    expect(thumb?.url).toMatch(/^data:image\/jpeg;base64,\/9j\//);
  });
});

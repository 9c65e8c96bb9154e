import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaptureResult,
  JobDetail,
  MethodName,
  Result,
} from '../../../electron/station/contract/index.js';
import { Station } from '../../../electron/station/station.js';
import { requireAddonBuilt, saneSkipReason } from '../scanner/sane-env.js';

/**
 * A job's page size reaches the scanner: through the station's contract in demo mode (whose SANE
 * configuration holds only the test backend), SANE's `test:0` device — 200 × 200 mm — scans the
 * area the profile asks for, cut to what it covers. Needs `npm run build` (the imaging worker runs
 * from dist/) and SANE's test backend with the addon built.
 */
const workerBuilt = fs.existsSync(path.join('dist', 'digitization', 'pipeline-worker.cjs'));
const skip =
  saneSkipReason() ?? (workerBuilt ? undefined : 'the imaging worker is not built (npm run build)');
const DPI = 75;
/** Millimetres to the test backend's pixels at 75 dpi (it drops the part of a pixel left over). */
const px = (mm: number) => Math.floor((mm / 25.4) * DPI);

let dir: string;
let station: Station;

async function ok<T>(method: MethodName, input: unknown = {}): Promise<T> {
  const result = (await station.dispatch(method, input)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** A new job with this profile, one flatbed page captured: the master's size. */
async function scanWith(profile: Record<string, unknown>): Promise<{ width: number; height: number }> {
  const job = await ok<JobDetail>('jobs.create', { itemBarcode: '3100009', profile, allowDuplicate: true });
  return scanJob(job.id);
}

async function scanJob(jobId: number): Promise<{ width: number; height: number }> {
  // No profile given: the job's own, as recorded.
  const result = await ok<CaptureResult>('scan.capture', { jobId });
  expect(result).toEqual({ jobId, pages: 1, stoppedBy: null, stopDetail: null });
  const [page] = (await ok<JobDetail>('jobs.get', { jobId })).pages;
  return { width: page!.master.width, height: page!.master.height };
}

describe.skipIf(skip !== undefined)(
  `page size through SANE's test backend${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    const base = { device: 'sane:test:0', source: 'flatbed', mode: 'gray', resolution: DPI };

    beforeAll(async () => {
      requireAddonBuilt();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-page-size-'));
      station = Station.open({ dataDir: dir, host: 'web' });
      await ok('setup.complete', { role: 'station', language: 'en', mode: 'demo' });
    });
    afterAll(async () => {
      await station?.digitization.idle();
      await station?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('lists SANE’s test devices each time it is asked, not only the first (SANE starts once)', async () => {
      for (let i = 0; i < 2; i++) {
        const ids = (await ok<{ id: string }[]>('scanners.list')).map((s) => s.id);
        expect(ids).toEqual(expect.arrayContaining(['demo:feeder', 'sane:test:0']));
      }
    });

    it('scans the whole 200 × 200 mm bed for max, and an A5 page as A5 cut to the bed', async () => {
      const max = await scanWith({ ...base, pageSize: 'max' });
      expect(max).toEqual({ width: px(200), height: px(200) });
      const a5 = await scanWith({ ...base, pageSize: 'a5' });
      // A5 is 148 × 210 mm: its width fits, its height is cut to the bed's 200 mm.
      expect(a5).toEqual({ width: px(148), height: px(200) });
      expect(a5.width * a5.height).toBeLessThan(max.width * max.height);
    });

    it('scans a custom size, and a page larger than the bed as the whole bed', async () => {
      expect(await scanWith({ ...base, pageSize: { widthMm: 50, heightMm: 80 } })).toEqual({
        width: px(50),
        height: px(80),
      });
      expect(await scanWith({ ...base, pageSize: 'a3' })).toEqual({ width: px(200), height: px(200) });
    });

    it('takes the page size from a saved profile as it would from any other', async () => {
      const { saved } = await ok<{ saved: { profile: Record<string, unknown> } }>('scanProfiles.save', {
        name: 'Small cards',
        profile: { ...base, pageSize: { widthMm: 100, heightMm: 60 } },
      });
      expect(await scanWith(saved.profile)).toEqual({ width: px(100), height: px(60) });
    });

    it('scans a job recorded before page sizes existed as it always did: the whole area', async () => {
      // Written as older versions wrote it, past the contract (which now adds pageSize: 'max').
      const job = station.digitization.createJob({ itemBarcode: '3100010', profile: base });
      expect(station.digitization.getJob(job.id).profile).not.toHaveProperty('pageSize');
      expect(await scanJob(job.id)).toEqual({ width: px(200), height: px(200) });
    });
  },
);

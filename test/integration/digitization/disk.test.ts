import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureResult, PageInfo } from '../../../electron/station/contract/index.js';
import { CaptureService } from '../../../electron/station/digitization/capture.js';
import type { StatFs } from '../../../electron/station/digitization/free-space.js';
import { ImagePipeline } from '../../../electron/station/digitization/pipeline/pipeline.js';
import { DigitizationService } from '../../../electron/station/digitization/service.js';
import { openStore, type Store } from '../../../electron/station/store/db.js';
import { pipelineWorker } from '../../helpers/bundle.js';
import { mountTmpfs, unmountAll } from '../../helpers/tmpfs.js';

/**
 * Capture when the disk runs out or goes wrong: the batch stops with the disk's code and folder,
 * every page captured before it is kept (master on disk, row committed), and no page is flagged
 * unreadable because its preview could not be written. The free space is asked of an injected
 * statfs and of real tmpfs mounts (as root, as CI runs: `../../helpers/tmpfs.ts`). A read-only folder is a tmpfs mounted read-only: as root, chmod
 * would not stop the writes.
 */

const FEEDER = { device: 'demo:feeder', source: 'adf', mode: 'gray', resolution: 150 } as const;

let dir: string;
let store: Store;
let service: DigitizationService;
let capture: CaptureService;

/** The station's digitization on a data folder (`data`: the test's folder unless given). */
async function open(
  freeSpace: ConstructorParameters<typeof DigitizationService>[0]['freeSpace'],
  data = dir,
) {
  store = openStore({ dataDir: data });
  const pipeline = new ImagePipeline({ workerFile: await pipelineWorker(), size: 1 });
  service = new DigitizationService({ db: store.db, dataDir: data, pipeline, freeSpace });
  capture = new CaptureService({ digitization: () => service, dataDir: data, demo: () => true });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-capture-disk-'));
});
afterEach(async () => {
  await service?.close();
  store?.close();
  unmountAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fill(folder: string): void {
  const fd = fs.openSync(path.join(folder, 'filler'), 'w');
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(4096, 1));
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
}

/** Every page kept: its master on disk with the bytes recorded, and none flagged unreadable. */
function expectPagesKept(jobId: number, data = dir): PageInfo[] {
  const pages = service.pages(jobId).pages;
  for (const page of pages) {
    expect(fs.statSync(path.join(data, page.master.path)).size).toBe(page.master.bytes);
    expect(page.qc?.flags ?? []).not.toContain('unreadable');
    expect(page.derivatives).not.toBe('failed');
    expect(page.derivativesError).toBeNull();
  }
  return pages;
}

describe('free space asked of statfs (injected)', () => {
  it('stops the batch after the pages that fitted, with DISK_FULL at the job folder, keeping them', async () => {
    let calls = 0;
    // Plenty for the check before the batch and for three pages, then 100 MiB: below the minimum.
    const statfs: StatFs = async () => ({ bavail: ++calls <= 4 ? 1_000_000 : 25_600, bsize: 4096 });
    await open({ statfs, minFreeBytes: 256 * 1024 * 1024 });
    const job = service.createJob({ itemBarcode: '3100009', profile: FEEDER });

    const result: CaptureResult = await capture.capture(job.id, FEEDER, {});
    const folder = path.join(dir, 'jobs', String(job.id));
    expect(result).toMatchObject({ jobId: job.id, pages: 3, stoppedBy: 'DISK_FULL', path: folder });
    expect(result.stopDetail).toMatch(
      new RegExp(`^Disk full at ${folder} \\(100 MiB free, capture keeps 256 MiB free\\)`),
    );
    await service.idle();
    expect(expectPagesKept(job.id)).toHaveLength(3);
    // No master beyond the three: the fourth sheet was refused before anything was written.
    expect(fs.readdirSync(path.join(folder, 'master'))).toHaveLength(3);
  });

  it('feeds no sheet when the disk is already below the minimum', async () => {
    await open({ statfs: async () => ({ bavail: 10n, bsize: 4096n }), minFreeBytes: 1024 * 1024 });
    const job = service.createJob({ itemBarcode: '3100010', profile: FEEDER });
    const result = await capture.capture(job.id, FEEDER, {});
    expect(result).toMatchObject({
      pages: 0,
      stoppedBy: 'DISK_FULL',
      path: path.join(dir, 'jobs', String(job.id)),
    });
    expect(fs.existsSync(path.join(dir, 'jobs', String(job.id)))).toBe(false);
  });
});

describe('a real full disk (tmpfs)', () => {
  it('under the previews: the batch stops with DISK_FULL, the pages stay unflagged, previews follow once there is room', async () => {
    await open({ minFreeBytes: 0 });
    const job = service.createJob({ itemBarcode: '3100011', profile: FEEDER });
    // Masters go to the ordinary disk; the previews' folder is a small tmpfs, full.
    const view = path.join(dir, 'jobs', String(job.id), 'view');
    mountTmpfs(view, 'size=8m');
    fill(view);

    const result = await capture.capture(job.id, FEEDER, {});
    await service.idle();
    expect(result.stoppedBy).toBe('DISK_FULL');
    expect(result.path).toBe(view);
    expect(result.pages).toBeGreaterThanOrEqual(1);
    expect(result.pages).toBeLessThan(10);
    const pages = expectPagesKept(job.id);
    expect(pages).toHaveLength(result.pages);
    expect(pages.every((p) => p.derivatives === 'pending')).toBe(true);

    // Room again: the next scan makes the previews the disk refused, and captures on.
    fs.rmSync(path.join(view, 'filler'));
    const again = await capture.capture(job.id, FEEDER, {});
    await service.idle();
    expect(again).toMatchObject({ pages: 10, stoppedBy: null });
    const after = expectPagesKept(job.id);
    expect(after).toHaveLength(result.pages + 10);
    expect(after.every((p) => p.derivatives === 'ready')).toBe(true);
  }, 60_000);

  it('for the masters: the batch stops with DISK_FULL and every page before it is kept', async () => {
    const disk = path.join(dir, 'disk');
    mountTmpfs(disk, 'size=3m');
    // The whole data folder on the small disk, database included.
    await open({ minFreeBytes: 0 }, disk);
    const job = service.createJob({ itemBarcode: '3100012', profile: FEEDER });
    const fd = fs.openSync(path.join(disk, 'filler'), 'w');
    // Leave room for a few masters (about 25 kB each), not for ten, even before any preview is
    // written: the previews are made in the background, later on a busy machine.
    fs.writeSync(fd, Buffer.alloc(fs.statfsSync(disk).bavail * fs.statfsSync(disk).bsize - 120 * 1024, 1));
    fs.closeSync(fd);

    const result = await capture.capture(job.id, FEEDER, {});
    await service.idle();
    expect(result.stoppedBy).toBe('DISK_FULL');
    expect(result.pages).toBeLessThan(10);
    expect(expectPagesKept(job.id, disk)).toHaveLength(result.pages);
    // No half-written master is left behind.
    const masters = fs.readdirSync(path.join(disk, 'jobs', String(job.id), 'master'));
    expect(masters.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(masters).toHaveLength(result.pages);
  }, 60_000);
});

describe('a folder that cannot be written (a tmpfs mounted read-only)', () => {
  it('stops the batch with FOLDER_READ_ONLY naming the folder, not a raw EROFS', async () => {
    await open({ minFreeBytes: 0 });
    const job = service.createJob({ itemBarcode: '3100013', profile: FEEDER });
    const master = path.join(dir, 'jobs', String(job.id), 'master');
    mountTmpfs(master, 'size=64k,ro');
    const result = await capture.capture(job.id, FEEDER, {});
    expect(result).toMatchObject({ pages: 0, stoppedBy: 'FOLDER_READ_ONLY', path: master });
    expect(result.stopDetail).toContain(`The folder ${master} cannot be written`);
    expect(service.pages(job.id).pages).toEqual([]);
  });
});

describe('a job folder that went missing (removed by hand, or its disk unplugged)', () => {
  it('does not flag its pages unreadable at start-up: their previews wait for the folder', async () => {
    await open({ minFreeBytes: 0 });
    const job = service.createJob({ itemBarcode: '3100014', profile: FEEDER });
    const first = await capture.capture(job.id, FEEDER, {});
    expect(first).toMatchObject({ pages: 10, stoppedBy: null });
    await service.idle();
    const folder = path.join(dir, 'jobs', String(job.id));
    const aside = path.join(dir, 'aside');
    fs.renameSync(folder, aside);

    // Start-up finds the previews gone and tries to make them again, from masters that are not there.
    expect((await service.recover()).derivativesScheduled).toBe(10);
    await service.idle();
    const pages = service.pages(job.id).pages;
    expect(pages).toHaveLength(10);
    for (const page of pages) {
      expect(page.qc?.flags ?? []).not.toContain('unreadable');
      expect(page.derivatives).toBe('pending');
      expect(page.derivativesError).toBeNull();
    }

    // The folder is back: the next scan makes the previews, and nothing was lost.
    fs.renameSync(aside, folder);
    const again = await capture.capture(job.id, FEEDER, {});
    await service.idle();
    expect(again).toMatchObject({ pages: 10, stoppedBy: null });
    expect(expectPagesKept(job.id).every((p) => p.derivatives === 'ready')).toBe(true);
  }, 60_000);
});

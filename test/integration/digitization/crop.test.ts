import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DigitizationEvents, PageInfo } from '../../../electron/station/contract/digitization-types.js';
import { type Harness, openHarness, PROFILE } from './helpers/harness.js';

/**
 * Cropping a page through the service: the crop is stored and undoable, the master stays byte for
 * byte as captured, and the viewing copy and thumbnail are made again showing only what the box
 * keeps (after a clear or an undo, the whole page again), also when start-up has to remake them.
 */

let h: Harness;
let jobId: number;
beforeEach(async () => {
  h = await openHarness();
  jobId = h.service.createJob({ itemBarcode: '31000000077777', profile: PROFILE }).id;
});
afterEach(async () => {
  await h.close();
});

/** 300×420: the top 210 rows black, the bottom 210 white; the box's contents tell which half it kept. */
async function twoToned(format: 'png' | 'jpeg' = 'png', orientation?: number): Promise<Buffer> {
  const width = 300;
  const height = 420;
  const raw = Buffer.alloc(width * height, 255);
  raw.fill(0, 0, width * (height / 2));
  const image = sharp(raw, { raw: { width, height, channels: 1 } }).withMetadata({
    density: 300,
    ...(orientation ? { orientation } : {}),
  });
  return format === 'jpeg' ? image.jpeg({ quality: 95 }).toBuffer() : image.png().toBuffer();
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const page = (pageId: number): PageInfo => h.service.pages(jobId).pages.find((p) => p.id === pageId)!;
const file = (relative: string) => path.join(h.dir, relative);

/** Size and mean grey of a derivative as written. */
async function look(relative: string): Promise<{ width: number; height: number; mean: number }> {
  const stats = await sharp(file(relative)).stats();
  const meta = await sharp(file(relative)).metadata();
  return { width: meta.width, height: meta.height, mean: stats.channels[0]!.mean };
}

describe('crop', () => {
  it('remakes the thumbnail and viewing copy from the box, keeps the master, and clear restores them', async () => {
    const { id } = await h.service.addCapturedPage(jobId, { data: await twoToned() });
    await h.service.idle();
    const before = page(id);
    expect(before.thumb).toMatchObject({ width: 171, height: 240 });
    const masterBytes = fs.readFileSync(file(before.master.path));
    expect(sha256(masterBytes)).toBe(before.master.sha256);

    // The bottom half: white, wider than tall.
    const derived: DigitizationEvents['page.derivatives'][] = [];
    h.service.events.on('page.derivatives', (e) => derived.push(e));
    const cropped = h.service.setCrop(jobId, id, { x: 0, y: 210, width: 300, height: 210 });
    const reply = cropped.pages.find((p) => p.id === id)!;
    expect(reply.crop).toEqual({ x: 0, y: 210, width: 300, height: 210 });
    // Until they are made again the old derivatives are not claimed as current.
    expect(reply.derivatives).toBe('pending');
    expect(cropped.undo).toMatchObject({ kind: 'crop' });
    await h.service.idle();

    const after = page(id);
    expect(after.derivatives).toBe('ready');
    expect(after.thumb).toMatchObject({ width: 240, height: 168 });
    // withoutEnlargement: the viewing copy of a 300×210 box is 300×210.
    expect(after.view).toMatchObject({ width: 300, height: 210 });
    const thumb = await look(after.thumb!.path);
    expect(thumb).toMatchObject({ width: 240, height: 168 });
    expect(thumb.mean).toBeGreaterThan(245);
    expect(derived.map((e) => e.pageId)).toEqual([id]);
    // The master is what the scanner delivered, byte for byte.
    expect(sha256(fs.readFileSync(file(after.master.path)))).toBe(before.master.sha256);
    expect(after.master).toEqual(before.master);

    h.service.setCrop(jobId, id, null);
    await h.service.idle();
    const cleared = page(id);
    expect(cleared.crop).toBeNull();
    expect(cleared.thumb).toMatchObject({ width: 171, height: 240 });
    expect(cleared.view).toMatchObject({ width: 300, height: 420 });
    const whole = await look(cleared.thumb!.path);
    expect(whole.mean).toBeGreaterThan(100);
    expect(whole.mean).toBeLessThan(155);
    expect(sha256(fs.readFileSync(file(cleared.master.path)))).toBe(before.master.sha256);
  });

  it('undo takes the crop back and the derivatives follow', async () => {
    const { id } = await h.service.addCapturedPage(jobId, { data: await twoToned() });
    await h.service.idle();
    h.service.setCrop(jobId, id, { x: 10, y: 20, width: 100, height: 150 });
    await h.service.idle();
    expect(page(id).view).toMatchObject({ width: 100, height: 150 });
    expect((await look(page(id).thumb!.path)).mean).toBeLessThan(10);

    const undone = h.service.undo(jobId);
    expect(undone.pages[0]!.crop).toBeNull();
    expect(undone.undo).toBeNull();
    expect(h.events.at(-1)).toMatchObject({
      topic: 'job.pages',
      payload: { operation: 'crop', undone: true },
    });
    await h.service.idle();
    expect(page(id).view).toMatchObject({ width: 300, height: 420 });
    expect(page(id).thumb).toMatchObject({ width: 171, height: 240 });
  });

  it('a second crop while the first is being made wins', async () => {
    const { id } = await h.service.addCapturedPage(jobId, { data: await twoToned() });
    await h.service.idle();
    h.service.setCrop(jobId, id, { x: 0, y: 0, width: 300, height: 100 });
    h.service.setCrop(jobId, id, { x: 0, y: 300, width: 120, height: 120 });
    await h.service.idle();
    const after = page(id);
    expect(after.derivatives).toBe('ready');
    expect(after.view).toMatchObject({ width: 120, height: 120 });
    expect((await look(after.thumb!.path)).mean).toBeGreaterThan(245);
  });

  it('keeps rotation for the screens: the derivatives are cropped, not turned', async () => {
    const { id } = await h.service.addCapturedPage(jobId, { data: await twoToned() });
    await h.service.idle();
    h.service.rotatePages(jobId, [id], 90);
    h.service.setCrop(jobId, id, { x: 0, y: 0, width: 300, height: 140 });
    await h.service.idle();
    expect(page(id)).toMatchObject({ rotation: 90, view: { width: 300, height: 140 } });
  });

  it('reads the box in the master’s displayed orientation (EXIF orientation applied)', async () => {
    // Stored 300×420 with orientation 6 (turn clockwise): shown 420×300, the black half on the right.
    const { id } = await h.service.addCapturedPage(jobId, { data: await twoToned('jpeg', 6) });
    await h.service.idle();
    expect(page(id).master).toMatchObject({ width: 420, height: 300 });
    h.service.setCrop(jobId, id, { x: 220, y: 0, width: 200, height: 300 });
    await h.service.idle();
    const thumb = await look(page(id).thumb!.path);
    expect(thumb).toMatchObject({ width: 160, height: 240 });
    expect(thumb.mean).toBeLessThan(20);
  });

  it('refuses a box outside the master and leaves the page as it was', async () => {
    const { id } = await h.service.addCapturedPage(jobId, { data: await twoToned() });
    await h.service.idle();
    expect(() => h.service.setCrop(jobId, id, { x: 200, y: 0, width: 101, height: 10 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPERATION' }),
    );
    expect(() => h.service.setCrop(jobId, id, { x: 0, y: 0, width: 10.5, height: 10 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPERATION' }),
    );
    expect(page(id)).toMatchObject({ crop: null, derivatives: 'ready' });
    expect(h.service.pages(jobId).undo).toBeNull();
  });

  it('start-up remakes derivatives a crop left unmade (the station stopped first)', async () => {
    const { id } = await h.service.addCapturedPage(jobId, { data: await twoToned() });
    await h.service.idle();
    h.service.setCrop(jobId, id, { x: 0, y: 210, width: 300, height: 210 });
    // Stopped before the worker finished: results after close are dropped.
    await h.stop();
    const dir = h.dir;
    h = await openHarness({ dir });
    expect(page(id).derivatives).toBe('pending');
    const report = await h.service.recover();
    expect(report.derivativesScheduled).toBe(1);
    await h.service.idle();
    expect(page(id)).toMatchObject({
      derivatives: 'ready',
      crop: { x: 0, y: 210, width: 300, height: 210 },
      thumb: { width: 240, height: 168 },
    });
  });
});

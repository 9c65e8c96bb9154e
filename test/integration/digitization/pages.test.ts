import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobPages, PageInfo } from '../../../electron/station/contract/digitization-types.js';
import { DigitizationError } from '../../../electron/station/digitization/errors.js';
import { type Harness, openHarness, PROFILE } from './helpers/harness.js';
import { smallPage } from './helpers/images.js';

let h: Harness;
let images: Buffer[];
let jobId: number;
beforeAll(async () => {
  images = await Promise.all(Array.from({ length: 8 }, (_, n) => smallPage(n)));
});
beforeEach(async () => {
  h = await openHarness();
  jobId = h.service.createJob({ itemBarcode: '31000000099999', profile: PROFILE }).id;
});
afterEach(async () => {
  await h.close();
});

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Captures n pages (images 0..n-1) and returns their ids in order. */
async function capture(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await h.service.addCapturedPage(jobId, { data: images[i]! })).id);
  return ids;
}

const ids = (pages: JobPages | PageInfo[]) => ('pages' in pages ? pages.pages : pages).map((p) => p.id);
const labels = (pages: JobPages) => pages.pages.map((p) => p.label);
const current = () => h.service.pages(jobId);

async function refused(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(DigitizationError);
    return (err as DigitizationError).code;
  }
  throw new Error('expected a refusal');
}

describe('capture', () => {
  it('returns only once the master is on disk with the recorded sha256 and its row committed', async () => {
    // The screen shows a page on 'page.captured': check the database and the disk right then.
    const seen: { recorded: string; onDisk: string }[] = [];
    h.service.events.on('page.captured', ({ pageId }) => {
      const row = h.store.db
        .prepare(
          'SELECT m.path, m.sha256 FROM digitization_pages p JOIN digitization_masters m ON m.id = p.master_id WHERE p.id = ?',
        )
        .get(pageId) as { path: string; sha256: string };
      seen.push({ recorded: row.sha256, onDisk: sha256(fs.readFileSync(path.join(h.dir, row.path))) });
    });
    const page = await h.service.addCapturedPage(jobId, {
      data: images[0]!,
      mimeType: 'image/png',
      resolution: 300,
    });
    const file = path.join(h.dir, page.master.path);
    expect(page.master.path).toBe(`jobs/${jobId}/master/000001.png`);
    expect(fs.readFileSync(file).equals(images[0]!)).toBe(true);
    expect(page.master).toMatchObject({
      sha256: sha256(images[0]!),
      bytes: images[0]!.length,
      format: 'png',
    });
    expect(page.master).toMatchObject({ width: 300, height: 420, resolution: 300 });
    expect(page).toMatchObject({
      sequence: 1,
      type: 'normal',
      side: 'recto',
      rotation: 0,
      derivatives: 'pending',
    });
    expect(seen).toEqual([{ recorded: sha256(images[0]!), onDisk: sha256(images[0]!) }]);
  });

  it('keeps TIFF, PNG and JPEG masters exactly as delivered, and makes JPEG derivatives of each', async () => {
    for (const format of ['tiff', 'png', 'jpeg'] as const) {
      const data = await smallPage(3, format);
      const page = await h.service.addCapturedPage(jobId, { data });
      expect(page.master.format).toBe(format);
      expect(fs.readFileSync(path.join(h.dir, page.master.path)).equals(data)).toBe(true);
    }
    await h.service.idle();
    const pages = current().pages;
    expect(pages.map((p) => path.extname(p.master.path))).toEqual(['.tif', '.png', '.jpg']);
    for (const page of pages) {
      expect(page.derivatives).toBe('ready');
      expect(page.view).toMatchObject({ width: 300, height: 420 });
      expect(page.thumb).toMatchObject({ width: 171, height: 240 });
      expect(fs.readFileSync(path.join(h.dir, page.thumb!.path)).subarray(0, 2)).toEqual(
        Buffer.from([0xff, 0xd8]),
      );
    }
  });

  it('refuses an image that is not TIFF, PNG or JPEG and leaves no file behind', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
    expect(
      await refused(() => h.service.addCapturedPage(jobId, { data: pdf, mimeType: 'application/pdf' })),
    ).toBe('IMAGE_FORMAT');
    expect(fs.existsSync(path.join(h.dir, 'jobs', String(jobId), 'master'))).toBe(false);
    expect(current().pages).toEqual([]);
  });

  it('records pages in the order they arrive even when captures overlap', async () => {
    const pages = await Promise.all(
      images.slice(0, 6).map((data) => h.service.addCapturedPage(jobId, { data })),
    );
    expect(pages.map((p) => p.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(current().pages.map((p) => p.master.sha256)).toEqual(images.slice(0, 6).map(sha256));
    expect(current().pages.map((p) => p.side)).toEqual([
      'recto',
      'verso',
      'recto',
      'verso',
      'recto',
      'verso',
    ]);
  });

  it('announces each page: captured, then derivatives, then quality control', async () => {
    const [id] = await capture(1);
    await h.service.idle();
    const mine = h.events.filter((e) => (e.payload as { pageId?: number }).pageId === id).map((e) => e.topic);
    expect(mine).toEqual(['page.captured', 'page.derivatives', 'page.qc']);
    const page = current().pages[0]!;
    expect(page.qc).toMatchObject({ flags: [] });
    expect(page.qc?.metrics?.resolution).toBe(300);
  });
});

describe('page operations and undo', () => {
  it('reorder moves pages to a position; undo puts them back', async () => {
    const [a, b, c, d, e] = await capture(5);
    expect(ids(h.service.movePages(jobId, [d!, e!], 1))).toEqual([d, e, a, b, c]);
    expect(current().pages.map((p) => p.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(ids(h.service.movePages(jobId, [d!], 3))).toEqual([e, a, d, b, c]);
    expect(current().undo?.kind).toBe('reorder');
    expect(ids(h.service.undo(jobId))).toEqual([d, e, a, b, c]);
    expect(ids(h.service.undo(jobId))).toEqual([a, b, c, d, e]);
    expect(await refused(() => h.service.undo(jobId))).toBe('NOTHING_TO_UNDO');
    // Moving a page to where it already is changes nothing and logs nothing.
    h.service.movePages(jobId, [a!], 1);
    expect(current().undo).toBeNull();
  });

  it('delete takes pages out and keeps their files; undo brings them back in place', async () => {
    const [a, b, c, d] = await capture(4);
    await h.service.idle();
    const files = current().pages.map((p) => path.join(h.dir, p.master.path));
    expect(ids(h.service.deletePages(jobId, [b!, d!]))).toEqual([a, c]);
    expect(current().pages.map((p) => p.sequence)).toEqual([1, 2]);
    for (const file of files) expect(fs.existsSync(file)).toBe(true);
    const restored = h.service.undo(jobId);
    expect(ids(restored)).toEqual([a, b, c, d]);
    expect(restored.pages.map((p) => p.derivatives)).toEqual(['ready', 'ready', 'ready', 'ready']);
  });

  it('insert captures a page before or after another; undo sets it aside', async () => {
    const [a, b, c] = await capture(3);
    const foldout = await h.service.insertCapturedPage(jobId, { data: images[5]! }, b!, 'after', {
      type: 'foldout',
    });
    expect(foldout).toMatchObject({ sequence: 3, type: 'foldout' });
    expect(ids(current())).toEqual([a, b, foldout.id, c]);
    const missed = await h.service.insertCapturedPage(jobId, { data: images[6]! }, a!, 'before');
    expect(ids(current())).toEqual([missed.id, a, b, foldout.id, c]);
    expect(current().undo?.kind).toBe('insert');
    expect(ids(h.service.undo(jobId))).toEqual([a, b, foldout.id, c]);
    expect(ids(h.service.undo(jobId))).toEqual([a, b, c]);
    expect(
      await refused(() => h.service.insertCapturedPage(jobId, { data: images[7]! }, 9999, 'after')),
    ).toBe('PAGE_NOT_FOUND');
  });

  it('rescan replaces one page image in place, keeping the old master for undo', async () => {
    const [a, b, c] = await capture(3);
    h.service.relabelPages(jobId, [b!], { type: 'title' });
    const before = current().pages[1]!;
    const rescanned = await h.service.rescanPage(jobId, b!, { data: images[7]! });
    expect(rescanned).toMatchObject({ id: b, sequence: 2, type: 'title' });
    expect(rescanned.master.sha256).toBe(sha256(images[7]!));
    expect(rescanned.master.path).not.toBe(before.master.path);
    expect(ids(current())).toEqual([a, b, c]);
    expect(fs.existsSync(path.join(h.dir, before.master.path))).toBe(true);
    await h.service.idle();
    const undone = h.service.undo(jobId).pages[1]!;
    expect(undone.master).toEqual(before.master);
    expect(undone.type).toBe('title');
  });

  it('relabel sets type, hand label and side on a range; undo restores each page as it was', async () => {
    const [a, b, c, d] = await capture(4);
    h.service.relabelPages(jobId, [a!], { type: 'cover' });
    const after = h.service.relabelPages(jobId, [b!, c!, d!], {
      type: 'contents',
      label: ' Plate 1 ',
      side: 'verso',
    });
    expect(after.pages.map((p) => [p.type, p.label, p.side])).toEqual([
      ['cover', null, 'recto'],
      ['contents', 'Plate 1', 'verso'],
      ['contents', 'Plate 1', 'verso'],
      ['contents', 'Plate 1', 'verso'],
    ]);
    // An emptied label means: number this page again.
    expect(h.service.relabelPages(jobId, [c!], { label: '' }).pages[2]!.manualLabel).toBeNull();
    h.service.undo(jobId);
    const undone = h.service.undo(jobId);
    expect(undone.pages.map((p) => [p.type, p.label, p.side])).toEqual([
      ['cover', null, 'recto'],
      ['normal', null, 'verso'],
      ['normal', null, 'recto'],
      ['normal', null, 'verso'],
    ]);
    expect(await refused(() => h.service.relabelPages(jobId, [a!], { type: 'poster' as never }))).toBe(
      'INVALID_OPERATION',
    );
    expect(await refused(() => h.service.relabelPages(jobId, [a!, a!], { type: 'title' }))).toBe(
      'INVALID_OPERATION',
    );
    expect(await refused(() => h.service.relabelPages(jobId, [], { type: 'title' }))).toBe(
      'INVALID_OPERATION',
    );
  });

  it('rotate turns pages by quarter turns either way; undo turns them back', async () => {
    const [a, b] = await capture(2);
    h.service.rotatePages(jobId, [a!, b!], 90);
    expect(h.service.rotatePages(jobId, [b!], -180).pages.map((p) => p.rotation)).toEqual([90, 270]);
    expect(h.service.rotatePages(jobId, [a!], 270).pages.map((p) => p.rotation)).toEqual([0, 270]);
    expect(await refused(() => h.service.rotatePages(jobId, [a!], 45))).toBe('INVALID_OPERATION');
    expect(await refused(() => h.service.rotatePages(jobId, [a!], 360))).toBe('INVALID_OPERATION');
    h.service.undo(jobId);
    h.service.undo(jobId);
    expect(h.service.undo(jobId).pages.map((p) => p.rotation)).toEqual([0, 0]);
  });

  it('crop sets a box inside the image; undo clears it', async () => {
    const [a] = await capture(1);
    const box = { x: 10, y: 20, width: 250, height: 380 };
    expect(h.service.setCrop(jobId, a!, box).pages[0]!.crop).toEqual(box);
    expect(await refused(() => h.service.setCrop(jobId, a!, { x: 100, y: 0, width: 250, height: 10 }))).toBe(
      'INVALID_OPERATION',
    );
    expect(h.service.undo(jobId).pages[0]!.crop).toBeNull();
  });

  it('operations on pages of another job, or on deleted pages, are refused', async () => {
    const [a, b] = await capture(2);
    const other = h.service.createJob({ itemBarcode: '2', profile: PROFILE }).id;
    expect(await refused(() => h.service.deletePages(other, [a!]))).toBe('PAGE_NOT_FOUND');
    h.service.deletePages(jobId, [b!]);
    expect(await refused(() => h.service.rotatePages(jobId, [b!], 90))).toBe('PAGE_NOT_FOUND');
    expect(await refused(() => h.service.movePages(jobId, [a!], 0))).toBe('INVALID_OPERATION');
  });

  it('each operation is one transaction: a refused operation leaves pages and the undo log as they were', async () => {
    await capture(3);
    const before = current();
    const [x, y] = before.pages;
    expect(await refused(() => h.service.deletePages(jobId, [x!.id, 424242]))).toBe('PAGE_NOT_FOUND');
    expect(await refused(() => h.service.relabelPages(jobId, [y!.id], { label: 'x'.repeat(65) }))).toBe(
      'INVALID_OPERATION',
    );
    expect(current()).toEqual(before);
  });
});

describe('page numbering', () => {
  it('labels roman up to the front matter page, arabic after, and follows reorder, insert and delete', async () => {
    const [cover, title, contents, p1, p2, p3] = await capture(6);
    h.service.relabelPages(jobId, [cover!], { type: 'cover' });
    let pages = h.service.setNumbering(jobId, {
      frontMatterEndsAt: contents!,
      romanStart: 1,
      arabicStart: 1,
    });
    expect(labels(pages)).toEqual([null, 'i', 'ii', '1', '2', '3']);

    // Reorder: the page that was "3" moves into the front matter; everyone renumbers.
    pages = h.service.movePages(jobId, [p3!], 2);
    expect(ids(pages)).toEqual([cover, p3, title, contents, p1, p2]);
    expect(labels(pages)).toEqual([null, 'i', 'ii', 'iii', '1', '2']);
    h.service.undo(jobId);

    // Insert a missed page after "1": the rest shift up.
    const missed = await h.service.insertCapturedPage(jobId, { data: images[7]! }, p1!, 'after');
    pages = current();
    expect(ids(pages)).toEqual([cover, title, contents, p1, missed.id, p2, p3]);
    expect(labels(pages)).toEqual([null, 'i', 'ii', '1', '2', '3', '4']);

    // A foldout inserted in the body takes no number.
    await h.service.insertCapturedPage(jobId, { data: images[6]! }, p2!, 'before', { type: 'foldout' });
    expect(labels(current())).toEqual([null, 'i', 'ii', '1', '2', null, '3', '4']);

    // Delete a body page: the ones after it close up.
    expect(labels(h.service.deletePages(jobId, [missed.id]))).toEqual([null, 'i', 'ii', '1', null, '2', '3']);

    // Delete the last front-matter page: the front matter now ends on the page before it.
    pages = h.service.deletePages(jobId, [contents!]);
    expect(pages.numbering?.frontMatterEndsAt).toBe(title);
    expect(labels(pages)).toEqual([null, 'i', '1', null, '2', '3']);
    pages = h.service.undo(jobId);
    expect(pages.numbering?.frontMatterEndsAt).toBe(contents);
    expect(labels(pages)).toEqual([null, 'i', 'ii', '1', null, '2', '3']);
  });

  it('a hand label wins over the rule; clearing it returns the page to the rule', async () => {
    const [a, b, c] = await capture(3);
    h.service.setNumbering(jobId, { frontMatterEndsAt: null, romanStart: 1, arabicStart: 5 });
    const pages = h.service.relabelPages(jobId, [b!], { label: 'Plate I' });
    expect(pages.pages.map((p) => [p.label, p.autoLabel])).toEqual([
      ['5', '5'],
      ['Plate I', '6'],
      ['7', '7'],
    ]);
    expect(labels(h.service.relabelPages(jobId, [b!], { label: null }))).toEqual(['5', '6', '7']);
    expect(ids(current())).toEqual([a, b, c]);
  });

  it('setting the rule is undoable, and its page must exist', async () => {
    const [a] = await capture(2);
    h.service.setNumbering(jobId, { frontMatterEndsAt: a!, romanStart: 1, arabicStart: 1 });
    expect(labels(current())).toEqual(['i', '1']);
    expect(labels(h.service.undo(jobId))).toEqual([null, null]);
    expect(
      await refused(() =>
        h.service.setNumbering(jobId, { frontMatterEndsAt: 777, romanStart: 1, arabicStart: 1 }),
      ),
    ).toBe('PAGE_NOT_FOUND');
    expect(
      await refused(() =>
        h.service.setNumbering(jobId, { frontMatterEndsAt: null, romanStart: 0, arabicStart: 1 }),
      ),
    ).toBe('INVALID_OPERATION');
  });
});

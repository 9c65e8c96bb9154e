import { describe, expect, it } from 'vitest';
import type { CropBox, JobDetail, JobPages, PageInfo } from '../../../electron/station/contract/index.js';
import { gridPage, mergePage } from '../../../renderer/src/stores/jobs/grid-pages.js';
import { createJobsStore } from '../../../renderer/src/stores/jobs.js';
import { FakeApi } from './fake-api.js';
import { jobDetail, ok, pageInfo, settle } from './job-fixtures.js';

/** The jobs store's side of cropping: the call, the reply, and the images read again once remade. */

/** A page of an A4 scan at 300 dpi. */
const a4Page = (id: number, patch: Partial<PageInfo> = {}): PageInfo =>
  pageInfo(id, id, patch, { width: 2480, height: 3508, view: [1131, 1600], thumb: [169, 240] });

/** A captured job waiting for review. */
const detail = (pages: PageInfo[]): JobDetail =>
  jobDetail(pages, {
    state: 'captured',
    profile: { source: 'adf', mode: 'gray', resolution: 300 },
    allowedTransitions: ['reviewed', 'capturing'],
  });

const BOX: CropBox = { x: 100, y: 200, width: 1200, height: 1600 };

function setup() {
  const api = new FakeApi();
  let pages = [a4Page(1), a4Page(2)];
  api.handle('jobs.get', () => ok(detail(pages)));
  let image = 'data:image/jpeg;base64,OLD';
  api.handle('pages.image', () => ok({ url: image }));
  const store = createJobsStore(api, { refreshDelayMs: 0 });
  return {
    api,
    store,
    setPages(next: PageInfo[]) {
      pages = next;
    },
    setImage(url: string) {
      image = url;
    },
  };
}

describe('cropping a page from the viewer', () => {
  it('sends the box for one page and shows the reply: the crop, and derivatives being made again', async () => {
    const { api, store } = setup();
    await store.getState().openJob(1, 'review');
    api.handle('pages.crop', () =>
      ok<JobPages>({
        jobId: 1,
        numbering: null,
        pages: [a4Page(1, { crop: BOX, derivatives: 'pending' }), a4Page(2)],
        undo: { kind: 'crop', at: 'x' },
      }),
    );
    expect(await store.getState().cropPage(1, BOX)).toBe(true);
    expect(api.calls.at(-1)).toEqual({ method: 'pages.crop', input: { jobId: 1, pageId: 1, crop: BOX } });
    const page = store.getState().pages[0]!;
    expect(page).toMatchObject({ crop: BOX, derivatives: 'pending', size: { width: 2480, height: 3508 } });
    expect(store.getState()).toMatchObject({
      lastOp: { kind: 'crop', undone: false },
      undo: { kind: 'crop' },
    });
  });

  it('a refusal is kept as the contract’s typed error, and the call says it failed', async () => {
    const { api, store } = setup();
    await store.getState().openJob(1, 'review');
    api.handle('pages.crop', () => ({ ok: false, error: { code: 'INVALID_OPERATION', message: 'outside' } }));
    expect(await store.getState().cropPage(1, { x: 0, y: 0, width: 99_999, height: 10 })).toBe(false);
    expect(store.getState().opError).toMatchObject({ code: 'INVALID_OPERATION' });
    expect(store.getState().pages[0]!.crop).toBeNull();
  });

  it('a reply with another crop does not keep the old "ready"; the same crop does', () => {
    const local = gridPage(a4Page(1));
    const recropped = gridPage(a4Page(1, { crop: BOX, derivatives: 'pending' }));
    expect(mergePage(recropped, local).derivatives).toBe('pending');
    const stale = gridPage(a4Page(1, { derivatives: 'pending' }));
    expect(mergePage(stale, local).derivatives).toBe('ready');
  });

  it('when the derivatives are made again, the thumbnail and the viewer’s image are read again', async () => {
    const { api, store, setImage } = setup();
    await store.getState().openJob(1, 'review');
    await store.getState().loadThumb(1, 10);
    await store.getState().openViewer(1);
    expect(store.getState().thumbs[10]).toBe('data:image/jpeg;base64,OLD');
    expect(store.getState().viewer).toMatchObject({ crop: null, cropKnown: true });
    api.handle('pages.crop', () =>
      ok<JobPages>({
        jobId: 1,
        numbering: null,
        pages: [a4Page(1, { crop: BOX, derivatives: 'pending' }), a4Page(2)],
        undo: { kind: 'crop', at: 'x' },
      }),
    );
    await store.getState().cropPage(1, BOX);
    // Until the new copies are made, the old ones stay on screen with the crop they show.
    expect(store.getState().viewer).toMatchObject({
      url: 'data:image/jpeg;base64,OLD',
      crop: null,
      cropKnown: true,
    });

    setImage('data:image/jpeg;base64,NEW');
    api.emit('page.derivatives', { jobId: 1, pageId: 1, masterId: 10, view: 'v', thumb: 't' });
    await settle();
    expect(store.getState().thumbs[10]).toBe('data:image/jpeg;base64,NEW');
    expect(store.getState().pages[0]!.derivatives).toBe('ready');
    expect(store.getState().viewer).toMatchObject({
      url: 'data:image/jpeg;base64,NEW',
      crop: BOX,
      cropKnown: true,
      loading: false,
    });
    // A page whose thumbnail was never read is left to the grid to read when it shows it.
    const reads = api.calls.filter((c) => c.method === 'pages.image').length;
    api.emit('page.derivatives', { jobId: 1, pageId: 2, masterId: 20, view: 'v', thumb: 't' });
    await settle();
    expect(api.calls.filter((c) => c.method === 'pages.image')).toHaveLength(reads);
  });

  it('an image read while the page is being made again does not vouch for its crop', async () => {
    const { store, setPages } = setup();
    setPages([a4Page(1, { crop: BOX, derivatives: 'pending' }), a4Page(2)]);
    await store.getState().openJob(1, 'review');
    await store.getState().openViewer(1);
    expect(store.getState().viewer).toMatchObject({ cropKnown: false });
  });
});

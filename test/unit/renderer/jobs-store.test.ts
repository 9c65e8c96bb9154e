import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  CaptureResult,
  JobDetail,
  JobPages,
  PageInfo,
  Result,
} from '../../../electron/station/contract/index.js';
import { gridPage, mergePage, qcCounts, visiblePages } from '../../../renderer/src/stores/jobs/grid-pages.js';
import { filterJobs, JobFilter, jobFilterCounts } from '../../../renderer/src/stores/jobs/list.js';
import { PROFILE_STORAGE_KEY } from '../../../renderer/src/stores/jobs/new-job.js';
import { nextZoom } from '../../../renderer/src/stores/jobs/viewer.js';
import { createJobsStore } from '../../../renderer/src/stores/jobs.js';
import { FakeApi } from './fake-api.js';
import { jobDetail, ok, pageInfo, settle } from './job-fixtures.js';

const jobPages = (pages: PageInfo[], patch: Partial<JobPages> = {}): JobPages => ({
  jobId: 1,
  numbering: null,
  pages,
  undo: { kind: 'reorder', at: '2025-11-02T10:00:00Z' },
  ...patch,
});

function setup(pages: PageInfo[] = [], options: Parameters<typeof createJobsStore>[1] = {}) {
  const api = new FakeApi();
  let current = jobDetail(pages);
  api.handle('jobs.get', () => ok(current));
  const store = createJobsStore(api, { refreshDelayMs: 0, ...options });
  return {
    api,
    store,
    setDetail(next: JobDetail) {
      current = next;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the jobs list', () => {
  const summary = (id: number, state: JobDetail['state']) => ({ ...jobDetail([]), id, state });

  it('filters by groups of states and counts each group', () => {
    const jobs = [
      summary(1, 'created'),
      summary(2, 'reviewed'),
      summary(3, 'failed'),
      summary(4, 'delivered'),
    ];
    expect(filterJobs(jobs, JobFilter.active).map((j) => j.id)).toEqual([1]);
    expect(filterJobs(jobs, JobFilter.problems).map((j) => j.id)).toEqual([3]);
    expect(jobFilterCounts(jobs)).toEqual({ all: 4, active: 1, reviewed: 1, delivery: 1, problems: 1 });
  });

  it('loads, and follows state changes of the jobs it shows', async () => {
    const { api, store } = setup();
    api.handle('jobs.list', () => ok([summary(1, 'capturing')]));
    await store.getState().loadJobs();
    expect(store.getState().jobs.map((j) => j.state)).toEqual(['capturing']);
    api.emit('job.state', { jobId: 1, from: 'capturing', to: 'captured', note: null });
    expect(store.getState().jobs[0]!.state).toBe('captured');
  });
});

describe('a new job', () => {
  it('creates the job with the profile, remembers the profile and opens capture', async () => {
    const saved = new Map<string, string>();
    const storage = {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => saved.set(k, v),
    };
    const { api, store } = setup([], { storage });
    api.handle('jobs.create', () => ok(jobDetail([])));
    store.getState().setProfile({ device: 'demo:feeder', source: 'flatbed', resolution: 400 });
    await store.getState().createJob(' 3100009 ');
    expect(api.calls.find((c) => c.method === 'jobs.create')?.input).toEqual({
      itemBarcode: '3100009',
      profile: { device: 'demo:feeder', source: 'flatbed', mode: 'gray', resolution: 400 },
    });
    expect(store.getState().screen).toBe('capture');
    expect(store.getState().job?.itemBarcode).toBe('3100009');
    expect(JSON.parse(saved.get(PROFILE_STORAGE_KEY)!)).toMatchObject({ source: 'flatbed', resolution: 400 });
    // The next store (the next start of the app) begins with it.
    const again = createJobsStore(new FakeApi(), { storage });
    expect(again.getState().profile).toMatchObject({
      device: 'demo:feeder',
      source: 'flatbed',
      resolution: 400,
    });
  });

  it('does not create a job for an empty barcode, and shows a refusal', async () => {
    const { api, store } = setup();
    await store.getState().createJob('   ');
    expect(api.calls.some((c) => c.method === 'jobs.create')).toBe(false);
    api.handle('jobs.create', () => ({ ok: false, error: { code: 'VALIDATION', message: 'x' } }));
    await store.getState().createJob('31');
    expect(store.getState().createError?.code).toBe('VALIDATION');
    expect(store.getState().screen).toBe('list');
  });

  it('ignores a remembered profile that is not one', () => {
    const storage = { getItem: () => '{"source":"tray"}', setItem: () => {} };
    expect(createJobsStore(new FakeApi(), { storage }).getState().profile.source).toBe('adf');
  });
});

describe('capture events', () => {
  it('shows pages one by one as they are captured, with a running count and thumbnails ready', async () => {
    const { api, store, setDetail } = setup();
    let finish!: (r: Result<CaptureResult>) => void;
    api.handle('scan.capture', () => new Promise((r) => (finish = r)));
    await store.getState().openJob(1, 'capture');
    const scan = store.getState().startCapture();
    expect(store.getState().capture.running).toBe(true);
    expect(api.calls.find((c) => c.method === 'scan.capture')?.input).toEqual({
      jobId: 1,
      profile: { source: 'adf', mode: 'gray', resolution: 300, device: 'demo:feeder' },
    });

    api.emit('page.captured', { jobId: 1, pageId: 101, sequence: 1, masterId: 1010 });
    api.emit('page.captured', { jobId: 1, pageId: 102, sequence: 2, masterId: 1020 });
    // Another job's page is not ours.
    api.emit('page.captured', { jobId: 2, pageId: 900, sequence: 1, masterId: 9000 });
    let st = store.getState();
    expect(st.pages.map((p) => [p.id, p.sequence, p.derivatives])).toEqual([
      [101, 1, 'pending'],
      [102, 2, 'pending'],
    ]);
    expect(st.capture.captured).toBe(2);

    api.emit('page.derivatives', { jobId: 1, pageId: 101, masterId: 1010, view: 'v', thumb: 't' });
    api.emit('page.qc', { jobId: 1, pageId: 101, masterId: 1010, flags: ['blur'] });
    api.emit('page.failed', { jobId: 1, pageId: 102, masterId: 1020, message: 'unreadable' });
    st = store.getState();
    expect(st.capture.ready).toBe(1);
    expect(st.pages[0]).toMatchObject({ derivatives: 'ready', qc: ['blur'] });
    expect(st.pages[1]).toMatchObject({ derivatives: 'failed', error: 'unreadable' });
    expect(st.failures).toEqual([{ pageId: 102, masterId: 1020, message: 'unreadable' }]);

    // The scanner jams on the third sheet: the two pages stay, the reason is shown.
    setDetail(
      jobDetail([
        pageInfo(101, 1, {
          master: { ...pageInfo(101, 1).master, id: 1010 },
          derivatives: 'pending',
          qc: null,
        }),
        pageInfo(102, 2, {
          master: { ...pageInfo(102, 2).master, id: 1020 },
          derivatives: 'pending',
          qc: null,
        }),
      ]),
    );
    finish(ok({ jobId: 1, pages: 2, stoppedBy: 'jammed', stopDetail: 'AdfState ScannerAdfJam' }));
    await scan;
    await settle();
    st = store.getState();
    expect(st.capture).toMatchObject({ running: false, result: { pages: 2, stoppedBy: 'jammed' } });
    expect(st.pages.map((p) => p.id)).toEqual([101, 102]);
    // A refresh that left before the events does not take back what they said.
    expect(st.pages[0]).toMatchObject({ derivatives: 'ready', qc: ['blur'], partial: false });
    expect(st.pages[1]).toMatchObject({ derivatives: 'failed' });
  });

  it('a rescan gives the page a new master: its thumbnail is loaded again', async () => {
    const { api, store } = setup([pageInfo(1, 1), pageInfo(2, 2)]);
    api.handle('pages.image', (input) =>
      ok({ url: `data:image/jpeg;base64,${JSON.stringify(input).length}` }),
    );
    await store.getState().openJob(1, 'review');
    await store.getState().loadThumb(1, 10);
    await store.getState().loadThumb(1, 10);
    expect(api.calls.filter((c) => c.method === 'pages.image')).toHaveLength(1);
    api.emit('page.captured', { jobId: 1, pageId: 1, sequence: 1, masterId: 11 });
    expect(store.getState().pages[0]).toMatchObject({
      id: 1,
      sequence: 1,
      masterId: 11,
      derivatives: 'pending',
    });
    expect(store.getState().pages).toHaveLength(2);
    expect(store.getState().thumbs[11]).toBeUndefined();
    await store.getState().loadThumb(1, 11);
    expect(store.getState().thumbs[11]).toBeDefined();
  });

  it('keeps at most the configured number of thumbnails, dropping the oldest', async () => {
    const pages = Array.from({ length: 6 }, (_, i) => pageInfo(i + 1, i + 1));
    const { api, store } = setup(pages, { thumbCache: 3 });
    api.handle('pages.image', () => ok({ url: 'data:,' }));
    await store.getState().openJob(1, 'review');
    for (const p of pages) await store.getState().loadThumb(p.id, p.master.id);
    expect(
      Object.keys(store.getState().thumbs)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([40, 50, 60]);
  });

  it('refreshes the pages when they change elsewhere (job.pages), once per burst', async () => {
    const { api, store, setDetail } = setup([pageInfo(1, 1), pageInfo(2, 2)]);
    await store.getState().openJob(1, 'review');
    const gets = () => api.calls.filter((c) => c.method === 'jobs.get').length;
    const before = gets();
    setDetail(jobDetail([pageInfo(2, 1), pageInfo(1, 2)]));
    api.emit('job.pages', { jobId: 1, operation: 'reorder', undone: false });
    api.emit('job.pages', { jobId: 1, operation: 'reorder', undone: false });
    await settle();
    expect(gets()).toBe(before + 1);
    expect(store.getState().pages.map((p) => p.id)).toEqual([2, 1]);
  });

  it('stop asks the core to cancel the scan under way', async () => {
    const { api, store } = setup();
    api.handle('scan.capture', () => new Promise(() => {}));
    api.handle('scan.cancel', () => ok({ cancelled: true }));
    await store.getState().openJob(1, 'capture');
    void store.getState().startCapture();
    await store.getState().stopCapture();
    expect(api.calls.some((c) => c.method === 'scan.cancel')).toBe(true);
    expect(store.getState().capture.stopping).toBe(true);
  });
});

describe('review operations', () => {
  const three = () => [pageInfo(1, 1), pageInfo(2, 2), pageInfo(3, 3)];

  it('moves the selection with the position the core expects, and applies the reply', async () => {
    const { api, store } = setup(three());
    api.handle('pages.move', () => ok(jobPages([pageInfo(3, 1), pageInfo(1, 2), pageInfo(2, 3)])));
    await store.getState().openJob(1, 'review');
    store.getState().click(3);
    await store.getState().moveSelection('first');
    expect(api.calls.at(-1)).toEqual({
      method: 'pages.move',
      input: { jobId: 1, pageIds: [3], position: 1 },
    });
    expect(store.getState().pages.map((p) => p.id)).toEqual([3, 1, 2]);
    expect(store.getState().undo?.kind).toBe('reorder');
    expect(store.getState().lastOp).toEqual({ kind: 'reorder', undone: false });
    // The moved page stays selected.
    expect([...store.getState().selection.ids]).toEqual([3]);
  });

  it('a drop of a page that is not selected moves that page', async () => {
    const { api, store } = setup(three());
    api.handle('pages.move', () => ok(jobPages([pageInfo(2, 1), pageInfo(1, 2), pageInfo(3, 3)])));
    await store.getState().openJob(1, 'review');
    store.getState().click(3);
    await store.getState().dropSelection(1, 'before', 2);
    expect(api.calls.at(-1)?.input).toEqual({ jobId: 1, pageIds: [2], position: 1 });
  });

  it('deletes the selection and selects the page after it', async () => {
    const { api, store } = setup(three());
    api.handle('pages.delete', () => ok(jobPages([pageInfo(1, 1), pageInfo(3, 2)])));
    await store.getState().openJob(1, 'review');
    store.getState().click(2);
    await store.getState().deleteSelection();
    expect(api.calls.at(-1)?.input).toEqual({ jobId: 1, pageIds: [2] });
    expect([...store.getState().selection.ids]).toEqual([3]);
  });

  it('relabels a range, sets the numbering, and undoes', async () => {
    const { api, store } = setup(three());
    const labelled = jobPages(
      [
        pageInfo(1, 1, { type: 'preface', label: 'i' }),
        pageInfo(2, 2, { type: 'preface', label: 'ii' }),
        pageInfo(3, 3, { label: '1' }),
      ],
      {
        numbering: { frontMatterEndsAt: 2, romanStart: 1, arabicStart: 1 },
        undo: { kind: 'numbering', at: 'x' },
      },
    );
    api.handle('pages.relabel', () => ok(jobPages(three())));
    api.handle('pages.numbering', () => ok(labelled));
    api.handle('pages.undo', () => ok(jobPages(three(), { undo: { kind: 'relabel', at: 'x' } })));
    await store.getState().openJob(1, 'review');
    store.getState().click(1);
    store.getState().click(2, { shift: true });
    await store.getState().relabelSelection({ type: 'preface' });
    expect(api.calls.at(-1)?.input).toEqual({ jobId: 1, pageIds: [1, 2], type: 'preface' });
    await store.getState().setNumbering({ frontMatterEndsAt: 2, romanStart: 1, arabicStart: 1 });
    expect(store.getState().pages.map((p) => p.label)).toEqual(['i', 'ii', '1']);
    await store.getState().undoLast();
    expect(store.getState().pages.map((p) => p.label)).toEqual([null, null, null]);
    expect(store.getState().lastOp).toEqual({ kind: 'numbering', undone: true });
  });

  it('shows a refused operation and stays as it was', async () => {
    const { api, store } = setup(three());
    api.handle('pages.rotate', () => ({ ok: false, error: { code: 'JOB_NOT_EDITABLE', message: 'x' } }));
    await store.getState().openJob(1, 'review');
    store.getState().click(1);
    await store.getState().rotateSelection(90);
    expect(store.getState().opError?.code).toBe('JOB_NOT_EDITABLE');
    expect(store.getState().busy).toBeNull();
    expect(store.getState().pages).toHaveLength(3);
  });

  it('rescan and insert capture beside the page', async () => {
    const { api, store } = setup(three());
    api.handle('scan.capture', () => ok({ jobId: 1, pages: 1, stoppedBy: null }));
    await store.getState().openJob(1, 'review');
    await store.getState().startCapture({ kind: 'rescan', pageId: 2 });
    expect(api.calls.find((c) => c.method === 'scan.capture')?.input).toMatchObject({
      jobId: 1,
      replacePageId: 2,
    });
    expect(store.getState().lastOp).toEqual({ kind: 'rescan', undone: false });
    await store.getState().startCapture({ kind: 'insert', pageId: 2, where: 'after' });
    expect(api.calls.filter((c) => c.method === 'scan.capture').at(-1)?.input).toMatchObject({
      insert: { pageId: 2, where: 'after' },
    });
  });

  it('marks a job still capturing as captured, then reviewed', async () => {
    const { api, store, setDetail } = setup(three());
    const moves: string[] = [];
    api.handle('jobs.transition', (input) => {
      const to = (input as { to: JobDetail['state'] }).to;
      moves.push(to);
      setDetail(jobDetail(three(), { state: to }));
      return ok({ ...jobDetail(three()), state: to });
    });
    await store.getState().openJob(1, 'review');
    await store.getState().markReviewed();
    expect(moves).toEqual(['captured', 'reviewed']);
    expect(store.getState().job?.state).toBe('reviewed');
  });

  it('filters by QC flag and counts the flags', () => {
    const pages = [
      gridPage(pageInfo(1, 1, { qc: { flags: ['blur', 'skew'], metrics: null, at: 'x' } })),
      gridPage(pageInfo(2, 2, { qc: { flags: [], metrics: null, at: 'x' } })),
      gridPage(pageInfo(3, 3, { qc: null })),
      gridPage(pageInfo(4, 4, { qc: { flags: ['blur'], metrics: null, at: 'x' } })),
    ];
    expect(qcCounts(pages)).toMatchObject({ all: 4, flagged: 2, blur: 2, skew: 1, blank: 0 });
    expect(visiblePages(pages, 'blur').map((p) => p.id)).toEqual([1, 4]);
    expect(visiblePages(pages, 'flagged').map((p) => p.id)).toEqual([1, 4]);
    expect(visiblePages(pages, 'all')).toBe(pages);
  });

  it('merges a reply with what events already said about the same master only', () => {
    const local = { ...gridPage(pageInfo(1, 1)), qc: ['blank' as const] };
    const stale = gridPage(pageInfo(1, 1, { derivatives: 'pending', qc: null }));
    expect(mergePage(stale, local)).toMatchObject({ derivatives: 'ready', qc: ['blank'] });
    const rescanned = { ...stale, masterId: 99 };
    expect(mergePage(rescanned, local)).toBe(rescanned);
  });

  it('the viewer zooms in steps and back to fit', async () => {
    const { api, store } = setup(three());
    api.handle('pages.image', () => ok({ url: 'data:image/jpeg;base64,AA' }));
    await store.getState().openJob(1, 'review');
    await store.getState().openViewer(2);
    expect(store.getState().viewer).toMatchObject({ pageId: 2, url: 'data:image/jpeg;base64,AA', zoom: 1 });
    expect(api.calls.at(-1)?.input).toEqual({ jobId: 1, pageId: 2, kind: 'view' });
    store.getState().zoom(1);
    store.getState().zoom(1);
    expect(store.getState().viewer?.zoom).toBe(2);
    store.getState().zoom(0);
    expect(store.getState().viewer?.zoom).toBe(1);
    await store.getState().viewerStep(1);
    expect(store.getState().viewer?.pageId).toBe(3);
    expect(nextZoom(6, 1)).toBe(6);
    expect(nextZoom(0.5, -1)).toBe(0.5);
  });
});

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';
import { type CaptureSlice, createCaptureSlice } from './jobs/capture.js';
import { type CatalogLookupSlice, createCatalogLookupSlice } from './jobs/catalog-lookup.js';
import { type JobsContext, JobsScreen } from './jobs/context.js';
import { createDeleteJobSlice, type DeleteJobSlice, jobDeleted } from './jobs/delete-job.js';
import type { GridPage } from './jobs/grid-pages.js';
import { createListReload, createListSlice, type ListSlice } from './jobs/list.js';
import { createNewJobSlice, type NewJobSlice, type ProfileStorage } from './jobs/new-job.js';
import { createPackageSlice, onJobPackage, type PackageSlice } from './jobs/package.js';
import { closedJob, createPagesSlice, type PagesSlice } from './jobs/pages.js';
import { createRecordSlice, onJobRecord, type RecordSlice } from './jobs/record.js';
import { createViewer, type ViewerSlice } from './jobs/viewer.js';
import { reloadOnReconnect } from './reload-on-reconnect.js';

/**
 * The scanning station's jobs: the list (`jobs/list.ts`), a new job (`jobs/new-job.ts`), the open
 * job's pages, selection, operations and undo (`jobs/pages.ts`), capture (`jobs/capture.ts`), the
 * viewer and the thumbnails (`jobs/viewer.ts`): slices of one store, which this file puts together
 * and keeps up to date from the core's events. Components read it and call its actions; it talks to
 * the core only through the api client.
 */

export type JobsState = ListSlice &
  NewJobSlice &
  CatalogLookupSlice &
  PagesSlice &
  RecordSlice &
  DeleteJobSlice &
  CaptureSlice &
  ViewerSlice &
  PackageSlice;
export type JobsStore = StoreApi<JobsState>;

export interface JobsStoreOptions {
  /** Where the last profile is remembered (localStorage in the app); none in tests. */
  storage?: ProfileStorage | null;
  /** Events come in bursts: one refresh of the job per burst, this long after the first. */
  refreshDelayMs?: number;
  /** The most thumbnails kept in memory (the oldest loaded go first). */
  thumbCache?: number;
  /** Opens an address in a new tab (the web host's package PDF); `window.open` in the app. */
  openUrl?: (url: string) => void;
}

function openInNewTab(url: string): void {
  globalThis.open?.(url, '_blank', 'noopener,noreferrer');
}

export function createJobsStore(api: ApiClient, options: JobsStoreOptions = {}): JobsStore {
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const ctx: JobsContext = {
    api,
    set: (partial) => store.setState(partial),
    get: () => store.getState(),
    refreshDelay: options.refreshDelayMs ?? 250,
    openUrl: options.openUrl ?? openInNewTab,
    jobEpoch: 0,
    pagesVersion: 0,
    runMasters: new Set(),
    scheduleRefresh(delay = ctx.refreshDelay) {
      if (refreshTimer !== undefined) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void store.getState().refreshJob();
      }, delay);
    },
    refreshNow() {
      clearTimeout(refreshTimer);
      refreshTimer = undefined;
      void store.getState().refreshJob();
    },
  };
  const viewer = createViewer(ctx, options.thumbCache ?? 800);
  const store = createStore<JobsState>()(() => ({
    ...createListSlice(ctx),
    ...createNewJobSlice(ctx, options.storage ?? null),
    ...createCatalogLookupSlice(ctx),
    ...createPagesSlice(ctx),
    ...createRecordSlice(ctx),
    ...createDeleteJobSlice(ctx),
    ...createCaptureSlice(ctx),
    ...viewer.slice,
    ...createPackageSlice(ctx),
    ...closedJob(),
  }));
  const reloadList = createListReload(ctx);

  const isCurrent = (jobId: number) => store.getState().job?.id === jobId;

  api.on('page.captured', ({ jobId, pageId, sequence, masterId }) => {
    reloadList();
    if (!isCurrent(jobId)) return;
    const st = store.getState();
    const existing = st.pages.find((p) => p.id === pageId);
    let pages: GridPage[];
    if (existing?.masterId === masterId) return;
    if (existing) {
      // A rescan: same page, new master; the thumbnail and flags follow.
      pages = st.pages.map((p) =>
        p.id === pageId ? { ...p, masterId, derivatives: 'pending', qc: null, error: null } : p,
      );
    } else {
      const placeholder: GridPage = {
        id: pageId,
        sequence,
        masterId,
        type: 'normal',
        label: null,
        manualLabel: null,
        side: sequence % 2 === 1 ? 'recto' : 'verso',
        rotation: 0,
        crop: null,
        size: null,
        derivatives: 'pending',
        qc: null,
        error: null,
        partial: true,
      };
      pages = [...st.pages];
      pages.splice(Math.min(Math.max(0, sequence - 1), pages.length), 0, placeholder);
      pages = pages.map((p, i) => (p.sequence === i + 1 ? p : { ...p, sequence: i + 1 }));
      ctx.pagesVersion += 1;
    }
    const capture = st.capture.running ? { ...st.capture, captured: st.capture.captured + 1 } : st.capture;
    if (st.capture.running) ctx.runMasters.add(masterId);
    store.setState({ pages, capture });
    ctx.scheduleRefresh();
  });

  api.on('page.derivatives', ({ jobId, pageId, masterId }) => {
    reloadList();
    if (!isCurrent(jobId)) return;
    const st = store.getState();
    const pages = st.pages.map((p) =>
      p.id === pageId && p.masterId === masterId ? { ...p, derivatives: 'ready' as const, error: null } : p,
    );
    const counted = ctx.runMasters.has(masterId);
    if (counted) ctx.runMasters.delete(masterId);
    store.setState({
      pages,
      capture: counted ? { ...st.capture, ready: st.capture.ready + 1 } : st.capture,
    });
    // Made again (a crop, its undo): the images already shown are replaced once the new ones are read.
    if (st.thumbs[masterId] !== undefined) void viewer.reloadThumb(jobId, pageId, masterId);
    if (st.viewer?.pageId === pageId && st.viewer.masterId === masterId)
      void viewer.reloadView(jobId, pageId, masterId);
  });

  api.on('page.qc', ({ jobId, pageId, masterId, flags }) => {
    reloadList();
    if (!isCurrent(jobId)) return;
    store.setState({
      pages: store
        .getState()
        .pages.map((p) => (p.id === pageId && p.masterId === masterId ? { ...p, qc: [...flags] } : p)),
    });
  });

  api.on('page.failed', ({ jobId, pageId, masterId, message }) => {
    reloadList();
    if (!isCurrent(jobId)) return;
    const st = store.getState();
    const pages = st.pages.map((p) =>
      p.id === pageId && p.masterId === masterId
        ? { ...p, derivatives: 'failed' as const, error: message }
        : p,
    );
    const failures = [...st.failures.filter((f) => f.masterId !== masterId), { pageId, masterId, message }];
    store.setState({ pages, failures });
  });

  api.on('job.pages', ({ jobId }) => {
    reloadList();
    if (isCurrent(jobId)) ctx.scheduleRefresh();
  });

  api.on('job.state', ({ jobId, to }) => {
    const st = store.getState();
    if (st.jobs.some((j) => j.id === jobId))
      store.setState({ jobs: st.jobs.map((j) => (j.id === jobId ? { ...j, state: to } : j)) });
    reloadList();
    if (isCurrent(jobId)) ctx.scheduleRefresh();
  });

  api.on('job.record', (event) => {
    onJobRecord(ctx, event);
    reloadList();
  });

  api.on('job.package', (event) => {
    onJobPackage(ctx, event);
    reloadList();
  });

  api.on('job.deleted', ({ jobId }) => jobDeleted(ctx, jobId));

  // Leaving the new-job screen (to the list, a job, capture) stops its lookup: nobody waits for it.
  store.subscribe((now, before) => {
    if (before.screen === JobsScreen.new && now.screen !== JobsScreen.new) now.cancelLookup();
  });

  reloadOnReconnect(api, () => {
    if (store.getState().job) ctx.scheduleRefresh(0);
    else if (store.getState().screen === JobsScreen.list) void store.getState().loadJobs();
  });

  return store;
}

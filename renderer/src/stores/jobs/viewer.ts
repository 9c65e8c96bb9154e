import type { CropBox } from '@contract/index.js';
import { clickSelect } from '../page-selection.js';
import type { JobsContext } from './context.js';
import { shownOrder } from './pages.js';

/**
 * The viewer (one page large, zoomed) and the thumbnails: read on demand, at most `thumbCap` kept
 * (the oldest loaded go first), read again when a page's derivatives are made again.
 */

/** Zoom steps of the viewer, as multiples of "fit the page in the window". */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6] as const;

export function nextZoom(current: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > current + 1e-9) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((z) => z < current - 1e-9) ?? ZOOM_STEPS[0];
}

export interface ViewerState {
  pageId: number;
  masterId: number;
  url: string | null;
  loading: boolean;
  /** The viewing copy is not made yet, or could not be read. */
  missing: boolean;
  zoom: number;
  /** The crop box the loaded viewing copy was cut with (it shows only that part of the master). */
  crop: CropBox | null;
  /** Whether `crop` is known: not when the copy was read while it was being made again. */
  cropKnown: boolean;
}

export interface ViewerSlice {
  viewer: ViewerState | null;
  /** Thumbnails as data: URLs, by master id (a rescanned page gets a new master, so a new image). */
  thumbs: Record<number, string>;

  loadThumb(pageId: number, masterId: number): Promise<void>;
  openViewer(pageId: number): Promise<void>;
  viewerStep(delta: 1 | -1): Promise<void>;
  zoom(direction: 1 | -1 | 0): void;
  closeViewer(): void;
}

export interface Viewer {
  slice: ViewerSlice;
  /** Reads a master's thumbnail again and swaps it in, unless it was dropped or read again meanwhile. */
  reloadThumb(jobId: number, pageId: number, masterId: number): Promise<void>;
  /** Reads the viewer's page again, keeping the image on screen until the new one is here. */
  reloadView(jobId: number, pageId: number, masterId: number): Promise<void>;
}

export function createViewer(ctx: JobsContext, thumbCap: number): Viewer {
  const { api, set, get } = ctx;
  const thumbsInFlight = new Set<number>();
  /** Master ids of the thumbnails held, oldest first. */
  const thumbOrder: number[] = [];
  /** Bumped per master when its derivatives are made again: an older read of its thumbnail is stale. */
  const thumbEpochs = new Map<number, number>();
  /** Bumped by every read of the viewer's image: only the newest read is shown. */
  let viewEpoch = 0;
  const isCurrent = (jobId: number) => get().job?.id === jobId;

  const slice: ViewerSlice = {
    viewer: null,
    thumbs: {},

    async loadThumb(pageId, masterId) {
      const job = get().job;
      if (!job || get().thumbs[masterId] !== undefined || thumbsInFlight.has(masterId)) return;
      thumbsInFlight.add(masterId);
      const epoch = thumbEpochs.get(masterId);
      const result = await api.call('pages.image', { jobId: job.id, pageId, kind: 'thumb' });
      thumbsInFlight.delete(masterId);
      if (!result.ok || result.value === null || thumbEpochs.get(masterId) !== epoch) return;
      const thumbs = { ...get().thumbs, [masterId]: result.value.url };
      thumbOrder.push(masterId);
      // The oldest loaded go first; a page scrolled back into view loads its thumbnail again.
      while (thumbOrder.length > thumbCap) delete thumbs[thumbOrder.shift()!];
      set({ thumbs });
    },

    async openViewer(pageId) {
      const job = get().job;
      const page = get().pages.find((p) => p.id === pageId);
      if (!job || !page) return;
      const epoch = ctx.jobEpoch;
      const zoom = get().viewer?.zoom ?? 1;
      set({
        viewer: {
          pageId,
          masterId: page.masterId,
          url: null,
          loading: true,
          missing: false,
          zoom,
          crop: null,
          cropKnown: false,
        },
        selection: clickSelect(get().selection, shownOrder(get), pageId),
      });
      // A copy read while it is being made again may show the old crop or the new one.
      const cropKnown = page.derivatives === 'ready';
      const read = ++viewEpoch;
      const result = await api.call('pages.image', { jobId: job.id, pageId, kind: 'view' });
      const viewer = get().viewer;
      if (epoch !== ctx.jobEpoch || viewer?.pageId !== pageId || read !== viewEpoch) return;
      const url = result.ok ? (result.value?.url ?? null) : null;
      set({
        viewer: { ...viewer, url, loading: false, missing: url === null, crop: page.crop, cropKnown },
      });
    },

    async viewerStep(delta) {
      const viewer = get().viewer;
      if (!viewer) return;
      const order = shownOrder(get);
      const at = order.indexOf(viewer.pageId);
      const next = order[at + delta];
      if (next !== undefined) await get().openViewer(next);
    },

    zoom(direction) {
      const viewer = get().viewer;
      if (!viewer) return;
      set({ viewer: { ...viewer, zoom: direction === 0 ? 1 : nextZoom(viewer.zoom, direction) } });
    },

    closeViewer() {
      set({ viewer: null });
    },
  };

  /** Reads a master's thumbnail again and swaps it in, unless it was dropped or read again meanwhile. */
  async function reloadThumb(jobId: number, pageId: number, masterId: number) {
    const epoch = (thumbEpochs.get(masterId) ?? 0) + 1;
    thumbEpochs.set(masterId, epoch);
    const result = await api.call('pages.image', { jobId, pageId, kind: 'thumb' });
    const st = get();
    if (!isCurrent(jobId) || thumbEpochs.get(masterId) !== epoch || st.thumbs[masterId] === undefined) return;
    if (!result.ok || result.value === null) return;
    set({ thumbs: { ...st.thumbs, [masterId]: result.value.url } });
  }

  /** Reads the viewer's page again, keeping the image on screen until the new one is here. */
  async function reloadView(jobId: number, pageId: number, masterId: number) {
    const page = get().pages.find((p) => p.id === pageId);
    if (!page) return;
    const read = ++viewEpoch;
    const result = await api.call('pages.image', { jobId, pageId, kind: 'view' });
    const viewer = get().viewer;
    if (!isCurrent(jobId) || viewer?.pageId !== pageId || viewer.masterId !== masterId) return;
    if (read !== viewEpoch) return;
    const url = result.ok ? (result.value?.url ?? null) : null;
    // Unreadable now: what is on screen stays, but its crop can no longer be vouched for.
    if (url === null) set({ viewer: { ...viewer, loading: false, cropKnown: false } });
    else
      set({
        viewer: { ...viewer, url, loading: false, missing: false, crop: page.crop, cropKnown: true },
      });
  }

  return { slice, reloadThumb, reloadView };
}

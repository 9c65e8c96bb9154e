import type { ContractError, CropBox, JobDetail, JobPages, PageInfo, Result } from '@contract/index.js';
import type { JobsState } from '../jobs.js';
import {
  clickSelect,
  dropPosition,
  EMPTY_SELECTION,
  focusEdge,
  type MoveStep,
  moveFocus,
  movePosition,
  pruneSelection,
  type Selection,
  selectAll,
  selectedInOrder,
  selectOne,
} from '../page-selection.js';
import { IDLE_CAPTURE, IDLE_PHOTO } from './capture.js';
import {
  type JobMeta,
  type JobState,
  type JobsContext,
  JobsScreen,
  type NumberingRule,
  type OperationKind,
  type PageSide,
  type PageType,
  type UndoInfo,
} from './context.js';
import { type GridPage, gridPage, mergePage, type QcFilter, visiblePages } from './grid-pages.js';
import { afterJobOpened, closedPackage, type PackageData } from './package.js';

/**
 * The open job: loading and refreshing it, its pages, the selection and the QC filter, every page
 * operation and undo (all through `operate`), and marking it reviewed.
 */

export interface PagesSlice {
  /** The job open in capture or review. */
  job: JobMeta | null;
  jobLoading: boolean;
  jobError: ContractError | null;
  pages: GridPage[];
  numbering: NumberingRule | null;
  undo: UndoInfo | null;
  selection: Selection;
  qcFilter: QcFilter;
  /** The operation under way (one at a time). */
  busy: OperationKind | 'transition' | null;
  opError: ContractError | null;
  /** The last operation done or undone, for the screen to announce. */
  lastOp: { kind: OperationKind; undone: boolean } | null;

  openJob(jobId: number, screen: 'capture' | 'review' | 'package'): Promise<void>;
  showCapture(): void;
  /** Review: a job still capturing is marked captured on the way. */
  showReview(): Promise<void>;
  refreshJob(): Promise<void>;

  click(id: number, mods?: { shift?: boolean; toggle?: boolean }): void;
  moveFocus(delta: number, extend?: boolean): void;
  focusEdge(edge: 'first' | 'last', extend?: boolean): void;
  selectAll(): void;
  clearSelection(): void;
  setQcFilter(filter: QcFilter): void;

  moveSelection(step: MoveStep): Promise<void>;
  dropSelection(targetId: number, where: 'before' | 'after', draggedId?: number): Promise<void>;
  deleteSelection(): Promise<void>;
  rotateSelection(by: 90 | -90 | 180): Promise<void>;
  /** Sets (or with null clears) one page's crop box, in master pixels; true when the core took it. */
  cropPage(pageId: number, crop: CropBox | null): Promise<boolean>;
  relabelSelection(change: { type?: PageType; label?: string | null; side?: PageSide }): Promise<void>;
  /** Roman numerals up to `endsAt` (a page id; null: none, all arabic); null rule: no numbering. */
  setNumbering(rule: NumberingRule | null): Promise<void>;
  undoLast(): Promise<void>;
  markReviewed(): Promise<void>;
}

/** Nothing open: the open job's part of every slice, as it is before a job opens. */
export function closedJob(): Pick<
  JobsState,
  | 'job'
  | 'jobLoading'
  | 'jobError'
  | 'pages'
  | 'numbering'
  | 'undo'
  | 'capture'
  | 'photo'
  | 'failures'
  | 'selection'
  | 'qcFilter'
  | 'viewer'
  | 'busy'
  | 'opError'
  | 'lastOp'
  | 'recordBusy'
  | 'recordError'
> &
  PackageData {
  return {
    ...closedPackage(),
    job: null,
    jobLoading: false,
    jobError: null,
    pages: [],
    numbering: null,
    undo: null,
    capture: IDLE_CAPTURE,
    photo: IDLE_PHOTO,
    failures: [],
    selection: EMPTY_SELECTION,
    qcFilter: 'all',
    viewer: null,
    busy: null,
    opError: null,
    lastOp: null,
    recordBusy: null,
    recordError: null,
  };
}

function metaOf(detail: JobDetail): JobMeta {
  const { pages: _pages, numbering: _numbering, undo: _undo, ...meta } = detail;
  return meta;
}

/** Pages from a reply: merged with what events told, the selection kept to pages still there. */
export function applyPages(
  ctx: JobsContext,
  incoming: readonly PageInfo[],
  numbering: NumberingRule | null,
  undo: UndoInfo | null,
): void {
  const { get, set } = ctx;
  const local = new Map(get().pages.map((p) => [p.id, p]));
  const pages = incoming.map((info) => mergePage(gridPage(info), local.get(info.id)));
  const order = pages.map((p) => p.id);
  set({ pages, numbering, undo, selection: pruneSelection(get().selection, order) });
}

export function applyDetail(ctx: JobsContext, detail: JobDetail): void {
  ctx.set({ job: metaOf(detail), jobError: null, jobLoading: false });
  applyPages(ctx, detail.pages, detail.numbering, detail.undo);
}

/** The ids of the pages the grid shows, in order (the QC filter applied). */
export function shownOrder(get: () => JobsState): number[] {
  return visiblePages(get().pages, get().qcFilter).map((p) => p.id);
}

export function createPagesSlice(ctx: JobsContext): PagesSlice {
  const { api, set, get } = ctx;
  let refreshing = false;
  let refreshAgain = false;
  const currentJobId = (): number | null => get().job?.id ?? null;

  /**
   * One page operation (undo too): at most one at a time, its reply applied unless another job
   * opened; `done` is the operation announced when it succeeds.
   */
  const operate = async (
    kind: OperationKind,
    call: () => Promise<Result<JobPages>>,
    done: PagesSlice['lastOp'] = { kind, undone: false },
  ): Promise<boolean> => {
    if (get().busy !== null || !get().job) return false;
    const epoch = ctx.jobEpoch;
    set({ busy: kind, opError: null });
    const result = await call();
    if (epoch !== ctx.jobEpoch) return false;
    if (result.ok) {
      ctx.pagesVersion += 1;
      applyPages(ctx, result.value.pages, result.value.numbering, result.value.undo);
      set({ busy: null, lastOp: done });
      return true;
    }
    set({ busy: null, opError: result.error });
    return false;
  };

  const selectedIds = (): number[] =>
    selectedInOrder(
      get().selection,
      get().pages.map((p) => p.id),
    );

  const transition = async (to: JobState): Promise<boolean> => {
    const job = get().job;
    if (!job) return false;
    const epoch = ctx.jobEpoch;
    const result = await api.call('jobs.transition', { jobId: job.id, to });
    if (epoch !== ctx.jobEpoch) return false;
    if (!result.ok) {
      set({ opError: result.error });
      return false;
    }
    set({ job: { ...job, ...result.value } });
    return true;
  };

  return {
    ...closedJob(),

    async openJob(jobId, screen) {
      ctx.jobEpoch += 1;
      const epoch = ctx.jobEpoch;
      set({ ...closedJob(), screen, jobLoading: true });
      const result = await api.call('jobs.get', { jobId });
      if (epoch !== ctx.jobEpoch) return;
      if (!result.ok) {
        set({ jobLoading: false, jobError: result.error });
        return;
      }
      applyDetail(ctx, result.value);
      if (screen === JobsScreen.package) void get().showPackage();
      else afterJobOpened(ctx);
    },

    showCapture() {
      if (get().job) set({ screen: JobsScreen.capture, viewer: null });
    },

    async showReview() {
      const job = get().job;
      if (!job) return;
      set({ screen: JobsScreen.review });
      if (
        job.state === 'capturing' &&
        job.allowedTransitions.includes('captured') &&
        get().pages.length > 0
      ) {
        if (await transition('captured')) void get().refreshJob();
      }
    },

    async refreshJob() {
      const jobId = currentJobId();
      if (jobId === null) return;
      if (refreshing) {
        refreshAgain = true;
        return;
      }
      refreshing = true;
      const epoch = ctx.jobEpoch;
      const version = ctx.pagesVersion;
      const result = await api.call('jobs.get', { jobId });
      refreshing = false;
      if (epoch === ctx.jobEpoch) {
        if (result.ok && version === ctx.pagesVersion) applyDetail(ctx, result.value);
        else if (result.ok) refreshAgain = true;
        else if (result.error.code === 'JOB_NOT_FOUND') set({ jobError: result.error });
      }
      if (refreshAgain) {
        refreshAgain = false;
        ctx.scheduleRefresh();
      }
    },

    click(id, mods = {}) {
      set({ selection: clickSelect(get().selection, shownOrder(get), id, mods) });
    },

    moveFocus(delta, extend = false) {
      set({ selection: moveFocus(get().selection, shownOrder(get), delta, extend) });
    },

    focusEdge(edge, extend = false) {
      set({ selection: focusEdge(get().selection, shownOrder(get), edge, extend) });
    },

    selectAll() {
      set({ selection: selectAll(shownOrder(get)) });
    },

    clearSelection() {
      set({ selection: EMPTY_SELECTION });
    },

    setQcFilter(filter) {
      const order = visiblePages(get().pages, filter).map((p) => p.id);
      set({ qcFilter: filter, selection: pruneSelection(get().selection, order) });
    },

    async moveSelection(step) {
      const job = get().job;
      const ids = selectedIds();
      if (!job || ids.length === 0) return;
      const position = movePosition(
        get().pages.map((p) => p.id),
        ids,
        step,
      );
      if (position === null) return;
      await operate('reorder', () => api.call('pages.move', { jobId: job.id, pageIds: ids, position }));
    },

    async dropSelection(targetId, where, draggedId) {
      const job = get().job;
      if (!job) return;
      let ids = selectedIds();
      if (draggedId !== undefined && !ids.includes(draggedId)) {
        ids = [draggedId];
        set({ selection: selectOne(draggedId) });
      }
      if (ids.length === 0) return;
      const position = dropPosition(
        get().pages.map((p) => p.id),
        ids,
        targetId,
        where,
      );
      if (position === null) return;
      await operate('reorder', () => api.call('pages.move', { jobId: job.id, pageIds: ids, position }));
    },

    async deleteSelection() {
      const job = get().job;
      const ids = selectedIds();
      if (!job || ids.length === 0) return;
      // The focus goes to the page after the deleted ones (or before, at the end).
      const order = get().pages.map((p) => p.id);
      const gone = new Set(ids);
      const last = order.findLastIndex((id) => gone.has(id));
      const after = order.slice(last + 1).find((id) => !gone.has(id));
      const before = order
        .slice(0, last)
        .reverse()
        .find((id) => !gone.has(id));
      const next = after ?? before;
      await operate('delete', () => api.call('pages.delete', { jobId: job.id, pageIds: ids }));
      if (next !== undefined && get().pages.some((p) => p.id === next) && get().selection.ids.size === 0)
        set({ selection: selectOne(next) });
    },

    async rotateSelection(by) {
      const job = get().job;
      const ids = selectedIds();
      if (!job || ids.length === 0) return;
      await operate('rotate', () => api.call('pages.rotate', { jobId: job.id, pageIds: ids, by }));
    },

    async cropPage(pageId, crop) {
      const job = get().job;
      if (!job) return false;
      return operate('crop', () => api.call('pages.crop', { jobId: job.id, pageId, crop }));
    },

    async relabelSelection(change) {
      const job = get().job;
      const ids = selectedIds();
      if (!job || ids.length === 0) return;
      if (change.type === undefined && change.label === undefined && change.side === undefined) return;
      await operate('relabel', () => api.call('pages.relabel', { jobId: job.id, pageIds: ids, ...change }));
    },

    async setNumbering(rule) {
      const job = get().job;
      if (!job) return;
      await operate('numbering', () => api.call('pages.numbering', { jobId: job.id, rule }));
    },

    async undoLast() {
      const job = get().job;
      if (!job) return;
      const undone = get().undo?.kind ?? null;
      await operate(
        undone ?? 'reorder',
        () => api.call('pages.undo', { jobId: job.id }),
        undone ? { kind: undone, undone: true } : null,
      );
    },

    async markReviewed() {
      const job = get().job;
      if (!job || get().busy !== null) return;
      set({ busy: 'transition', opError: null });
      const ok =
        job.allowedTransitions.includes('reviewed') ||
        (job.allowedTransitions.includes('captured') && (await transition('captured')));
      if (ok && (await transition('reviewed'))) set({ lastOp: null });
      set({ busy: null });
      await get().refreshJob();
    },
  };
}

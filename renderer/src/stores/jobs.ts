import {
  type CaptureResult,
  type ContractError,
  type CropBox,
  type Events,
  type FRAME_MIME_TYPES,
  type JobDetail,
  type JobPages,
  type JobSummary,
  type PageInfo,
  QC_FLAGS,
  type QcFlag,
  type Result,
  type SavedScanProfile,
  type ScannerSummary,
  ScanProfile,
} from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';
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
} from './page-selection.js';
import { copyProfile, type EditableProfile, pageSizeValid } from './profile-fields.js';
import { reloadOnReconnect } from './reload-on-reconnect.js';

/**
 * The scanning station's jobs: the list, a new job (barcode and scan profile), capture from the
 * scanner with pages arriving one by one (`page.captured`, then `page.derivatives` and `page.qc`),
 * and review: the pages in order, the selection, every page operation and undo, the viewer.
 * Components read this store and call its actions; it talks to the core only through the api client.
 */

export type JobState = JobSummary['state'];
export type PageType = PageInfo['type'];
export type PageSide = PageInfo['side'];
export type Rotation = PageInfo['rotation'];
export type OperationKind = Events['job.pages']['operation'];
export type NumberingRule = NonNullable<JobPages['numbering']>;
export type UndoInfo = NonNullable<JobPages['undo']>;

// ---- where the jobs section is

export const JobsScreen = { list: 'list', new: 'new', capture: 'capture', review: 'review' } as const;
export type JobsScreen = (typeof JobsScreen)[keyof typeof JobsScreen];

// ---- the jobs list

/** The list's filters: groups of states an operator thinks in. */
export const JobFilter = {
  all: 'all',
  active: 'active',
  reviewed: 'reviewed',
  delivery: 'delivery',
  problems: 'problems',
} as const;
export type JobFilter = (typeof JobFilter)[keyof typeof JobFilter];
export const JOB_FILTERS: readonly JobFilter[] = Object.values(JobFilter);

const FILTER_STATES: Record<Exclude<JobFilter, 'all'>, readonly JobState[]> = {
  active: ['created', 'capturing', 'captured'],
  reviewed: ['reviewed'],
  delivery: ['packaging', 'packaged', 'queued', 'delivering', 'delivered'],
  problems: ['failed', 'rejected'],
};

export function matchesJobFilter(job: JobSummary, filter: JobFilter): boolean {
  return filter === JobFilter.all || FILTER_STATES[filter].includes(job.state);
}

export function filterJobs(jobs: readonly JobSummary[], filter: JobFilter): JobSummary[] {
  return jobs.filter((job) => matchesJobFilter(job, filter));
}

export function jobFilterCounts(jobs: readonly JobSummary[]): Record<JobFilter, number> {
  const counts = Object.fromEntries(JOB_FILTERS.map((f) => [f, 0])) as Record<JobFilter, number>;
  for (const job of jobs) for (const f of JOB_FILTERS) if (matchesJobFilter(job, f)) counts[f] += 1;
  return counts;
}

// ---- pages as the grid shows them

/** A page in the grid: what the core said, or, until it says more, what `page.captured` told. */
export interface GridPage {
  id: number;
  sequence: number;
  masterId: number;
  type: PageType;
  label: string | null;
  manualLabel: string | null;
  side: PageSide;
  rotation: Rotation;
  /** The page's crop box in master pixels; its derivatives show only this part. */
  crop: CropBox | null;
  /** The master's size as shown (orientation applied), which crop boxes are measured in; null until known. */
  size: { width: number; height: number } | null;
  derivatives: PageInfo['derivatives'];
  /** Null until quality control has run on the current master. */
  qc: QcFlag[] | null;
  /** Why derivatives or quality control failed. */
  error: string | null;
  /** Known only from the capture event so far; the rest follows with the next refresh. */
  partial: boolean;
}

export function gridPage(info: PageInfo): GridPage {
  return {
    id: info.id,
    sequence: info.sequence,
    masterId: info.master.id,
    type: info.type,
    label: info.label,
    manualLabel: info.manualLabel,
    side: info.side,
    rotation: info.rotation,
    crop: info.crop,
    size: { width: info.master.width, height: info.master.height },
    derivatives: info.derivatives,
    qc: info.qc?.flags ?? null,
    error: info.derivativesError,
    partial: false,
  };
}

/**
 * A page from the core, merged with what events already told about the same master: a reply that
 * left before `page.derivatives` or `page.qc` arrived must not take the thumbnail or flags away.
 * A new crop box is different: the derivatives really are being made again.
 */
export function mergePage(incoming: GridPage, local: GridPage | undefined): GridPage {
  if (!local || local.masterId !== incoming.masterId) return incoming;
  const merged = { ...incoming };
  if (
    incoming.derivatives === 'pending' &&
    local.derivatives !== 'pending' &&
    sameCrop(incoming.crop, local.crop)
  ) {
    merged.derivatives = local.derivatives;
    merged.error = local.error;
  }
  if (incoming.qc === null && local.qc !== null) merged.qc = local.qc;
  return merged;
}

export function sameCrop(a: CropBox | null, b: CropBox | null): boolean {
  if (a === null || b === null) return a === b;
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** The QC filter: every page, pages with any flag, or pages with one flag. */
export type QcFilter = 'all' | 'flagged' | QcFlag;
export const QC_FILTERS: readonly QcFilter[] = ['all', 'flagged', ...QC_FLAGS];

export function matchesQc(page: GridPage, filter: QcFilter): boolean {
  if (filter === 'all') return true;
  const flags = page.qc ?? [];
  return filter === 'flagged' ? flags.length > 0 : flags.includes(filter);
}

export function qcCounts(pages: readonly GridPage[]): Record<QcFilter, number> {
  const counts = Object.fromEntries(QC_FILTERS.map((f) => [f, 0])) as Record<QcFilter, number>;
  for (const page of pages) {
    counts.all += 1;
    const flags = page.qc ?? [];
    if (flags.length > 0) counts.flagged += 1;
    for (const flag of flags) counts[flag] += 1;
  }
  return counts;
}

/** The pages the grid shows under a QC filter (the same array when nothing is filtered out). */
export function visiblePages(pages: readonly GridPage[], filter: QcFilter): readonly GridPage[] {
  return filter === 'all' ? pages : pages.filter((p) => matchesQc(p, filter));
}

// ---- capture

export type CapturePlace =
  | { kind: 'append' }
  | { kind: 'rescan'; pageId: number }
  | { kind: 'insert'; pageId: number; where: 'before' | 'after' };

export interface CaptureState {
  running: boolean;
  /** Stop was asked for; the scanner finishes the sheet it is on. */
  stopping: boolean;
  place: CapturePlace;
  /** Pages this scan has delivered so far (running count). */
  captured: number;
  /** Of those, pages whose thumbnail is ready. */
  ready: number;
  /** The last scan's outcome (pages, and why it stopped early); null while running or before. */
  result: CaptureResult | null;
  /** The scan could not start or failed as a call. */
  error: ContractError | null;
}

export interface PageFailure {
  pageId: number;
  masterId: number;
  message: string;
}

/** A document camera's photo on its way to the job (`scan.addFrame`). */
export interface PhotoState {
  /** Photos sent and not yet answered. */
  sending: number;
  /** The last photo the core refused or could not take. */
  error: ContractError | null;
}

export type FrameMimeType = (typeof FRAME_MIME_TYPES)[number];

const IDLE_PHOTO: PhotoState = { sending: 0, error: null };

const IDLE_CAPTURE: CaptureState = {
  running: false,
  stopping: false,
  place: { kind: 'append' },
  captured: 0,
  ready: 0,
  result: null,
  error: null,
};

// ---- the viewer

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

// ---- the profile

/** Without a page size: the whole area the scanner covers. */
export const DEFAULT_PROFILE: EditableProfile = { source: 'adf', mode: 'gray', resolution: 300 };
export const RESOLUTIONS: readonly number[] = [150, 200, 300, 400, 600];
export const PROFILE_STORAGE_KEY = 'bitig.scanProfile';

export interface ProfileStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function readProfile(storage: ProfileStorage | null): EditableProfile {
  try {
    const raw = storage?.getItem(PROFILE_STORAGE_KEY);
    if (!raw) return DEFAULT_PROFILE;
    const parsed = ScanProfile.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_PROFILE;
  } catch {
    return DEFAULT_PROFILE;
  }
}

/**
 * The job's own profile when it is a scan profile, else the one given. A job recorded before page
 * sizes has none and gets none here: the core reads that as `max`, as it always scanned.
 */
export function profileOf(job: { profile: unknown } | null, fallback: EditableProfile): EditableProfile {
  const parsed = ScanProfile.safeParse(job?.profile);
  if (!parsed.success) return fallback;
  if (Object.hasOwn(job?.profile as object, 'pageSize')) return parsed.data;
  const { pageSize: _none, ...recorded } = parsed.data;
  return recorded;
}

/** Barcodes as the contract takes them: trimmed, 1..64 characters. */
export function isItemBarcode(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 64;
}

// ---- the store

export type JobMeta = Omit<JobDetail, 'pages' | 'numbering' | 'undo'>;

export interface JobsData {
  screen: JobsScreen;
  jobs: JobSummary[];
  jobsLoaded: boolean;
  jobsLoading: boolean;
  jobsError: ContractError | null;
  filter: JobFilter;

  scanners: ScannerSummary[];
  scannersLoaded: boolean;
  scannersError: ContractError | null;
  /**
   * The profile for new jobs: the station's default saved profile when it has one, else the last
   * one used (remembered across restarts); the operator may change it for one job.
   */
  profile: EditableProfile;
  /** The station's saved profiles, as the new-job screen offers them. */
  savedProfiles: SavedScanProfile[];
  /** The saved profile the fields were filled from; null when set by hand. */
  savedProfileId: string | null;
  barcode: string;
  creating: boolean;
  createError: ContractError | null;

  /** The job open in capture or review. */
  job: JobMeta | null;
  jobLoading: boolean;
  jobError: ContractError | null;
  pages: GridPage[];
  numbering: NumberingRule | null;
  undo: UndoInfo | null;
  /** Thumbnails as data: URLs, by master id (a rescanned page gets a new master, so a new image). */
  thumbs: Record<number, string>;

  capture: CaptureState;
  photo: PhotoState;
  failures: PageFailure[];

  selection: Selection;
  qcFilter: QcFilter;
  viewer: ViewerState | null;
  /** The operation under way (one at a time). */
  busy: OperationKind | 'transition' | null;
  opError: ContractError | null;
  /** The last operation done or undone, for the screen to announce. */
  lastOp: { kind: OperationKind; undone: boolean } | null;
}

export interface JobsState extends JobsData {
  showList(): void;
  loadJobs(): Promise<void>;
  setFilter(filter: JobFilter): void;

  newJob(): void;
  loadScanners(): Promise<void>;
  setBarcode(text: string): void;
  setProfile(patch: Partial<EditableProfile>): void;
  /** Loads the station's saved profiles; the default one fills the fields unless the operator began. */
  loadSavedProfiles(): Promise<void>;
  /** Fills the fields from a saved profile (null: none chosen; the fields stay as they are). */
  chooseSavedProfile(id: string | null): void;
  /** Creates the job for `barcode` (or the one typed) and opens capture. */
  createJob(barcode?: string): Promise<void>;

  openJob(jobId: number, screen: 'capture' | 'review'): Promise<void>;
  showCapture(): void;
  /** Review: a job still capturing is marked captured on the way. */
  showReview(): Promise<void>;
  refreshJob(): Promise<void>;

  startCapture(place?: CapturePlace): Promise<void>;
  stopCapture(): Promise<void>;
  /** Appends a camera photo (base64) to the open job; its page arrives like a scanned one. */
  addFrame(image: string, mimeType: FrameMimeType): Promise<boolean>;
  loadThumb(pageId: number, masterId: number): Promise<void>;

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

  openViewer(pageId: number): Promise<void>;
  viewerStep(delta: 1 | -1): Promise<void>;
  zoom(direction: 1 | -1 | 0): void;
  closeViewer(): void;
}

export type JobsStore = StoreApi<JobsState>;

export interface JobsStoreOptions {
  /** Where the last profile is remembered (localStorage in the app); none in tests. */
  storage?: ProfileStorage | null;
  /** Events come in bursts: one refresh of the job per burst, this long after the first. */
  refreshDelayMs?: number;
  /** The most thumbnails kept in memory (the oldest loaded go first). */
  thumbCache?: number;
}

function closedJob(): Pick<
  JobsData,
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
> {
  return {
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
  };
}

function metaOf(detail: JobDetail): JobMeta {
  const { pages: _pages, numbering: _numbering, undo: _undo, ...meta } = detail;
  return meta;
}

export function createJobsStore(api: ApiClient, options: JobsStoreOptions = {}): JobsStore {
  const storage = options.storage ?? null;
  const refreshDelay = options.refreshDelayMs ?? 250;
  const thumbCap = options.thumbCache ?? 800;

  /** Bumped when another job opens (or none): replies about the previous one are dropped. */
  let jobEpoch = 0;
  /** Bumped whenever the pages change here (an operation's reply, a captured page): older refreshes are stale. */
  let pagesVersion = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshing = false;
  let refreshAgain = false;
  let listTimer: ReturnType<typeof setTimeout> | undefined;
  let listEpoch = 0;
  const thumbsInFlight = new Set<number>();
  /** Master ids of the thumbnails held, oldest first. */
  const thumbOrder: number[] = [];
  /** Masters this scan delivered, to count the ready ones. */
  let runMasters = new Set<number>();
  /** Bumped when the new-job screen opens; a saved-profile list from an earlier opening is stale. */
  let newJobEpoch = 0;
  /** The operator changed the profile on this new-job screen: the default no longer overrides it. */
  let profileTouched = false;
  /** Bumped per master when its derivatives are made again: an older read of its thumbnail is stale. */
  const thumbEpochs = new Map<number, number>();
  /** Bumped by every read of the viewer's image: only the newest read is shown. */
  let viewEpoch = 0;

  const store = createStore<JobsState>()((set, get) => {
    const currentJobId = (): number | null => get().job?.id ?? null;

    /** Pages from a reply: merged with what events told, the selection kept to pages still there. */
    const applyPages = (
      incoming: readonly PageInfo[],
      numbering: NumberingRule | null,
      undo: UndoInfo | null,
    ) => {
      const local = new Map(get().pages.map((p) => [p.id, p]));
      const pages = incoming.map((info) => mergePage(gridPage(info), local.get(info.id)));
      const order = pages.map((p) => p.id);
      set({ pages, numbering, undo, selection: pruneSelection(get().selection, order) });
    };

    const applyDetail = (detail: JobDetail) => {
      set({ job: metaOf(detail), jobError: null, jobLoading: false });
      applyPages(detail.pages, detail.numbering, detail.undo);
    };

    /** One page operation: at most one at a time, its reply applied unless another job opened. */
    const operate = async (kind: OperationKind, call: () => Promise<Result<JobPages>>): Promise<boolean> => {
      if (get().busy !== null || !get().job) return false;
      const epoch = jobEpoch;
      set({ busy: kind, opError: null });
      const result = await call();
      if (epoch !== jobEpoch) return false;
      if (result.ok) {
        pagesVersion += 1;
        applyPages(result.value.pages, result.value.numbering, result.value.undo);
        set({ busy: null, lastOp: { kind, undone: false } });
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

    const shownOrder = (): number[] => visiblePages(get().pages, get().qcFilter).map((p) => p.id);

    const transition = async (to: JobState): Promise<boolean> => {
      const job = get().job;
      if (!job) return false;
      const epoch = jobEpoch;
      const result = await api.call('jobs.transition', { jobId: job.id, to });
      if (epoch !== jobEpoch) return false;
      if (!result.ok) {
        set({ opError: result.error });
        return false;
      }
      set({ job: { ...job, ...result.value } });
      return true;
    };

    return {
      screen: JobsScreen.list,
      jobs: [],
      jobsLoaded: false,
      jobsLoading: false,
      jobsError: null,
      filter: JobFilter.all,
      scanners: [],
      scannersLoaded: false,
      scannersError: null,
      profile: readProfile(storage),
      savedProfiles: [],
      savedProfileId: null,
      barcode: '',
      creating: false,
      createError: null,
      thumbs: {},
      ...closedJob(),

      showList() {
        jobEpoch += 1;
        set({ screen: JobsScreen.list, ...closedJob() });
        void get().loadJobs();
      },

      async loadJobs() {
        const epoch = ++listEpoch;
        set({ jobsLoading: true });
        const result = await api.call('jobs.list', {});
        if (epoch !== listEpoch) return;
        if (result.ok) set({ jobs: result.value, jobsLoaded: true, jobsLoading: false, jobsError: null });
        else set({ jobsLoading: false, jobsError: result.error });
      },

      setFilter(filter) {
        set({ filter });
      },

      newJob() {
        jobEpoch += 1;
        set({ screen: JobsScreen.new, barcode: '', createError: null, creating: false, ...closedJob() });
        newJobEpoch += 1;
        profileTouched = false;
        void get().loadScanners();
        void get().loadSavedProfiles();
      },

      async loadSavedProfiles() {
        const epoch = newJobEpoch;
        const result = await api.call('scanProfiles.list', {});
        // Without the list the screen still works: the fields keep the last profile used.
        if (!result.ok || epoch !== newJobEpoch) return;
        const savedProfiles = result.value;
        const chosen = savedProfiles.find((p) => p.id === get().savedProfileId);
        const preset = savedProfiles.find((p) => p.isDefault);
        if (!profileTouched && preset) {
          set({ savedProfiles, profile: copyProfile(preset.profile), savedProfileId: preset.id });
        } else {
          set({ savedProfiles, savedProfileId: chosen ? chosen.id : null });
        }
      },

      chooseSavedProfile(id) {
        profileTouched = true;
        const saved = id === null ? undefined : get().savedProfiles.find((p) => p.id === id);
        if (!saved) {
          set({ savedProfileId: null });
          return;
        }
        set({ profile: copyProfile(saved.profile), savedProfileId: saved.id });
      },

      async loadScanners() {
        const result = await api.call('scanners.list', {});
        if (result.ok) set({ scanners: result.value, scannersLoaded: true, scannersError: null });
        else set({ scannersLoaded: true, scannersError: result.error });
      },

      setBarcode(text) {
        set({ barcode: text.slice(0, 64), createError: null });
      },

      setProfile(patch) {
        profileTouched = true;
        const next = { ...get().profile, ...patch };
        if (patch.device === undefined && 'device' in patch) delete next.device;
        set({ profile: next });
      },

      async createJob(barcode) {
        const itemBarcode = (barcode ?? get().barcode).trim();
        if (get().creating) return;
        if (barcode !== undefined) set({ barcode: itemBarcode });
        if (!isItemBarcode(itemBarcode)) return;
        const profile = get().profile;
        // A half-typed custom size: the screen says what is wrong; nothing is sent.
        if (!pageSizeValid(profile.pageSize)) return;
        set({ creating: true, createError: null });
        const result = await api.call('jobs.create', { itemBarcode, profile });
        if (!result.ok) {
          set({ creating: false, createError: result.error });
          return;
        }
        try {
          storage?.setItem(PROFILE_STORAGE_KEY, JSON.stringify(profile));
        } catch {
          // Remembering the profile is a convenience; a full or locked storage costs nothing else.
        }
        jobEpoch += 1;
        set({ ...closedJob(), creating: false, barcode: '', screen: JobsScreen.capture });
        applyDetail(result.value);
      },

      async openJob(jobId, screen) {
        jobEpoch += 1;
        const epoch = jobEpoch;
        set({ ...closedJob(), screen, jobLoading: true });
        const result = await api.call('jobs.get', { jobId });
        if (epoch !== jobEpoch) return;
        if (result.ok) applyDetail(result.value);
        else set({ jobLoading: false, jobError: result.error });
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
        const epoch = jobEpoch;
        const version = pagesVersion;
        const result = await api.call('jobs.get', { jobId });
        refreshing = false;
        if (epoch === jobEpoch) {
          if (result.ok && version === pagesVersion) applyDetail(result.value);
          else if (result.ok) refreshAgain = true;
          else if (result.error.code === 'JOB_NOT_FOUND') set({ jobError: result.error });
        }
        if (refreshAgain) {
          refreshAgain = false;
          scheduleRefresh();
        }
      },

      async startCapture(place = { kind: 'append' }) {
        const job = get().job;
        if (!job || get().capture.running) return;
        const epoch = jobEpoch;
        runMasters = new Set();
        set({ capture: { ...IDLE_CAPTURE, running: true, place }, opError: null });
        const profile = profileOf(job, get().profile);
        const result = await api.call('scan.capture', {
          jobId: job.id,
          profile,
          ...(place.kind === 'rescan' ? { replacePageId: place.pageId } : {}),
          ...(place.kind === 'insert' ? { insert: { pageId: place.pageId, where: place.where } } : {}),
        });
        if (epoch !== jobEpoch) return;
        const capture = get().capture;
        const placed = result.ok && result.value.pages > 0 && place.kind !== 'append';
        set({
          capture: {
            ...capture,
            running: false,
            stopping: false,
            result: result.ok ? result.value : null,
            error: result.ok ? null : result.error,
          },
          // A rescan or an insert is a page operation (undoable): announced like the others.
          ...(placed ? { lastOp: { kind: place.kind as 'rescan' | 'insert', undone: false } } : {}),
        });
        clearTimeout(refreshTimer);
        refreshTimer = undefined;
        void get().refreshJob();
      },

      async stopCapture() {
        if (!get().capture.running || get().capture.stopping) return;
        set({ capture: { ...get().capture, stopping: true } });
        const result = await api.call('scan.cancel', {});
        if (!result.ok) set({ capture: { ...get().capture, stopping: false, error: result.error } });
      },

      async addFrame(image, mimeType) {
        const job = get().job;
        if (!job?.editable) return false;
        const epoch = jobEpoch;
        set({ photo: { sending: get().photo.sending + 1, error: null } });
        const result = await api.call('scan.addFrame', { jobId: job.id, image, mimeType });
        if (epoch !== jobEpoch) return result.ok;
        const photo = get().photo;
        set({ photo: { sending: Math.max(0, photo.sending - 1), error: result.ok ? null : result.error } });
        return result.ok;
      },

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

      click(id, mods = {}) {
        set({ selection: clickSelect(get().selection, shownOrder(), id, mods) });
      },

      moveFocus(delta, extend = false) {
        set({ selection: moveFocus(get().selection, shownOrder(), delta, extend) });
      },

      focusEdge(edge, extend = false) {
        set({ selection: focusEdge(get().selection, shownOrder(), edge, extend) });
      },

      selectAll() {
        set({ selection: selectAll(shownOrder()) });
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
        if (!job || get().busy !== null) return;
        const undone = get().undo?.kind ?? null;
        const epoch = jobEpoch;
        set({ busy: undone ?? 'reorder', opError: null });
        const result = await api.call('pages.undo', { jobId: job.id });
        if (epoch !== jobEpoch) return;
        if (result.ok) {
          pagesVersion += 1;
          applyPages(result.value.pages, result.value.numbering, result.value.undo);
          set({ busy: null, lastOp: undone ? { kind: undone, undone: true } : null });
        } else {
          set({ busy: null, opError: result.error });
        }
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

      async openViewer(pageId) {
        const job = get().job;
        const page = get().pages.find((p) => p.id === pageId);
        if (!job || !page) return;
        const epoch = jobEpoch;
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
          selection: clickSelect(get().selection, shownOrder(), pageId),
        });
        // A copy read while it is being made again may show the old crop or the new one.
        const cropKnown = page.derivatives === 'ready';
        const read = ++viewEpoch;
        const result = await api.call('pages.image', { jobId: job.id, pageId, kind: 'view' });
        const viewer = get().viewer;
        if (epoch !== jobEpoch || viewer?.pageId !== pageId || read !== viewEpoch) return;
        const url = result.ok ? (result.value?.url ?? null) : null;
        set({
          viewer: { ...viewer, url, loading: false, missing: url === null, crop: page.crop, cropKnown },
        });
      },

      async viewerStep(delta) {
        const viewer = get().viewer;
        if (!viewer) return;
        const order = shownOrder();
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
  });

  function scheduleRefresh(delay = refreshDelay) {
    if (refreshTimer !== undefined) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void store.getState().refreshJob();
    }, delay);
  }

  function scheduleListReload() {
    if (store.getState().screen !== JobsScreen.list || listTimer !== undefined) return;
    listTimer = setTimeout(() => {
      listTimer = undefined;
      if (store.getState().screen === JobsScreen.list) void store.getState().loadJobs();
    }, refreshDelay);
  }

  const isCurrent = (jobId: number) => store.getState().job?.id === jobId;

  api.on('page.captured', ({ jobId, pageId, sequence, masterId }) => {
    scheduleListReload();
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
      pagesVersion += 1;
    }
    const capture = st.capture.running ? { ...st.capture, captured: st.capture.captured + 1 } : st.capture;
    if (st.capture.running) runMasters.add(masterId);
    store.setState({ pages, capture });
    scheduleRefresh();
  });

  api.on('page.derivatives', ({ jobId, pageId, masterId }) => {
    scheduleListReload();
    if (!isCurrent(jobId)) return;
    const st = store.getState();
    const pages = st.pages.map((p) =>
      p.id === pageId && p.masterId === masterId ? { ...p, derivatives: 'ready' as const, error: null } : p,
    );
    const counted = runMasters.has(masterId);
    if (counted) runMasters.delete(masterId);
    store.setState({
      pages,
      capture: counted ? { ...st.capture, ready: st.capture.ready + 1 } : st.capture,
    });
    // Made again (a crop, its undo): the images already shown are replaced once the new ones are read.
    if (st.thumbs[masterId] !== undefined) void reloadThumb(jobId, pageId, masterId);
    if (st.viewer?.pageId === pageId && st.viewer.masterId === masterId)
      void reloadView(jobId, pageId, masterId);
  });

  /** Reads a master's thumbnail again and swaps it in, unless it was dropped or read again meanwhile. */
  async function reloadThumb(jobId: number, pageId: number, masterId: number) {
    const epoch = (thumbEpochs.get(masterId) ?? 0) + 1;
    thumbEpochs.set(masterId, epoch);
    const result = await api.call('pages.image', { jobId, pageId, kind: 'thumb' });
    const st = store.getState();
    if (!isCurrent(jobId) || thumbEpochs.get(masterId) !== epoch || st.thumbs[masterId] === undefined) return;
    if (!result.ok || result.value === null) return;
    store.setState({ thumbs: { ...st.thumbs, [masterId]: result.value.url } });
  }

  /** Reads the viewer's page again, keeping the image on screen until the new one is here. */
  async function reloadView(jobId: number, pageId: number, masterId: number) {
    const page = store.getState().pages.find((p) => p.id === pageId);
    if (!page) return;
    const read = ++viewEpoch;
    const result = await api.call('pages.image', { jobId, pageId, kind: 'view' });
    const viewer = store.getState().viewer;
    if (!isCurrent(jobId) || viewer?.pageId !== pageId || viewer.masterId !== masterId) return;
    if (read !== viewEpoch) return;
    const url = result.ok ? (result.value?.url ?? null) : null;
    // Unreadable now: what is on screen stays, but its crop can no longer be vouched for.
    if (url === null) store.setState({ viewer: { ...viewer, loading: false, cropKnown: false } });
    else
      store.setState({
        viewer: { ...viewer, url, loading: false, missing: false, crop: page.crop, cropKnown: true },
      });
  }

  api.on('page.qc', ({ jobId, pageId, masterId, flags }) => {
    scheduleListReload();
    if (!isCurrent(jobId)) return;
    store.setState({
      pages: store
        .getState()
        .pages.map((p) => (p.id === pageId && p.masterId === masterId ? { ...p, qc: [...flags] } : p)),
    });
  });

  api.on('page.failed', ({ jobId, pageId, masterId, message }) => {
    scheduleListReload();
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
    scheduleListReload();
    if (isCurrent(jobId)) scheduleRefresh();
  });

  api.on('job.state', ({ jobId, to }) => {
    const st = store.getState();
    if (st.jobs.some((j) => j.id === jobId))
      store.setState({ jobs: st.jobs.map((j) => (j.id === jobId ? { ...j, state: to } : j)) });
    scheduleListReload();
    if (isCurrent(jobId)) scheduleRefresh();
  });

  reloadOnReconnect(api, () => {
    if (store.getState().job) scheduleRefresh(0);
    else if (store.getState().screen === JobsScreen.list) void store.getState().loadJobs();
  });

  return store;
}

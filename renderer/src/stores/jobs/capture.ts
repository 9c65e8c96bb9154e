import {
  type CaptureResult,
  type ContractError,
  type FRAME_MIME_TYPES,
  ScanProfile,
} from '@contract/index.js';
import type { EditableProfile } from '../profile-fields.js';
import type { JobsContext } from './context.js';

/** Capture: a scan into the open job (appended, a rescan or an insert), and a document camera's photos. */

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

export const IDLE_PHOTO: PhotoState = { sending: 0, error: null };

export const IDLE_CAPTURE: CaptureState = {
  running: false,
  stopping: false,
  place: { kind: 'append' },
  captured: 0,
  ready: 0,
  result: null,
  error: null,
};

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

export interface CaptureSlice {
  capture: CaptureState;
  photo: PhotoState;
  failures: PageFailure[];

  startCapture(place?: CapturePlace): Promise<void>;
  stopCapture(): Promise<void>;
  /** Appends a camera photo (base64) to the open job; its page arrives like a scanned one. */
  addFrame(image: string, mimeType: FrameMimeType): Promise<boolean>;
}

export function createCaptureSlice(ctx: JobsContext): CaptureSlice {
  const { api, set, get } = ctx;
  return {
    capture: IDLE_CAPTURE,
    photo: IDLE_PHOTO,
    failures: [],

    async startCapture(place = { kind: 'append' }) {
      const job = get().job;
      if (!job || get().capture.running) return;
      const epoch = ctx.jobEpoch;
      ctx.runMasters = new Set();
      set({ capture: { ...IDLE_CAPTURE, running: true, place }, opError: null });
      const profile = profileOf(job, get().profile);
      const result = await api.call('scan.capture', {
        jobId: job.id,
        profile,
        ...(place.kind === 'rescan' ? { replacePageId: place.pageId } : {}),
        ...(place.kind === 'insert' ? { insert: { pageId: place.pageId, where: place.where } } : {}),
      });
      if (epoch !== ctx.jobEpoch) return;
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
      ctx.refreshNow();
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
      const epoch = ctx.jobEpoch;
      set({ photo: { sending: get().photo.sending + 1, error: null } });
      const result = await api.call('scan.addFrame', { jobId: job.id, image, mimeType });
      if (epoch !== ctx.jobEpoch) return result.ok;
      const photo = get().photo;
      set({ photo: { sending: Math.max(0, photo.sending - 1), error: result.ok ? null : result.error } });
      return result.ok;
    },
  };
}

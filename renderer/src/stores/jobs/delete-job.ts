import type { ContractError } from '@contract/index.js';
import { isStaffPin } from '../kiosk-settings-rules.js';
import type { JobsContext } from './context.js';

/**
 * Deleting a job: staff only (the staff PIN, as on the kiosk's admin screen), with its pages and
 * files. The job leaves the list, and a screen showing it returns to the list, whoever deleted it.
 */

export interface DeleteDraft {
  jobId: number;
  /** What the dialog names: the title, else the barcode; and how many pages go with it. */
  barcode: string;
  title: string | null;
  pageCount: number;
  pin: string;
  /** The PIN typed is too short to be one: nothing was sent. */
  short: boolean;
  busy: boolean;
  error: ContractError | null;
}

export interface DeleteJobSlice {
  deleting: DeleteDraft | null;
  askDeleteJob(jobId: number): void;
  setDeletePin(pin: string): void;
  cancelDeleteJob(): void;
  confirmDeleteJob(): Promise<void>;
}

/** The job is gone (deleted here or elsewhere): off the list, and out of the screen showing it. */
export function jobDeleted(ctx: JobsContext, jobId: number): void {
  const st = ctx.get();
  ctx.set({
    jobs: st.jobs.filter((j) => j.id !== jobId),
    ...(st.deleting?.jobId === jobId ? { deleting: null } : {}),
    ...(st.recordNotice?.jobId === jobId ? { recordNotice: null } : {}),
  });
  if (st.job?.id === jobId) st.showList();
}

export function createDeleteJobSlice(ctx: JobsContext): DeleteJobSlice {
  const { api, set, get } = ctx;
  return {
    deleting: null,

    askDeleteJob(jobId) {
      const job = get().job?.id === jobId ? get().job : get().jobs.find((j) => j.id === jobId);
      if (!job) return;
      set({
        deleting: {
          jobId,
          barcode: job.itemBarcode,
          title: job.title,
          pageCount: get().job?.id === jobId ? get().pages.length : job.pageCount,
          pin: '',
          short: false,
          busy: false,
          error: null,
        },
      });
    },

    setDeletePin(pin) {
      const draft = get().deleting;
      if (draft && !draft.busy) set({ deleting: { ...draft, pin: pin.replace(/\D/g, ''), short: false } });
    },

    cancelDeleteJob() {
      if (!get().deleting?.busy) set({ deleting: null });
    },

    async confirmDeleteJob() {
      const draft = get().deleting;
      if (!draft || draft.busy) return;
      if (!isStaffPin(draft.pin)) {
        set({ deleting: { ...draft, short: true, error: null } });
        return;
      }
      set({ deleting: { ...draft, busy: true, short: false, error: null } });
      const result = await api.call('jobs.delete', { jobId: draft.jobId, staffPin: draft.pin });
      const now = get().deleting;
      if (result.ok) {
        jobDeleted(ctx, draft.jobId);
        return;
      }
      // A wrong PIN is typed again from nothing, as on the kiosk's admin screen.
      if (now?.jobId === draft.jobId)
        set({ deleting: { ...now, busy: false, pin: '', error: result.error } });
    },
  };
}

import type {
  BibRecord,
  CatalogQuery,
  ContractError,
  Events,
  JobSummary,
  LookupState,
} from '@contract/index.js';
import type { JobsContext } from './context.js';
import { applyDetail } from './pages.js';

/**
 * The open job's catalogue record: picking a candidate, saving fields edited by hand, looking it up
 * again now (with its query or a new one); and the notice that a record arrived for a job whose
 * lookup was pending, wherever the operator is in the jobs section.
 */

/** "Record found for <barcode>": a background lookup answered. */
export interface RecordNotice {
  jobId: number;
  barcode: string;
  title: string | null;
  lookup: Extract<LookupState, 'found' | 'choose'>;
}

export interface RecordSlice {
  /** What the record panel is doing (one thing at a time). */
  recordBusy: 'set' | 'lookup' | null;
  recordError: ContractError | null;
  recordNotice: RecordNotice | null;

  /** Gives the open job this record (a candidate, or fields edited by hand); true when saved. */
  setRecord(record: BibRecord | null): Promise<boolean>;
  /** Looks the open job's record up now: its pending query, or `query`. */
  lookupAgain(query?: CatalogQuery): Promise<void>;
  dismissRecordNotice(): void;
}

export function createRecordSlice(ctx: JobsContext): RecordSlice {
  const { api, set, get } = ctx;

  const act = async (
    kind: 'set' | 'lookup',
    call: (jobId: number) => ReturnType<typeof api.call<'jobs.get'>>,
  ) => {
    const job = get().job;
    if (!job || get().recordBusy !== null) return false;
    const epoch = ctx.jobEpoch;
    set({ recordBusy: kind, recordError: null });
    const result = await call(job.id);
    if (epoch !== ctx.jobEpoch) return false;
    if (!result.ok) {
      set({ recordBusy: null, recordError: result.error });
      return false;
    }
    applyDetail(ctx, result.value);
    set({ recordBusy: null });
    return true;
  };

  return {
    recordBusy: null,
    recordError: null,
    recordNotice: null,

    setRecord(record) {
      return act('set', (jobId) => api.call('jobs.setRecord', { jobId, record }));
    },

    async lookupAgain(query) {
      await act('lookup', (jobId) => api.call('jobs.lookup', { jobId, ...(query ? { query } : {}) }));
    },

    dismissRecordNotice() {
      set({ recordNotice: null });
    },
  };
}

/**
 * `job.record`: the list row and the open job follow; when a job that was waiting for its record
 * gets one (or candidates to choose from), the operator is told.
 */
export function onJobRecord(ctx: JobsContext, event: Events['job.record']): void {
  const { get, set } = ctx;
  const { jobId, lookup, title, author } = event;
  const st = get();
  const known: Pick<JobSummary, 'itemBarcode' | 'lookup'> | undefined =
    st.jobs.find((j) => j.id === jobId) ?? (st.job?.id === jobId ? st.job : undefined);
  if (st.jobs.some((j) => j.id === jobId))
    set({ jobs: st.jobs.map((j) => (j.id === jobId ? { ...j, lookup, title, author } : j)) });
  if (known?.lookup === 'pending' && (lookup === 'found' || lookup === 'choose'))
    set({ recordNotice: { jobId, barcode: known.itemBarcode, title, lookup } });
  if (st.job?.id === jobId) ctx.scheduleRefresh();
}

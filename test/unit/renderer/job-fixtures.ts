import type {
  BibRecord,
  JobDetail,
  JobLookup,
  JobSummary,
  PageInfo,
  Result,
} from '../../../electron/station/contract/index.js';

/** Pages and jobs as the station reports them, for the renderer's store tests. */

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Lets pending promises and zero-delay timers run. */
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A page with its derivatives made; `size` is the master's width × height in pixels. */
export function pageInfo(
  id: number,
  sequence: number,
  patch: Partial<PageInfo> = {},
  size: { width: number; height: number; view: [number, number]; thumb: [number, number] } = {
    width: 10,
    height: 10,
    view: [10, 10],
    thumb: [10, 10],
  },
): PageInfo {
  return {
    id,
    jobId: 1,
    sequence,
    type: 'normal',
    label: null,
    manualLabel: null,
    autoLabel: null,
    side: sequence % 2 ? 'recto' : 'verso',
    rotation: 0,
    crop: null,
    master: {
      id: id * 10,
      path: `jobs/1/master/${id}.png`,
      sha256: 'x',
      bytes: 1,
      format: 'png',
      width: size.width,
      height: size.height,
      resolution: 300,
      capturedAt: '2025-11-02T10:00:00Z',
    },
    derivatives: 'ready',
    derivativesError: null,
    view: { path: `jobs/1/view/${id}.jpg`, width: size.view[0], height: size.view[1] },
    thumb: { path: `jobs/1/thumbs/${id}.jpg`, width: size.thumb[0], height: size.thumb[1] },
    qc: { flags: [], metrics: null, at: '2025-11-02T10:00:01Z' },
    ...patch,
  };
}

/** A job being captured (or just created when it has no pages), editable. */
export function jobDetail(pages: PageInfo[], patch: Partial<JobDetail> = {}): JobDetail {
  return {
    id: 1,
    itemBarcode: '3100009',
    title: null,
    author: null,
    lookup: 'none',
    state: pages.length ? 'capturing' : 'created',
    failedFrom: null,
    pageCount: pages.length,
    qcCounts: {},
    flaggedPages: 0,
    pendingPages: 0,
    createdAt: '2025-11-02T10:00:00Z',
    updatedAt: '2025-11-02T10:00:00Z',
    numbering: null,
    pages,
    undo: null,
    profile: { source: 'adf', mode: 'gray', resolution: 300, device: 'demo:feeder' },
    catalogRecord: null,
    lookupDetail: lookupDetail(),
    ocrLanguages: [],
    events: [],
    allowedTransitions: pages.length ? ['captured', 'failed', 'rejected'] : ['capturing', 'rejected'],
    editable: true,
    ...patch,
  };
}

/** A job's lookup as the core keeps it: none wanted, unless patched. */
export function lookupDetail(patch: Partial<JobLookup> = {}): JobLookup {
  return {
    state: 'none',
    query: null,
    candidates: [],
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    ...patch,
  };
}

/** A catalogue record as a source maps it. */
export function bibRecord(title: string, patch: Partial<BibRecord> = {}): BibRecord {
  return {
    format: 'marc21',
    title,
    subtitle: null,
    responsibility: null,
    creators: [{ name: 'Qodiriy, Abdulla', role: 'aut', primary: true }],
    publication: { place: 'Toshkent', publisher: 'Sharq', date: '1994' },
    isbns: [],
    recordId: null,
    source: 'Milliy kutubxona',
    languages: ['uzb'],
    extent: null,
    subjects: [],
    edition: null,
    series: [],
    marcxml: '<record/>',
    ...patch,
  };
}

/** A job as the list shows it. */
export function jobSummary(id: number, patch: Partial<JobSummary> = {}): JobSummary {
  const {
    pages: _p,
    numbering: _n,
    undo: _u,
    profile: _pr,
    catalogRecord: _c,
    lookupDetail: _l,
    events: _e,
    allowedTransitions: _a,
    editable: _ed,
    ...summary
  } = jobDetail([]);
  return { ...summary, id, ...patch };
}

import type { Events, JobDetail, JobPages, JobSummary, PageInfo } from '@contract/index.js';
import type { ApiClient } from '../../api/index.js';
import type { JobsState } from '../jobs.js';

/**
 * What the jobs store's slices share: the types they all speak, where the jobs section is, and the
 * context each slice is made with (the api client, the store, the counters that tell a stale reply).
 */

export type JobState = JobSummary['state'];
export type PageType = PageInfo['type'];
export type PageSide = PageInfo['side'];
export type Rotation = PageInfo['rotation'];
export type OperationKind = Events['job.pages']['operation'];
export type NumberingRule = NonNullable<JobPages['numbering']>;
export type UndoInfo = NonNullable<JobPages['undo']>;
export type JobMeta = Omit<JobDetail, 'pages' | 'numbering' | 'undo'>;

/** Where the jobs section is. */
export const JobsScreen = {
  list: 'list',
  new: 'new',
  capture: 'capture',
  review: 'review',
  package: 'package',
} as const;
export type JobsScreen = (typeof JobsScreen)[keyof typeof JobsScreen];

export interface JobsContext {
  readonly api: ApiClient;
  readonly set: (partial: Partial<JobsState> | ((state: JobsState) => Partial<JobsState>)) => void;
  readonly get: () => JobsState;
  /** Events come in bursts: one refresh of the job per burst, this long after the first. */
  readonly refreshDelay: number;
  /** Opens an address in a new tab (the web host's package PDF). */
  readonly openUrl: (url: string) => void;
  /** Bumped when another job opens (or none): replies about the previous one are dropped. */
  jobEpoch: number;
  /** Bumped whenever the pages change here (an operation's reply, a captured page): older refreshes are stale. */
  pagesVersion: number;
  /** Masters this scan delivered, to count the ready ones. */
  runMasters: Set<number>;
  /** Refreshes the open job once, `delay` (the burst delay by default) from the first call. */
  scheduleRefresh(delay?: number): void;
  /** Drops a scheduled refresh and refreshes the open job now. */
  refreshNow(): void;
}

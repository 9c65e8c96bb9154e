import type { ContractError, JobSummary } from '@contract/index.js';
import { type JobState, type JobsContext, JobsScreen } from './context.js';
import { closedJob } from './pages.js';

/** The jobs list: its filters (pure), and the slice of the jobs store that loads and shows it. */

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

export interface ListSlice {
  screen: JobsScreen;
  jobs: JobSummary[];
  jobsLoaded: boolean;
  jobsLoading: boolean;
  jobsError: ContractError | null;
  filter: JobFilter;

  showList(): void;
  loadJobs(): Promise<void>;
  setFilter(filter: JobFilter): void;
}

export function createListSlice(ctx: JobsContext): ListSlice {
  const { api, set, get } = ctx;
  let listEpoch = 0;
  return {
    screen: JobsScreen.list,
    jobs: [],
    jobsLoaded: false,
    jobsLoading: false,
    jobsError: null,
    filter: JobFilter.all,

    showList() {
      ctx.jobEpoch += 1;
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
  };
}

/** While the list is shown, a burst of job events reloads it once, the burst delay after the first. */
export function createListReload(ctx: JobsContext): () => void {
  let listTimer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (ctx.get().screen !== JobsScreen.list || listTimer !== undefined) return;
    listTimer = setTimeout(() => {
      listTimer = undefined;
      if (ctx.get().screen === JobsScreen.list) void ctx.get().loadJobs();
    }, ctx.refreshDelay);
  };
}

/** Small helpers the jobs screens share: how a state is grouped for colour, when a job opens where. */
import { type JobSummary, QC_FLAGS } from '@contract/index.js';
import { JobsScreen } from '../../../stores/jobs/context.js';
import { JOB_FILTERS, type JobFilter, matchesJobFilter } from '../../../stores/jobs/list.js';

/** The list filter a state belongs to (it also picks the badge's colour). */
export function stateGroup(job: Pick<JobSummary, 'state'>): JobFilter {
  return JOB_FILTERS.find((f) => f !== 'all' && matchesJobFilter(job as JobSummary, f)) ?? 'all';
}

/**
 * A job with pages opens in review; one still waiting for pages opens in capture; one with a
 * package (made, being made, or failed in the making) opens on its package.
 */
export function openScreen(
  job: Pick<JobSummary, 'state' | 'pageCount'> & Partial<Pick<JobSummary, 'failedFrom'>>,
): 'capture' | 'review' | 'package' {
  if (job.state === 'packaging' || job.state === 'packaged') return JobsScreen.package;
  if (job.state === 'failed' && job.failedFrom === 'packaging') return JobsScreen.package;
  return job.pageCount === 0 && (job.state === 'created' || job.state === 'capturing')
    ? JobsScreen.capture
    : JobsScreen.review;
}

/** Flags with a count, in the order QC lists them. */
export function flagCounts(counts: JobSummary['qcCounts']): [(typeof QC_FLAGS)[number], number][] {
  return QC_FLAGS.filter((flag) => (counts[flag] ?? 0) > 0).map((flag) => [flag, counts[flag]!]);
}

/** Parts of an accessible name, joined as a list. */
export function joinParts(parts: readonly (string | null | false | undefined)[]): string {
  return parts.filter(Boolean).join(', ');
}

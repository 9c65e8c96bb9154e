import { JOB_STATES, type JobState } from '../../contract/digitization-types.js';

/**
 * Every move a job may make. Anything not listed is refused with InvalidTransitionError, so a
 * screen or the sync engine can never put a job into a state that skips a step.
 * `failed` is left by retrying the step that failed (see `retryTarget`) or by going back to review.
 */
export const TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  created: ['capturing', 'rejected'],
  capturing: ['captured', 'failed', 'rejected'],
  // Back to capturing: the operator scans more pages (a second feeder batch, foldouts).
  captured: ['capturing', 'reviewed', 'rejected'],
  // Back to captured: review found pages to redo.
  reviewed: ['captured', 'packaging', 'rejected'],
  // Back to reviewed: the operator stopped it; nothing half-made is kept.
  packaging: ['packaged', 'reviewed', 'failed'],
  // Back to reviewed: the package is thrown away to change pages.
  packaged: ['queued', 'reviewed', 'failed'],
  queued: ['delivering', 'failed'],
  // Back to queued: the connection dropped mid-upload and the sync engine will resume.
  delivering: ['delivered', 'queued', 'failed'],
  // The central system may refuse a package after it arrived.
  delivered: ['rejected'],
  failed: ['captured', 'reviewed', 'rejected'],
  // Reopened for corrections.
  rejected: ['captured'],
};

/** Where retrying a failed step goes: the step itself, or for an upload, back to the queue. */
const RETRY_TARGET: Partial<Record<JobState, JobState>> = {
  capturing: 'capturing',
  packaging: 'packaging',
  packaged: 'packaging',
  queued: 'queued',
  delivering: 'queued',
};

export function retryTarget(failedFrom: JobState | null): JobState | null {
  return failedFrom ? (RETRY_TARGET[failedFrom] ?? null) : null;
}

/** The states a job may move to now; for a failed job this includes the retry of what failed. */
export function allowedTransitions(state: JobState, failedFrom: JobState | null): JobState[] {
  const allowed = [...TRANSITIONS[state]];
  if (state === 'failed') {
    const retry = retryTarget(failedFrom);
    if (retry && !allowed.includes(retry)) allowed.unshift(retry);
  }
  return allowed;
}

/** Pages may be captured, reordered, relabelled… only before packaging starts. */
export const EDITABLE_STATES: readonly JobState[] = ['created', 'capturing', 'captured', 'reviewed'];

export function isEditable(state: JobState): boolean {
  return EDITABLE_STATES.includes(state);
}

/** States that claim the job has pages; a job without any may not enter them. */
export const NEEDS_PAGES: readonly JobState[] = ['captured', 'reviewed', 'packaging'];

export function isJobState(value: unknown): value is JobState {
  return typeof value === 'string' && (JOB_STATES as readonly string[]).includes(value);
}

import { JobsSection } from './jobs/JobsSection.js';

/** Digitization jobs: the list, a new job, capture and review (see jobs/). */
export function JobsView() {
  return <JobsSection />;
}

import type { JobSummary } from '@contract/index.js';
import { TID } from '../../../testids.js';
import s from './Jobs.module.css';
import { LookupBadge } from './LookupBadge.js';

/**
 * The book a job is for: its title and author from the record, or its barcode until it has one;
 * the lookup badge beside it. The list's rows and every job screen's header show it.
 */
export function JobName({ job }: { job: Pick<JobSummary, 'itemBarcode' | 'title' | 'author' | 'lookup'> }) {
  return (
    <span className={s.jobName}>
      <span className={s.bookTitle} data-testid={TID.jobTitle}>
        {job.title ?? job.itemBarcode}
      </span>
      {job.author && (
        <span className={s.muted} data-testid={TID.jobAuthor}>
          {job.author}
        </span>
      )}
      <LookupBadge lookup={job.lookup} />
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { JobsScreen } from '../../../stores/jobs/context.js';
import { TID } from '../../../testids.js';
import { BUTTON } from '../../../ui/html.js';
import { BackToJobs } from './BackToJobs.js';
import { JobName } from './JobName.js';
import s from './Jobs.module.css';
import { stateGroup } from './job-format.js';
import { LookupBadge } from './LookupBadge.js';
import { canOpenPackage } from './package-view.js';

/**
 * A job's heading on capture and review: the book (title and author once it has a record, else the
 * barcode) with its lookup badge, its state and pages, the way between capture, review and the
 * package, and deleting it.
 */
export function JobHeader({ titleId }: { titleId: string }) {
  const { t } = useTranslation();
  const job = useJobs((st) => st.job);
  const screen = useJobs((st) => st.screen);
  const pageCount = useJobs((st) => st.pages.length);
  const running = useJobs((st) => st.capture.running);
  if (!job) return null;
  return (
    <header className={s.jobHeader} data-testid={TID.jobHeader}>
      <BackToJobs disabled={running} />
      <h1 className={s.jobTitle} id={titleId}>
        {job.title ? <JobName job={job} /> : t(($) => $.operator.jobs.item, { barcode: job.itemBarcode })}
      </h1>
      {job.title ? <span className={s.muted}>{job.itemBarcode}</span> : <LookupBadge lookup={job.lookup} />}
      <span
        className={s.state}
        data-group={stateGroup(job)}
        data-testid={TID.jobState}
        data-state={job.state}
      >
        {t(($) => $.operator.jobs.state[job.state])}
      </span>
      <span className={s.muted}>{t(($) => $.operator.jobs.pageCount, { count: pageCount })}</span>
      <span className={s.spacer} />
      <nav className={s.tabs} aria-label={t(($) => $.operator.jobs.tabs.label)}>
        <button
          type={BUTTON}
          className={s.tool}
          aria-pressed={screen === JobsScreen.capture}
          disabled={!job.editable && screen !== JobsScreen.capture}
          onClick={() => jobsStore.getState().showCapture()}
        >
          {t(($) => $.operator.jobs.tabs.capture)}
        </button>
        <button
          type={BUTTON}
          className={s.tool}
          aria-pressed={screen === JobsScreen.review}
          disabled={running}
          onClick={() => void jobsStore.getState().showReview()}
        >
          {t(($) => $.operator.jobs.tabs.review)}
        </button>
        <button
          type={BUTTON}
          className={s.tool}
          aria-pressed={screen === JobsScreen.package}
          disabled={running || (!canOpenPackage(job) && screen !== JobsScreen.package)}
          data-testid={TID.jobTabPackage}
          onClick={() => void jobsStore.getState().showPackage()}
        >
          {t(($) => $.operator.jobs.tabs.package)}
        </button>
      </nav>
      <button
        type={BUTTON}
        className={s.tool}
        disabled={running}
        data-testid={TID.jobDelete}
        onClick={() => jobsStore.getState().askDeleteJob(job.id)}
      >
        {t(($) => $.operator.catalog.delete.button)}
      </button>
    </header>
  );
}

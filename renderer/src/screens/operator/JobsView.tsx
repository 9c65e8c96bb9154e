import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TID } from '../../testids.js';
import s from './JobsView.module.css';

/** Digitization jobs. Empty until the new-job flow (scan barcode → catalog lookup) lands. */
export function JobsView() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className={s.section} aria-labelledby={`${id}-title`} data-testid={TID.jobsView}>
      <header className={s.header}>
        <h1 className={s.title} id={`${id}-title`}>
          {t(($) => $.operator.jobs.title)}
        </h1>
        {/* Later: the "New job" button goes here. */}
      </header>
      <div className={s.empty} data-testid={TID.jobsEmpty}>
        <p className={s.emptyTitle}>{t(($) => $.operator.jobs.empty.title)}</p>
        <p className={s.emptyHint}>{t(($) => $.operator.jobs.empty.hint)}</p>
      </div>
    </section>
  );
}

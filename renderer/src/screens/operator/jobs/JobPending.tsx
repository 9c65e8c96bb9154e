import { useTranslation } from 'react-i18next';
import { useJobs } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { POLITE } from '../../../ui/html.js';
import { BackToJobs } from './BackToJobs.js';
import s from './Jobs.module.css';

/** While a job opens, or when it could not be opened: say so, and offer the way back. */
export function JobPending() {
  const { t } = useTranslation();
  const error = useJobs((st) => st.jobError);
  return (
    <section className={s.section}>
      <header className={s.jobHeader}>
        <BackToJobs />
      </header>
      {error ? (
        <ErrorMessage error={error} testId={TID.jobError} />
      ) : (
        <output className={s.muted} aria-live={POLITE}>
          {t(($) => $.operator.jobs.opening)}
        </output>
      )}
    </section>
  );
}

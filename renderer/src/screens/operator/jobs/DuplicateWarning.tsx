import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { JobsScreen } from '../../../stores/jobs/context.js';
import { TID } from '../../../testids.js';
import { CheckField } from '../../../ui/FormFields.js';
import { BUTTON } from '../../../ui/html.js';
import { NOTICE_WARNING } from './attrs.js';
import s from './Jobs.module.css';

/**
 * The jobs that already have this barcode or ISBN, each with a way to open it; creating another
 * needs the operator's explicit "create another job anyway".
 */
export function DuplicateWarning() {
  const { t } = useTranslation();
  const duplicates = useJobs((st) => st.duplicates);
  const allow = useJobs((st) => st.allowDuplicate);
  const creating = useJobs((st) => st.creating);
  if (duplicates.length === 0) return null;
  return (
    <div className={s.notice} data-kind={NOTICE_WARNING} data-testid={TID.newJobDuplicates}>
      <p>{t(($) => $.operator.catalog.duplicate.warning, { count: duplicates.length })}</p>
      <ul className={s.plainList}>
        {duplicates.map((job) => (
          <li key={job.id} className={s.inline} data-job-id={job.id}>
            <span className={s.bookTitle}>{job.title ?? job.itemBarcode}</span>
            <span className={s.muted}>{job.itemBarcode}</span>
            <button
              type={BUTTON}
              className={s.linkButton}
              data-testid={TID.newJobDuplicateOpen}
              onClick={() => void jobsStore.getState().openJob(job.id, JobsScreen.capture)}
            >
              {t(($) => $.operator.catalog.duplicate.open)}
            </button>
          </li>
        ))}
      </ul>
      <CheckField
        testId={TID.newJobCreateAnyway}
        label={t(($) => $.operator.catalog.duplicate.anyway)}
        checked={allow}
        disabled={creating}
        onChange={(checked) => jobsStore.getState().setAllowDuplicate(checked)}
      />
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { JobsScreen } from '../../../stores/jobs/context.js';
import { TID } from '../../../testids.js';
import { BUTTON, POLITE } from '../../../ui/html.js';
import { FOUND } from './attrs.js';
import s from './Jobs.module.css';

/**
 * "Record found for <barcode>": a job that was waiting for its record got one (or records to
 * choose from) in the background. Polite, so it never interrupts; it stays until dismissed.
 */
export function RecordNoticeBar() {
  const { t } = useTranslation();
  const notice = useJobs((st) => st.recordNotice);
  return (
    <output className={s.liveRegion} aria-live={POLITE}>
      {notice && (
        <span className={s.notice} data-testid={TID.recordNotice} data-job-id={notice.jobId}>
          <span className={s.inline}>
            <span>
              {notice.lookup === FOUND
                ? t(($) => $.operator.catalog.notice.found, {
                    barcode: notice.barcode,
                    title: notice.title ?? notice.barcode,
                  })
                : t(($) => $.operator.catalog.notice.choose, { barcode: notice.barcode })}
            </span>
            <button
              type={BUTTON}
              className={s.tool}
              data-testid={TID.recordNoticeOpen}
              onClick={() => {
                const st = jobsStore.getState();
                st.dismissRecordNotice();
                void st.openJob(notice.jobId, JobsScreen.capture);
              }}
            >
              {t(($) => $.operator.catalog.notice.open)}
            </button>
            <button
              type={BUTTON}
              className={s.tool}
              data-testid={TID.recordNoticeDismiss}
              onClick={() => jobsStore.getState().dismissRecordNotice()}
            >
              {t(($) => $.operator.catalog.notice.dismiss)}
            </button>
          </span>
        </span>
      )}
    </output>
  );
}

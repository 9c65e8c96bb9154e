import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { QC_FILTERS, type QcFilter, qcCounts } from '../../../stores/jobs/grid-pages.js';
import { qcFilterTestId, TID } from '../../../testids.js';
import { BUTTON } from '../../../ui/html.js';
import { ALL, FLAGGED } from './attrs.js';
import s from './Jobs.module.css';

/**
 * The QC filter, which is also the list of what quality control found: every flag with the number
 * of pages that carry it (flags no page has are left out), and the pages not checked yet.
 */
export function QcFilterBar() {
  const { t } = useTranslation();
  const pages = useJobs((st) => st.pages);
  const filter = useJobs((st) => st.qcFilter);
  const counts = qcCounts(pages);
  const unchecked = pages.filter((p) => p.qc === null).length;
  const name = (f: QcFilter) =>
    f === ALL
      ? t(($) => $.operator.jobs.review.qc.all)
      : f === FLAGGED
        ? t(($) => $.operator.jobs.review.qc.flagged)
        : t(($) => $.operator.jobs.qc[f]);
  const shown = QC_FILTERS.filter((f) => f === ALL || f === FLAGGED || counts[f] > 0 || f === filter);

  return (
    <fieldset className={s.filters} data-testid={TID.qcSummary}>
      <legend className={s.legend}>{t(($) => $.operator.jobs.review.qc.label)}</legend>
      {shown.map((f) => (
        <button
          key={f}
          type={BUTTON}
          className={s.tool}
          aria-pressed={filter === f}
          data-testid={qcFilterTestId(f)}
          data-count={counts[f]}
          onClick={() => jobsStore.getState().setQcFilter(f)}
        >
          {t(($) => $.operator.jobs.review.qc.filter, { name: name(f), count: counts[f] })}
        </button>
      ))}
      {unchecked === 0 && counts.flagged === 0 && pages.length > 0 && (
        <span className={s.muted}>{t(($) => $.operator.jobs.review.qc.clean)}</span>
      )}
      {unchecked > 0 && (
        <span className={s.muted}>{t(($) => $.operator.jobs.review.qc.pending, { count: unchecked })}</span>
      )}
    </fieldset>
  );
}

import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { packageFailure } from '../../../stores/jobs/package.js';
import { TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { POLITE } from '../../../ui/html.js';
import s from './Jobs.module.css';
import x from './Package.module.css';
import {
  MODE,
  type PackageMode,
  PDF_IN_TAB,
  PDF_ON_DESKTOP,
  PDF_OPENING,
  TECH_NAMES,
} from './package-view.js';

/** How the last packaging ended: packaged (and where), failed (why, in words), or stopped. */
export function PackageResult({ mode }: { mode: PackageMode }) {
  const { t } = useTranslation();
  const progress = useJobs((st) => st.packageProgress);
  const pdf = useJobs((st) => st.packagePdf);
  if (mode === MODE.done) {
    return (
      <section className={s.panel} data-testid={TID.packageResult} data-phase={progress?.phase}>
        <h2 className={s.panelTitle}>{t(($) => $.operator.jobs.package.phase.done)}</h2>
        {progress?.path && (
          <p className={x.path} data-testid={TID.packagePath} data-path={progress.path}>
            {t(($) => $.operator.jobs.package.donePath, { path: progress.path })}
          </p>
        )}
        {progress?.pdf && (
          <div>
            <Button
              disabled={pdf === PDF_OPENING}
              testId={TID.packageOpenPdf}
              onClick={() => void jobsStore.getState().openPackagePdf()}
            >
              {pdf === PDF_OPENING
                ? t(($) => $.operator.jobs.package.openingPdf)
                : t(($) => $.operator.jobs.package.openPdf, { pdf: TECH_NAMES.pdf })}
            </Button>
            <p className={s.muted} aria-live={POLITE} data-testid={TID.packagePdfOpened}>
              {pdf === PDF_ON_DESKTOP &&
                t(($) => $.operator.jobs.package.pdfOpenedDesktop, { pdf: TECH_NAMES.pdf })}
              {pdf === PDF_IN_TAB && t(($) => $.operator.jobs.package.pdfOpenedTab, { pdf: TECH_NAMES.pdf })}
            </p>
          </div>
        )}
      </section>
    );
  }
  if (mode === MODE.cancelled) {
    return (
      <p className={s.note} data-testid={TID.packageResult} data-phase={progress?.phase}>
        {t(($) => $.operator.jobs.package.cancelled)}
      </p>
    );
  }
  const failure = packageFailure(progress);
  return (
    <section className={s.panel} data-testid={TID.packageResult} data-phase={progress?.phase}>
      <h2 className={s.panelTitle}>{t(($) => $.operator.jobs.package.phase.failed)}</h2>
      {failure && <ErrorMessage error={failure} testId={TID.packageError} />}
    </section>
  );
}

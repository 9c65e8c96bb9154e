import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useJobs } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { JobHeader } from './JobHeader.js';
import { JobPending } from './JobPending.js';
import s from './Jobs.module.css';
import { PackageOptions } from './PackageOptions.js';
import { PackageProgressView } from './PackageProgressView.js';
import { PackageResult } from './PackageResult.js';
import { MODE, packageMode } from './package-view.js';
import { TocPreview } from './TocPreview.js';

/**
 * A reviewed job's package: what goes in it and Package; while the core packages, its progress and
 * Stop; then where the package is, or why it failed and Try again. Beside it, the table of contents
 * the METS will carry.
 */
export function PackageScreen() {
  const { t } = useTranslation();
  const id = useId();
  const job = useJobs((st) => st.job);
  const progress = useJobs((st) => st.packageProgress);
  const error = useJobs((st) => st.packageError);
  if (!job) return <JobPending />;
  const mode = packageMode(job, progress);
  const choosing = mode === MODE.ready || mode === MODE.failed || mode === MODE.cancelled;

  return (
    <section
      className={s.section}
      aria-labelledby={`${id}-title`}
      data-testid={TID.packageScreen}
      data-mode={mode}
    >
      <JobHeader titleId={`${id}-title`} />
      <div className={s.reviewLayout}>
        <div className={s.reviewMain}>
          <p className={s.muted}>{t(($) => $.operator.jobs.package.intro)}</p>
          {mode === MODE.notReady && (
            <p className={s.note} data-testid={TID.packageNotReady}>
              {t(($) => $.operator.jobs.package.notReady)}
            </p>
          )}
          {mode === MODE.running && <PackageProgressView />}
          {(mode === MODE.done || mode === MODE.failed || mode === MODE.cancelled) && (
            <PackageResult mode={mode} />
          )}
          {error && <ErrorMessage error={error} testId={TID.packageError} />}
          {choosing && <PackageOptions retry={mode === MODE.failed} />}
        </div>
        <aside className={s.side}>
          <TocPreview />
        </aside>
      </div>
    </section>
  );
}

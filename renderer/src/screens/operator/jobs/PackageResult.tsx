import { useTranslation } from 'react-i18next';
import { useJobs } from '../../../stores/index.js';
import { packageFailure } from '../../../stores/jobs/package.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import s from './Jobs.module.css';
import x from './Package.module.css';
import { MODE, type PackageMode } from './package-view.js';

/** How the last packaging ended: packaged (and where), failed (why, in words), or stopped. */
export function PackageResult({ mode }: { mode: PackageMode }) {
  const { t } = useTranslation();
  const progress = useJobs((st) => st.packageProgress);
  if (mode === MODE.done) {
    return (
      <section className={s.panel} data-testid={TID.packageResult} data-phase={progress?.phase}>
        <h2 className={s.panelTitle}>{t(($) => $.operator.jobs.package.phase.done)}</h2>
        {progress?.path && (
          <p className={x.path} data-testid={TID.packagePath} data-path={progress.path}>
            {t(($) => $.operator.jobs.package.donePath, { path: progress.path })}
          </p>
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

import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { packageSteps } from '../../../stores/jobs/package.js';
import { packageStepTestId, TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { POLITE } from '../../../ui/html.js';
import s from './Jobs.module.css';
import x from './Package.module.css';
import { QUEUED, STOPPING, showsPages, stepValue, TECH_NAMES } from './package-view.js';

/**
 * Packaging under way: the phase in words (announced as it changes), each working phase with its
 * bar (the current one counts its pages), and Stop.
 */
export function PackageProgressView() {
  const { t } = useTranslation();
  const progress = useJobs((st) => st.packageProgress);
  const busy = useJobs((st) => st.packageBusy);
  const phaseName = (phase: NonNullable<typeof progress>['phase']) =>
    t(($) => $.operator.jobs.package.phase[phase], { pdf: TECH_NAMES.pdf });
  return (
    <section className={s.panel} data-testid={TID.packageProgress}>
      <output
        className={s.panelTitle}
        aria-live={POLITE}
        data-testid={TID.packagePhase}
        data-phase={progress?.phase}
      >
        {phaseName(progress?.phase ?? QUEUED)}
      </output>
      {progress && (
        <ol className={x.steps} aria-label={t(($) => $.operator.jobs.package.steps)}>
          {packageSteps(progress).map((step) => (
            <li key={step.phase} className={x.step} data-state={step.state}>
              <span>{phaseName(step.phase)}</span>
              <progress
                className={x.bar}
                max={Math.max(step.total, 1)}
                value={stepValue(step)}
                aria-label={phaseName(step.phase)}
                data-testid={packageStepTestId(step.phase)}
              />
              <span className={s.muted}>
                {showsPages(step)
                  ? t(($) => $.operator.jobs.package.pages, { done: step.done, total: step.total })
                  : null}
              </span>
            </li>
          ))}
        </ol>
      )}
      <div>
        <Button
          disabled={busy !== null}
          testId={TID.packageStop}
          onClick={() => void jobsStore.getState().cancelPackage()}
        >
          {busy === STOPPING
            ? t(($) => $.operator.jobs.package.stopping)
            : t(($) => $.operator.jobs.package.stop)}
        </Button>
      </div>
    </section>
  );
}

import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { BUTTON, cx } from '../../../ui/html.js';
import { APPEND, KEYCAP, KEYDOWN } from './attrs.js';
import { CaptureStatus } from './CaptureStatus.js';
import { JobHeader } from './JobHeader.js';
import { JobPending } from './JobPending.js';
import s from './Jobs.module.css';
import { CAPTURE_SCAN, captureKey, isTypingTarget } from './keys.js';
import { Shortcuts } from './Shortcuts.js';
import { ThumbGrid } from './ThumbGrid.js';

/**
 * Capture: Scan starts the scanner (a feeder runs until it is empty), pages appear one by one as
 * they are recorded, thumbnails fill in as they are made. Space or PageDown (a foot pedal) scans,
 * Escape stops.
 */
export function CaptureScreen() {
  const { t } = useTranslation();
  const id = useId();
  const job = useJobs((st) => st.job);
  const pages = useJobs((st) => st.pages);
  const capture = useJobs((st) => st.capture);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      const action = captureKey(e);
      if (!action) return;
      e.preventDefault();
      const st = jobsStore.getState();
      if (action === CAPTURE_SCAN) {
        if (!st.capture.running && st.job?.editable) void st.startCapture(APPEND);
      } else {
        void st.stopCapture();
      }
    };
    window.addEventListener(KEYDOWN, onKey);
    return () => window.removeEventListener(KEYDOWN, onKey);
  }, []);

  if (!job) return <JobPending />;
  const running = capture.running;

  return (
    <section className={s.section} aria-labelledby={`${id}-title`} data-testid={TID.captureScreen}>
      <JobHeader titleId={`${id}-title`} />
      <div className={s.captureLayout}>
        <div className={s.reviewMain}>
          <div className={s.captureBar}>
            <button
              type={BUTTON}
              className={cx(s.tool, s.toolPrimary, s.bigButton)}
              disabled={running || !job.editable}
              data-testid={TID.captureScan}
              onClick={() => void jobsStore.getState().startCapture(APPEND)}
            >
              {running ? t(($) => $.operator.jobs.capture.scanning) : t(($) => $.operator.jobs.capture.scan)}
            </button>
            <button
              type={BUTTON}
              className={cx(s.tool, s.bigButton)}
              disabled={!running || capture.stopping}
              data-testid={TID.captureStop}
              onClick={() => void jobsStore.getState().stopCapture()}
            >
              {capture.stopping
                ? t(($) => $.operator.jobs.capture.stopping)
                : t(($) => $.operator.jobs.capture.stop)}
            </button>
            <span className={s.bigCount} data-testid={TID.captureCount} data-count={pages.length}>
              {t(($) => $.operator.jobs.capture.total, { count: pages.length })}
            </span>
            <span className={s.spacer} />
            <button
              type={BUTTON}
              className={s.tool}
              disabled={running || pages.length === 0}
              data-testid={TID.captureReview}
              onClick={() => void jobsStore.getState().showReview()}
            >
              {t(($) => $.operator.jobs.capture.review)}
            </button>
          </div>
          {!running && !capture.result && pages.length === 0 && (
            <p className={s.notice}>{t(($) => $.operator.jobs.capture.idle)}</p>
          )}
          <CaptureStatus />
          <ThumbGrid
            pages={pages}
            selection={null}
            follow={running}
            label={t(($) => $.operator.jobs.capture.pages)}
          />
        </div>
        <Shortcuts
          title={t(($) => $.operator.jobs.shortcuts.title)}
          items={[
            {
              keys: [[t(($) => $.operator.jobs.shortcuts.space)], [KEYCAP.pageDown]],
              does: t(($) => $.operator.jobs.shortcuts.scan),
            },
            { keys: [[KEYCAP.escape]], does: t(($) => $.operator.jobs.shortcuts.stop) },
          ]}
        />
      </div>
    </section>
  );
}

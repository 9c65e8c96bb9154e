import { useTranslation } from 'react-i18next';
import { useJobs } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { ALERT, POLITE } from '../../../ui/html.js';
import { CANCELLED, INSERT, RESCAN } from './attrs.js';
import { isDiskStop, noticeKind, stopReason } from './capture-text.js';
import s from './Jobs.module.css';

/**
 * The scan's progress while it runs (a running count, thumbnails ready) and its outcome after:
 * pages captured, and why it stopped early, in the operator's language; the pages before a jam are kept.
 */
export function CaptureStatus({ problemsOnly = false }: { problemsOnly?: boolean }) {
  const { t } = useTranslation();
  const capture = useJobs((st) => st.capture);
  const pages = useJobs((st) => st.pages);
  const failures = useJobs((st) => st.failures);
  const result = capture.result;
  const reason = result ? stopReason(result) : null;
  const sequenceOf = (pageId: number) => pages.find((p) => p.id === pageId)?.sequence ?? 0;

  return (
    <>
      {capture.running && (
        <div className={s.progress}>
          <output aria-live={POLITE} data-testid={TID.captureProgress}>
            {capture.place.kind === RESCAN
              ? t(($) => $.operator.jobs.capture.rescanning, { sequence: sequenceOf(capture.place.pageId) })
              : capture.place.kind === INSERT
                ? t(($) => $.operator.jobs.capture.inserting, { sequence: sequenceOf(capture.place.pageId) })
                : t(($) => $.operator.jobs.capture.progress, {
                    count: capture.captured,
                    ready: capture.ready,
                  })}
          </output>
          <span className={s.progressLine}>
            <span className={s.progressRunning} />
          </span>
        </div>
      )}
      {result && (!problemsOnly || reason !== null) && (
        <div className={s.notice} data-kind={noticeKind(reason)} data-testid={TID.captureResult} role={ALERT}>
          {/* A disk that stopped the batch before its first sheet: no scan to speak of, only the disk. */}
          {!(isDiskStop(reason) && result.pages === 0) && (
            <p>{t(($) => $.operator.jobs.capture.done, { count: result.pages })}</p>
          )}
          {reason && (
            <p data-testid={TID.captureStopped} data-reason={reason}>
              <span>
                {isDiskStop(reason)
                  ? t(($) => $.storage[reason], { path: result.path ?? '' })
                  : t(($) => $.operator.jobs.capture.stoppedBy[reason])}
              </span>
              {reason !== CANCELLED && result.pages > 0 && (
                <span className={s.sentence}>
                  {t(($) => $.operator.jobs.capture.kept, { count: result.pages })}
                </span>
              )}
            </p>
          )}
        </div>
      )}
      {capture.error && <ErrorMessage error={capture.error} />}
      {failures.length > 0 && (
        <div data-testid={TID.captureFailures}>
          <p>{t(($) => $.operator.jobs.capture.failed, { count: failures.length })}</p>
          <ul className={s.failures}>
            {failures.map((f) => (
              <li key={f.masterId}>
                {t(($) => $.operator.jobs.capture.failedPage, { sequence: sequenceOf(f.pageId) })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

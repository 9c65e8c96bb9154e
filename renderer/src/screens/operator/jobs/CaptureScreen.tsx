import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { ALERT, BUTTON, cx, POLITE } from '../../../ui/html.js';
import { isTypingTarget } from '../../../ui/typing.js';
import { APPEND, KEYCAP, KEYDOWN, NOTICE_WARNING } from './attrs.js';
import { CaptureStatus } from './CaptureStatus.js';
import { CAMERA_LIVE, CAMERA_STARTING, CameraSource, hasCameraApi, useCamera } from './camera.js';
import { JobHeader } from './JobHeader.js';
import { JobPending } from './JobPending.js';
import s from './Jobs.module.css';
import { CAPTURE_SCAN, captureKey } from './keys.js';
import { RecordPanel } from './RecordPanel.js';
import { Shortcuts } from './Shortcuts.js';
import { ThumbGrid } from './ThumbGrid.js';

/**
 * Capture: Scan starts the scanner (a feeder runs until it is empty), pages appear one by one as
 * they are recorded, thumbnails fill in as they are made. Space or PageDown (a foot pedal) scans,
 * Escape stops. Where the screen can reach cameras, Camera shows a document camera's live picture
 * instead and Take photo (or the same keys) adds a page; the camera stops when the screen goes.
 */
export function CaptureScreen() {
  const { t } = useTranslation();
  const id = useId();
  const job = useJobs((st) => st.job);
  const pages = useJobs((st) => st.pages);
  const capture = useJobs((st) => st.capture);
  const photo = useJobs((st) => st.photo);
  const [source, setSource] = useState<CameraSource>(CameraSource.scanner);
  const [attempt, setAttempt] = useState(0);
  const [shooting, setShooting] = useState(false);
  const usingCamera = source === CameraSource.camera;
  const camera = useCamera(usingCamera, attempt);
  const canShoot = usingCamera && camera.status === CAMERA_LIVE && !shooting && !!job?.editable;

  const shoot = async () => {
    if (!canShoot) return;
    setShooting(true);
    try {
      const shot = await camera.take();
      if (shot) await jobsStore.getState().addFrame(shot.image, shot.mimeType);
    } finally {
      setShooting(false);
    }
  };
  // The pedal's key handler is installed once; it reaches the current camera through this.
  const pedal = useRef({ usingCamera, shoot });
  pedal.current = { usingCamera, shoot };

  const chooseCamera = () => {
    if (usingCamera) setAttempt((n) => n + 1);
    else setSource(CameraSource.camera);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      const action = captureKey(e);
      if (!action) return;
      e.preventDefault();
      const st = jobsStore.getState();
      if (pedal.current.usingCamera) {
        if (action === CAPTURE_SCAN) void pedal.current.shoot();
        return;
      }
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
            {hasCameraApi() && (
              <fieldset className={s.sources}>
                <legend className={s.legend}>{t(($) => $.operator.jobs.capture.camera.sources)}</legend>
                <button
                  type={BUTTON}
                  className={s.tool}
                  aria-pressed={!usingCamera}
                  disabled={running}
                  data-testid={TID.captureSourceScanner}
                  onClick={() => setSource(CameraSource.scanner)}
                >
                  {t(($) => $.operator.jobs.capture.camera.scanner)}
                </button>
                <button
                  type={BUTTON}
                  className={s.tool}
                  aria-pressed={usingCamera}
                  disabled={running}
                  data-testid={TID.captureSourceCamera}
                  onClick={chooseCamera}
                >
                  {t(($) => $.operator.jobs.capture.camera.camera)}
                </button>
              </fieldset>
            )}
            {usingCamera ? (
              <button
                type={BUTTON}
                className={cx(s.tool, s.toolPrimary, s.bigButton)}
                disabled={!canShoot}
                data-testid={TID.cameraTake}
                onClick={() => void shoot()}
              >
                {shooting
                  ? t(($) => $.operator.jobs.capture.camera.taking)
                  : t(($) => $.operator.jobs.capture.camera.take)}
              </button>
            ) : (
              <>
                <button
                  type={BUTTON}
                  className={cx(s.tool, s.toolPrimary, s.bigButton)}
                  disabled={running || !job.editable}
                  data-testid={TID.captureScan}
                  onClick={() => void jobsStore.getState().startCapture(APPEND)}
                >
                  {running
                    ? t(($) => $.operator.jobs.capture.scanning)
                    : t(($) => $.operator.jobs.capture.scan)}
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
              </>
            )}
            <span className={s.bigCount} data-testid={TID.captureCount} data-count={pages.length}>
              {t(($) => $.operator.jobs.capture.total, { count: pages.length })}
            </span>
            <span className={s.spacer} />
            <button
              type={BUTTON}
              className={s.tool}
              disabled={running || shooting || photo.sending > 0 || pages.length === 0}
              data-testid={TID.captureReview}
              onClick={() => void jobsStore.getState().showReview()}
            >
              {t(($) => $.operator.jobs.capture.review)}
            </button>
          </div>
          {!running && !capture.result && pages.length === 0 && (
            <p className={s.notice}>
              {usingCamera
                ? t(($) => $.operator.jobs.capture.camera.idle)
                : t(($) => $.operator.jobs.capture.idle)}
            </p>
          )}
          {usingCamera && (
            <>
              <video
                ref={camera.videoRef}
                className={s.cameraPreview}
                data-testid={TID.cameraPreview}
                data-status={camera.status}
                aria-label={t(($) => $.operator.jobs.capture.camera.preview)}
                autoPlay
                muted
                playsInline
              />
              {camera.status === CAMERA_STARTING && (
                <output aria-live={POLITE}>{t(($) => $.operator.jobs.capture.camera.starting)}</output>
              )}
              {camera.problem && (
                <p
                  className={s.notice}
                  data-kind={NOTICE_WARNING}
                  role={ALERT}
                  data-testid={TID.cameraError}
                  data-problem={camera.problem}
                >
                  {t(($) => $.operator.jobs.capture.camera.errors[camera.problem!])}
                </p>
              )}
              {photo.error && <ErrorMessage error={photo.error} testId={TID.cameraPhotoError} />}
            </>
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
              does: usingCamera
                ? t(($) => $.operator.jobs.capture.camera.take)
                : t(($) => $.operator.jobs.shortcuts.scan),
            },
            ...(usingCamera
              ? []
              : [{ keys: [[KEYCAP.escape]], does: t(($) => $.operator.jobs.shortcuts.stop) }]),
          ]}
        />
        <RecordPanel />
      </div>
    </section>
  );
}

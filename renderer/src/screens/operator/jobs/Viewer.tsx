import type { CropBox } from '@contract/index.js';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { BUTTON, cx, POLITE } from '../../../ui/html.js';
import { EMPTY, KEYCAP, PENDING, WHEEL } from './attrs.js';
import { CropLayer } from './CropLayer.js';
import { KEYBOARD_START, nudge } from './crop-drag.js';
import { fractionToMaster, type Rect } from './crop-geometry.js';
import { minFraction, NUDGE_STEP } from './crop-view.js';
import s from './Jobs.module.css';
import { CROP, cropKey, isButtonTarget, VIEWER, viewerKey } from './keys.js';
import { Shortcuts } from './Shortcuts.js';
import { viewerBox, zoomPercent } from './viewer-fit.js';

const ROTATION_CLASS: Record<number, string | undefined> = { 90: s.rot90, 180: s.rot180, 270: s.rot270 };

/**
 * A page at full size: its viewing copy fitted to the window, zoomed with the buttons, the wheel or
 * + and − (0 fits again); arrows turn pages, Escape closes and returns to the grid.
 *
 * Crop mode: the operator draws the part of the page to keep (CropLayer), then applies it (Enter),
 * clears the page's crop, or cancels (Escape). The box is drawn on the image as shown — zoomed,
 * turned, and already cut by an earlier crop — and sent to the core in master pixels.
 */
export function Viewer() {
  const { t } = useTranslation();
  const id = useId();
  const viewer = useJobs((st) => st.viewer);
  const page = useJobs((st) => st.pages.find((p) => p.id === st.viewer?.pageId) ?? null);
  const editable = useJobs((st) => (st.job?.editable ?? false) && !st.capture.running);
  const busy = useJobs((st) => st.busy !== null);
  const opError = useJobs((st) => st.opError);
  const dialog = useRef<HTMLDialogElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const layer = useRef<HTMLDivElement>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  /** Crop mode: for one page (turning to another leaves it), the box drawn so far, a refusal. */
  const [draft, setDraft] = useState<{ pageId: number; rect: Rect | null; failed: boolean } | null>(null);
  const cropping = draft !== null && draft.pageId === viewer?.pageId;
  const rect = cropping ? draft.rect : null;

  // A modal <dialog>: the page behind is inert and Tab stays inside; closing returns the focus.
  useEffect(() => {
    const el = dialog.current;
    const before = document.activeElement as HTMLElement | null;
    if (el && !el.open) el.showModal();
    el?.focus();
    return () => {
      if (el?.open) el.close();
      before?.focus?.({ preventScroll: true });
    };
  }, []);

  useLayoutEffect(() => {
    const el = stage.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    // Not passive: the wheel zooms here instead of scrolling the page behind.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      jobsStore.getState().zoom(e.deltaY < 0 ? 1 : -1);
    };
    el.addEventListener(WHEEL, onWheel, { passive: false });
    return () => {
      observer.disconnect();
      el.removeEventListener(WHEEL, onWheel);
    };
  }, []);

  // Keys go to the layer while cropping (the Crop button that had the focus is gone).
  useEffect(() => {
    if (cropping) layer.current?.focus({ preventScroll: true });
  }, [cropping]);

  const url = viewer?.url ?? null;

  if (!viewer) return null;
  const st = () => jobsStore.getState();
  const rotation = page?.rotation ?? 0;
  const box = natural ? viewerBox(natural, size, rotation, viewer.zoom) : null;
  const sequence = page?.sequence ?? 0;
  const canCrop =
    editable && !busy && url !== null && viewer.cropKnown && page !== null && page.size !== null;
  const updating = page?.derivatives === PENDING && url !== null;

  const setRect = (next: Rect | null) => setDraft((d) => d && { ...d, rect: next });
  const stopCropping = () => {
    setDraft(null);
    dialog.current?.focus();
  };
  /** Sends a crop box (or null: no crop); crop mode ends when the core took it. */
  const sendCrop = async (crop: CropBox | null) => {
    if (!page) return;
    setDraft((d) => d && { ...d, failed: false });
    if (await st().cropPage(page.id, crop)) stopCropping();
    else setDraft((d) => d && { ...d, failed: true });
  };
  const apply = () => {
    if (!rect || !canCrop || !page?.size) return;
    void sendCrop(fractionToMaster(rect, rotation, { master: page.size, crop: viewer.crop }));
  };
  const nudgeBy = (dx: number, dy: number, resize: boolean) => {
    const min = box ? minFraction({ width: box.width, height: box.height }) : { width: 0, height: 0 };
    setDraft(
      (d) =>
        d && {
          ...d,
          rect: d.rect ? nudge(d.rect, dx * NUDGE_STEP, dy * NUDGE_STEP, resize, min) : KEYBOARD_START,
        },
    );
  };

  return (
    <dialog
      ref={dialog}
      className={s.viewer}
      aria-labelledby={id}
      tabIndex={-1}
      data-testid={TID.pageViewer}
      data-page-id={viewer.pageId}
      data-zoom={viewer.zoom}
      onKeyDown={(e) => {
        if (cropping) {
          const crop = cropKey(e);
          // Enter on a button of the bar presses that button.
          if (crop && !(crop.kind === CROP.apply && isButtonTarget(e.target))) {
            e.preventDefault();
            e.stopPropagation();
            if (crop.kind === CROP.apply) apply();
            else if (crop.kind === CROP.cancel) stopCropping();
            else nudgeBy(crop.dx, crop.dy, crop.resize);
            return;
          }
        }
        const action = viewerKey(e);
        if (!action) return;
        e.preventDefault();
        e.stopPropagation();
        if (action === VIEWER.zoomIn) st().zoom(1);
        else if (action === VIEWER.zoomOut) st().zoom(-1);
        else if (action === VIEWER.zoomReset) st().zoom(0);
        else if (cropping) return;
        else if (action === VIEWER.prev) void st().viewerStep(-1);
        else if (action === VIEWER.next) void st().viewerStep(1);
        else st().closeViewer();
      }}
      onCancel={(e) => {
        e.preventDefault();
        if (cropping) stopCropping();
        else st().closeViewer();
      }}
    >
      <div className={s.viewerBar}>
        <h2 className={s.subtitle} id={id}>
          {t(($) => $.operator.jobs.review.viewer.label, { sequence })}
        </h2>
        {page?.label && <span className={s.label}>{page.label}</span>}
        <span className={s.spacer} />
        {updating && (
          <output className={s.viewerNote} aria-live={POLITE} data-testid={TID.viewerUpdating}>
            {t(($) => $.operator.jobs.review.crop.updating)}
          </output>
        )}
        <button
          type={BUTTON}
          className={s.tool}
          disabled={cropping}
          data-testid={TID.viewerPrev}
          onClick={() => void st().viewerStep(-1)}
        >
          {t(($) => $.operator.jobs.review.viewer.prev)}
        </button>
        <button
          type={BUTTON}
          className={s.tool}
          disabled={cropping}
          data-testid={TID.viewerNext}
          onClick={() => void st().viewerStep(1)}
        >
          {t(($) => $.operator.jobs.review.viewer.next)}
        </button>
        <button
          type={BUTTON}
          className={s.tool}
          data-testid={TID.viewerZoomOut}
          onClick={() => st().zoom(-1)}
        >
          {t(($) => $.operator.jobs.review.viewer.zoomOut)}
        </button>
        <output className={s.zoomLevel} aria-live={POLITE} data-testid={TID.viewerZoom}>
          {t(($) => $.operator.jobs.review.viewer.zoom, { percent: zoomPercent(viewer.zoom) })}
        </output>
        <button type={BUTTON} className={s.tool} data-testid={TID.viewerZoomIn} onClick={() => st().zoom(1)}>
          {t(($) => $.operator.jobs.review.viewer.zoomIn)}
        </button>
        <button type={BUTTON} className={s.tool} data-testid={TID.viewerZoomFit} onClick={() => st().zoom(0)}>
          {t(($) => $.operator.jobs.review.viewer.fit)}
        </button>
        {!cropping && (
          <button
            type={BUTTON}
            className={s.tool}
            disabled={!canCrop}
            data-testid={TID.viewerCrop}
            onClick={() => setDraft({ pageId: viewer.pageId, rect: null, failed: false })}
          >
            {t(($) => $.operator.jobs.review.crop.start)}
          </button>
        )}
        <button
          type={BUTTON}
          className={s.tool}
          data-testid={TID.viewerClose}
          onClick={() => st().closeViewer()}
        >
          {t(($) => $.operator.jobs.review.viewer.close)}
        </button>
      </div>
      {cropping && (
        <div className={s.cropBar}>
          <p className={s.cropHint} data-testid={TID.viewerCropHint}>
            {t(($) => $.operator.jobs.review.crop.hint)}
          </p>
          <span className={s.spacer} />
          <button
            type={BUTTON}
            className={cx(s.tool, s.toolPrimary)}
            disabled={rect === null || !canCrop}
            data-testid={TID.viewerCropApply}
            onClick={apply}
          >
            {t(($) => $.operator.jobs.review.crop.apply)}
          </button>
          <button
            type={BUTTON}
            className={s.tool}
            disabled={page?.crop == null || !canCrop}
            data-testid={TID.viewerCropClear}
            onClick={() => void sendCrop(null)}
          >
            {t(($) => $.operator.jobs.review.crop.clear)}
          </button>
          <button type={BUTTON} className={s.tool} data-testid={TID.viewerCropCancel} onClick={stopCropping}>
            {t(($) => $.operator.jobs.review.crop.cancel)}
          </button>
        </div>
      )}
      {cropping && draft.failed && opError && (
        <div className={s.cropBar}>
          <ErrorMessage error={opError} testId={TID.viewerCropError} />
        </div>
      )}
      <Shortcuts
        bar
        title={t(($) => $.operator.jobs.shortcuts.reviewTitle)}
        items={
          cropping
            ? [
                { keys: [[KEYCAP.enter]], does: t(($) => $.operator.jobs.review.crop.keysApply) },
                { keys: [[KEYCAP.escape]], does: t(($) => $.operator.jobs.review.crop.keysCancel) },
                {
                  keys: [[KEYCAP.arrows], [KEYCAP.shift, KEYCAP.arrows]],
                  does: t(($) => $.operator.jobs.review.crop.keysNudge, { shift: KEYCAP.shift }),
                },
                {
                  keys: [[KEYCAP.plus], [KEYCAP.minus], [KEYCAP.zero], [KEYCAP.wheel]],
                  does: t(($) => $.operator.jobs.shortcuts.zoom),
                },
              ]
            : [
                {
                  keys: [[KEYCAP.plus], [KEYCAP.minus], [KEYCAP.zero], [KEYCAP.wheel]],
                  does: t(($) => $.operator.jobs.shortcuts.zoom),
                },
                { keys: [[KEYCAP.leftRight]], does: t(($) => $.operator.jobs.shortcuts.turn) },
                { keys: [[KEYCAP.escape]], does: t(($) => $.operator.jobs.shortcuts.close) },
              ]
        }
      />
      <div ref={stage} className={s.viewerStage}>
        {viewer.loading && (
          <p className={s.viewerMessage}>{t(($) => $.operator.jobs.review.viewer.loading)}</p>
        )}
        {viewer.missing && (
          <p className={s.viewerMessage}>{t(($) => $.operator.jobs.review.viewer.missing)}</p>
        )}
        {url && (
          <div className={s.viewerCanvas} style={box ? { width: box.width, height: box.height } : undefined}>
            <img
              src={url}
              alt={EMPTY}
              className={ROTATION_CLASS[rotation]}
              style={
                box
                  ? { width: box.imageWidth, height: box.imageHeight, left: box.left, top: box.top }
                  : undefined
              }
              data-testid={TID.viewerImage}
              onLoad={(e) =>
                setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
              }
            />
            {cropping && box && <CropLayer rect={rect} onChange={setRect} layerRef={layer} />}
          </div>
        )}
      </div>
    </dialog>
  );
}

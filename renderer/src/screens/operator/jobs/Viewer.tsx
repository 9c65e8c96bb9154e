import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { BUTTON, POLITE } from '../../../ui/html.js';
import { EMPTY, KEYCAP, WHEEL } from './attrs.js';
import s from './Jobs.module.css';
import { VIEWER, viewerKey } from './keys.js';
import { Shortcuts } from './Shortcuts.js';
import { viewerBox, zoomPercent } from './viewer-fit.js';

const ROTATION_CLASS: Record<number, string | undefined> = { 90: s.rot90, 180: s.rot180, 270: s.rot270 };

/**
 * A page at full size: its viewing copy fitted to the window, zoomed with the buttons, the wheel or
 * + and − (0 fits again); arrows turn pages, Escape closes and returns to the grid.
 */
export function Viewer() {
  const { t } = useTranslation();
  const id = useId();
  const viewer = useJobs((st) => st.viewer);
  const page = useJobs((st) => st.pages.find((p) => p.id === st.viewer?.pageId) ?? null);
  const dialog = useRef<HTMLDialogElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });

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

  const url = viewer?.url ?? null;

  if (!viewer) return null;
  const st = () => jobsStore.getState();
  const rotation = page?.rotation ?? 0;
  const box = natural ? viewerBox(natural, size, rotation, viewer.zoom) : null;
  const sequence = page?.sequence ?? 0;

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
        const action = viewerKey(e);
        if (!action) return;
        e.preventDefault();
        e.stopPropagation();
        if (action === VIEWER.zoomIn) st().zoom(1);
        else if (action === VIEWER.zoomOut) st().zoom(-1);
        else if (action === VIEWER.zoomReset) st().zoom(0);
        else if (action === VIEWER.prev) void st().viewerStep(-1);
        else if (action === VIEWER.next) void st().viewerStep(1);
        else st().closeViewer();
      }}
      onCancel={(e) => {
        e.preventDefault();
        st().closeViewer();
      }}
    >
      <div className={s.viewerBar}>
        <h2 className={s.subtitle} id={id}>
          {t(($) => $.operator.jobs.review.viewer.label, { sequence })}
        </h2>
        {page?.label && <span className={s.label}>{page.label}</span>}
        <span className={s.spacer} />
        <button
          type={BUTTON}
          className={s.tool}
          data-testid={TID.viewerPrev}
          onClick={() => void st().viewerStep(-1)}
        >
          {t(($) => $.operator.jobs.review.viewer.prev)}
        </button>
        <button
          type={BUTTON}
          className={s.tool}
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
        <button
          type={BUTTON}
          className={s.tool}
          data-testid={TID.viewerClose}
          onClick={() => st().closeViewer()}
        >
          {t(($) => $.operator.jobs.review.viewer.close)}
        </button>
      </div>
      <Shortcuts
        bar
        title={t(($) => $.operator.jobs.shortcuts.reviewTitle)}
        items={[
          {
            keys: [[KEYCAP.plus], [KEYCAP.minus], [KEYCAP.zero], [KEYCAP.wheel]],
            does: t(($) => $.operator.jobs.shortcuts.zoom),
          },
          { keys: [[KEYCAP.leftRight]], does: t(($) => $.operator.jobs.shortcuts.turn) },
          { keys: [[KEYCAP.escape]], does: t(($) => $.operator.jobs.shortcuts.close) },
        ]}
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
          </div>
        )}
      </div>
    </dialog>
  );
}

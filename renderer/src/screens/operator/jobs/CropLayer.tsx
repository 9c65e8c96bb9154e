import { type PointerEvent, type Ref, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TID } from '../../../testids.js';
import { APPLICATION } from './attrs.js';
import { beginDrag, type Drag, dragTo, finishDrag, HANDLES, isHandle } from './crop-drag.js';
import type { Rect } from './crop-geometry.js';
import { boxStyle, minFraction } from './crop-view.js';
import s from './Jobs.module.css';

/**
 * The crop box over the viewer's image: drag anywhere to draw one, drag it to move it, drag a
 * handle to resize it; the page outside it is dimmed. Pointer events, so a mouse, a pen and a
 * finger all work (the layer takes touches for itself: no scrolling or zooming under a finger).
 * The box is in fractions of the image as shown; the viewer turns it into master pixels.
 */
export function CropLayer({
  rect,
  onChange,
  layerRef,
}: {
  rect: Rect | null;
  onChange(rect: Rect | null): void;
  layerRef?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  const drag = useRef<{ drag: Drag; min: { width: number; height: number }; pointer: number } | null>(null);

  const at = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return {
      point: {
        x: box.width > 0 ? (e.clientX - box.left) / box.width : 0,
        y: box.height > 0 ? (e.clientY - box.top) / box.height : 0,
      },
      size: { width: box.width, height: box.height },
    };
  };

  return (
    // biome-ignore lint/a11y: a drawing surface (role application, from attrs.ts) that takes its own pointer and keys
    <div
      ref={layerRef}
      className={s.cropLayer}
      role={APPLICATION}
      aria-label={t(($) => $.operator.jobs.review.crop.area)}
      tabIndex={0}
      data-testid={TID.viewerCropLayer}
      onPointerDown={(e) => {
        if (e.button !== 0 || drag.current) return;
        e.preventDefault();
        e.currentTarget.focus({ preventScroll: true });
        const { point, size } = at(e);
        const grip = (e.target as HTMLElement).dataset.grip;
        drag.current = {
          drag: beginDrag(rect, point, isHandle(grip) ? grip : null),
          min: minFraction(size),
          pointer: e.pointerId,
        };
        try {
          // The drag follows the pointer beyond the layer's edge (where the box stops).
          e.currentTarget.setPointerCapture(e.pointerId);
        } catch {
          // A pointer already gone: the drag ends with its pointerup or pointercancel all the same.
        }
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d || d.pointer !== e.pointerId) return;
        onChange(dragTo(d.drag, at(e).point, d.min));
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        if (!d || d.pointer !== e.pointerId) return;
        drag.current = null;
        onChange(finishDrag(d.drag, dragTo(d.drag, at(e).point, d.min), d.min));
      }}
      onPointerCancel={(e) => {
        const d = drag.current;
        if (!d || d.pointer !== e.pointerId) return;
        drag.current = null;
        // A gesture the browser took over: the box goes back to where the drag started.
        onChange(finishDrag(d.drag, d.drag.start, d.min));
      }}
    >
      {rect && (
        <div className={s.cropBox} style={boxStyle(rect)} data-testid={TID.viewerCropBox}>
          {HANDLES.map((handle) => (
            <span key={handle} className={s.cropHandle} data-grip={handle} />
          ))}
        </div>
      )}
    </div>
  );
}

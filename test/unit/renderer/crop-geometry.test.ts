import { describe, expect, it } from 'vitest';
import {
  beginDrag,
  dragTo,
  finishDrag,
  KEYBOARD_START,
  nudge,
} from '../../../renderer/src/screens/operator/jobs/crop-drag.js';
import {
  fractionToMaster,
  masterToFraction,
  type Rect,
  type Rotation,
  rotate,
  screenToMaster,
  unrotate,
} from '../../../renderer/src/screens/operator/jobs/crop-geometry.js';
import { boxStyle, cropAttr, minFraction } from '../../../renderer/src/screens/operator/jobs/crop-view.js';
import { cropKey } from '../../../renderer/src/screens/operator/jobs/keys.js';
import { viewerBox } from '../../../renderer/src/screens/operator/jobs/viewer-fit.js';

/** An A4 page at 300 dpi; its viewing copy is 1600 pixels long (1131×1600). */
const MASTER = { width: 2480, height: 3508 };
const VIEW = { width: 1131, height: 1600 };
const STAGE = { width: 1200, height: 700 };
const whole = { master: MASTER, crop: null };

/** The viewer's box for the page at a zoom and rotation, as Viewer.tsx draws it. */
const drawn = (rotation: Rotation, zoom: number) => viewerBox(VIEW, STAGE, rotation, zoom);

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; repeat: boolean }> = {}) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('screen to master pixels', () => {
  it('at rotation 0: a box drawn at fit and at 200 % lands on the same master pixels', () => {
    const fit = drawn(0, 1);
    const zoomed = drawn(0, 2);
    expect(zoomed.width).toBeCloseTo(fit.width * 2, 6);
    // The top-left quarter of the page.
    const atFit = screenToMaster({ x: 0, y: 0, width: fit.width / 2, height: fit.height / 2 }, fit, 0, whole);
    const atZoom = screenToMaster(
      { x: 0, y: 0, width: zoomed.width / 2, height: zoomed.height / 2 },
      zoomed,
      0,
      whole,
    );
    expect(atFit).toEqual({ x: 0, y: 0, width: 1240, height: 1754 });
    expect(atZoom).toEqual(atFit);
    // A box in the middle, measured in screen pixels at 300 %: scale = master / screen.
    const big = drawn(0, 3);
    const k = MASTER.width / big.width;
    expect(screenToMaster({ x: 100, y: 200, width: 300, height: 400 }, big, 0, whole)).toEqual({
      x: Math.round(100 * k),
      y: Math.round(200 * (MASTER.height / big.height)),
      width: Math.round(400 * k) - Math.round(100 * k),
      height: Math.round(600 * (MASTER.height / big.height)) - Math.round(200 * (MASTER.height / big.height)),
    });
  });

  it('at 90°: the screen is the page turned clockwise, so its top band is the page’s left band', () => {
    const box = drawn(90, 1);
    // Turned a quarter, the page is shown landscape.
    expect(box.width).toBeGreaterThan(box.height);
    // The top fifth of the screen = the left fifth of the page (its top edge is on the right).
    expect(screenToMaster({ x: 0, y: 0, width: box.width, height: box.height / 5 }, box, 90, whole)).toEqual({
      x: 0,
      y: 0,
      width: 496,
      height: 3508,
    });
    // The screen's right tenth = the page's top tenth.
    expect(
      screenToMaster(
        { x: box.width * 0.9, y: 0, width: box.width * 0.1, height: box.height },
        box,
        90,
        whole,
      ),
    ).toEqual({ x: 0, y: 0, width: 2480, height: 351 });
    // The screen's top-left corner is the page's bottom-left corner.
    expect(
      screenToMaster({ x: 0, y: 0, width: box.width / 4, height: box.height / 4 }, box, 90, whole),
    ).toEqual({ x: 0, y: 2631, width: 620, height: 877 });
  });

  it('at 180°: the screen’s top-left is the page’s bottom-right', () => {
    const box = drawn(180, 1.5);
    expect(
      screenToMaster({ x: 0, y: 0, width: box.width / 4, height: box.height / 4 }, box, 180, whole),
    ).toEqual({ x: 1860, y: 2631, width: 620, height: 877 });
  });

  it('at 270°: the screen’s top-left is the page’s top-right', () => {
    const box = drawn(270, 0.5);
    expect(box.width).toBeGreaterThan(box.height);
    expect(
      screenToMaster({ x: 0, y: 0, width: box.width / 4, height: box.height / 4 }, box, 270, whole),
    ).toEqual({ x: 1860, y: 0, width: 620, height: 877 });
    // The screen's bottom band = the page's left band.
    expect(
      screenToMaster(
        { x: 0, y: box.height * 0.8, width: box.width, height: box.height * 0.2 },
        box,
        270,
        whole,
      ),
    ).toEqual({ x: 0, y: 0, width: 496, height: 3508 });
  });

  it('every rotation: the same part of the page, whichever way it is shown and however zoomed', () => {
    const part = { x: 0.1, y: 0.2, width: 0.3, height: 0.5 };
    const expected = { x: 248, y: 702, width: 744, height: 1754 };
    for (const rotation of [0, 90, 180, 270] as const) {
      for (const zoom of [0.5, 1, 2, 6]) {
        const box = drawn(rotation, zoom);
        const onScreen = rotate(part, rotation);
        const rect = {
          x: onScreen.x * box.width,
          y: onScreen.y * box.height,
          width: onScreen.width * box.width,
          height: onScreen.height * box.height,
        };
        expect(screenToMaster(rect, box, rotation, whole), `${rotation}° at ${zoom}`).toEqual(expected);
      }
    }
  });

  it('on a page already cropped, the box is inside the earlier crop, offset by it', () => {
    const shown = { master: MASTER, crop: { x: 200, y: 300, width: 2000, height: 3000 } };
    expect(fractionToMaster({ x: 0, y: 0, width: 1, height: 1 }, 0, shown)).toEqual(shown.crop);
    expect(fractionToMaster({ x: 0.5, y: 0.5, width: 0.5, height: 0.5 }, 0, shown)).toEqual({
      x: 1200,
      y: 1800,
      width: 1000,
      height: 1500,
    });
    // Turned: the screen's left half is the crop's bottom half.
    expect(fractionToMaster({ x: 0, y: 0, width: 0.5, height: 1 }, 90, shown)).toEqual({
      x: 200,
      y: 1800,
      width: 2000,
      height: 1500,
    });
  });

  it('keeps the box inside the master, in whole pixels, at least one each way', () => {
    expect(fractionToMaster({ x: -0.2, y: 0.9, width: 2, height: 0.5 }, 0, whole)).toEqual({
      x: 0,
      y: 3157,
      width: 2480,
      height: 351,
    });
    const tiny = fractionToMaster({ x: 1, y: 1, width: 0, height: 0 }, 0, whole);
    expect(tiny).toEqual({ x: 2479, y: 3507, width: 1, height: 1 });
    expect(screenToMaster({ x: 0, y: 0, width: 10, height: 10 }, { width: 0, height: 0 }, 0, whole)).toEqual({
      x: 0,
      y: 0,
      width: 2480,
      height: 3508,
    });
  });

  it('turning and unturning are inverse, and master boxes come back to where they were drawn', () => {
    const r: Rect = { x: 0.12, y: 0.34, width: 0.25, height: 0.4 };
    for (const rotation of [0, 90, 180, 270] as const) {
      const back = rotate(unrotate(r, rotation), rotation);
      expect(back.x).toBeCloseTo(r.x, 9);
      expect(back.y).toBeCloseTo(r.y, 9);
      expect(back.width).toBeCloseTo(r.width, 9);
      expect(back.height).toBeCloseTo(r.height, 9);
      const crop = fractionToMaster(r, rotation, whole);
      const shownAgain = masterToFraction(crop, rotation, whole)!;
      expect(shownAgain.x).toBeCloseTo(r.x, 3);
      expect(shownAgain.width).toBeCloseTo(r.width, 3);
    }
    expect(
      masterToFraction({ x: 0, y: 0, width: 10, height: 10 }, 0, {
        master: MASTER,
        crop: { x: 100, y: 100, width: 5, height: 5 },
      }),
    ).toBeNull();
  });
});

describe('drawing the box', () => {
  const min = { width: 0.02, height: 0.02 };

  it('drags out a new box from where the pointer went down, in any direction', () => {
    const drag = beginDrag(null, { x: 0.6, y: 0.7 }, null);
    expect(drag.grip).toBe('new');
    const r = dragTo(drag, { x: 0.2, y: 0.1 }, min);
    expect(r.x).toBeCloseTo(0.2);
    expect(r.y).toBeCloseTo(0.1);
    expect(r.width).toBeCloseTo(0.4);
    expect(r.height).toBeCloseTo(0.6);
    // Outside the image the box stops at its edge.
    const out = dragTo(drag, { x: 1.4, y: -3 }, min);
    expect(out).toMatchObject({ y: 0 });
    expect(out.x + out.width).toBeCloseTo(1);
    // A click is no box.
    expect(finishDrag(drag, dragTo(drag, { x: 0.601, y: 0.7 }, min), min)).toBeNull();
  });

  it('moves the box by its body, never past the image’s edge', () => {
    const box = { x: 0.2, y: 0.2, width: 0.5, height: 0.5 };
    const drag = beginDrag(box, { x: 0.3, y: 0.3 }, null);
    expect(drag.grip).toBe('move');
    const moved = dragTo(drag, { x: 0.9, y: 0.1 }, min);
    expect(moved.x).toBeCloseTo(0.5);
    expect(moved.y).toBeCloseTo(0);
    expect(moved.width).toBe(0.5);
    // Outside the box a drag starts a new one.
    expect(beginDrag(box, { x: 0.95, y: 0.95 }, null).grip).toBe('new');
  });

  it('resizes by each handle, keeping the opposite edges and a smallest size', () => {
    const box = { x: 0.2, y: 0.2, width: 0.4, height: 0.4 };
    const se = dragTo(beginDrag(box, { x: 0.6, y: 0.6 }, 'se'), { x: 0.8, y: 0.9 }, min);
    expect(se.x).toBe(0.2);
    expect(se.width).toBeCloseTo(0.6);
    expect(se.height).toBeCloseTo(0.7);
    const nw = dragTo(beginDrag(box, { x: 0.2, y: 0.2 }, 'nw'), { x: 0.9, y: 0.9 }, min);
    // Dragged past the opposite corner: stops at the smallest size.
    expect(nw.x + nw.width).toBeCloseTo(0.6);
    expect(nw.width).toBeCloseTo(min.width);
    expect(nw.height).toBeCloseTo(min.height);
    const n = dragTo(beginDrag(box, { x: 0.4, y: 0.2 }, 'n'), { x: 0.9, y: 0 }, min);
    expect(n).toMatchObject({ x: 0.2, y: 0, width: 0.4 });
    expect(n.height).toBeCloseTo(0.6);
    const w = dragTo(beginDrag(box, { x: 0.2, y: 0.4 }, 'w'), { x: -1, y: 0.4 }, min);
    expect(w).toMatchObject({ x: 0, y: 0.2, height: 0.4 });
    expect(w.width).toBeCloseTo(0.6);
  });

  it('arrow keys move the box, and with Shift its right or bottom edge', () => {
    const box = { x: 0.5, y: 0.5, width: 0.4, height: 0.4 };
    expect(nudge(box, 0.2, 0, false, min).x).toBeCloseTo(0.6);
    const grown = nudge(box, 0.01, -0.5, true, min);
    expect(grown.width).toBeCloseTo(0.41);
    expect(grown.height).toBeCloseTo(min.height);
    expect(KEYBOARD_START).toEqual({ x: 0.1, y: 0.1, width: 0.8, height: 0.8 });
  });

  it('places the box by percentages and reads the keys of crop mode', () => {
    expect(boxStyle({ x: 0.1, y: 0.25, width: 0.5, height: 0.125 })).toEqual({
      left: '10.000%',
      top: '25.000%',
      width: '50.000%',
      height: '12.500%',
    });
    expect(minFraction({ width: 800, height: 400 })).toEqual({ width: 0.02, height: 0.04 });
    expect(cropAttr({ x: 1, y: 2, width: 3, height: 4 })).toBe('1,2,3,4');
    expect(cropAttr(null)).toBeUndefined();
    expect(cropKey(key('Enter'))).toEqual({ kind: 'apply' });
    expect(cropKey(key('Enter', { repeat: true }))).toBeNull();
    expect(cropKey(key('Escape'))).toEqual({ kind: 'cancel' });
    expect(cropKey(key('ArrowLeft'))).toEqual({ kind: 'nudge', dx: -1, dy: 0, resize: false });
    expect(cropKey(key('ArrowDown', { shiftKey: true }))).toEqual({
      kind: 'nudge',
      dx: 0,
      dy: 1,
      resize: true,
    });
    expect(cropKey(key('Enter', { ctrlKey: true }))).toBeNull();
    expect(cropKey(key('+'))).toBeNull();
  });
});

/**
 * The crop box as the operator draws it: a new box dragged out from where the pointer went down,
 * the box moved by its body, resized by one of its eight handles, or nudged with the arrow keys.
 * Everything is in fractions (0..1) of the image as shown, so zoom and window size do not matter.
 * Pure, so the gestures are tested without a browser.
 */
import { clamp, type Rect } from './crop-geometry.js';

/** A handle by the compass: edges n, e, s, w and corners. */
export const HANDLES = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'] as const;
export type Handle = (typeof HANDLES)[number];
/** What a drag holds: a handle, the box's body, or nothing yet (a new box). */
export type Grip = Handle | 'move' | 'new';

export const GRIP_MOVE = 'move';
export const GRIP_NEW = 'new';

export interface Point {
  x: number;
  y: number;
}

export interface Drag {
  grip: Grip;
  /** Where the pointer went down. */
  from: Point;
  /** The box when it did (for a new box, an empty one there). */
  start: Rect;
}

/** Whether a value names one of the handles (read back from a `data-grip` attribute). */
export function isHandle(value: unknown): value is Handle {
  return typeof value === 'string' && (HANDLES as readonly string[]).includes(value);
}

/** Whether a point lies inside a box. */
export function contains(rect: Rect | null, at: Point): boolean {
  return (
    rect !== null &&
    at.x >= rect.x &&
    at.x <= rect.x + rect.width &&
    at.y >= rect.y &&
    at.y <= rect.y + rect.height
  );
}

/** The drag a pointer going down starts: on a handle, in the box (move), or elsewhere (a new box). */
export function beginDrag(rect: Rect | null, at: Point, handle: Handle | null): Drag {
  const from = clampPoint(at);
  if (rect && handle) return { grip: handle, from, start: rect };
  if (rect && contains(rect, from)) return { grip: GRIP_MOVE, from, start: rect };
  return { grip: GRIP_NEW, from, start: { x: from.x, y: from.y, width: 0, height: 0 } };
}

/**
 * The box while the pointer is at `at`. `min` is the smallest box (as fractions) a handle may make;
 * a new box may be smaller while it is drawn (`finishDrag` drops one too small to mean anything).
 */
export function dragTo(drag: Drag, at: Point, min: { width: number; height: number }): Rect {
  const to = clampPoint(at);
  const dx = to.x - drag.from.x;
  const dy = to.y - drag.from.y;
  const s = drag.start;
  if (drag.grip === GRIP_NEW) {
    return {
      x: Math.min(drag.from.x, to.x),
      y: Math.min(drag.from.y, to.y),
      width: Math.abs(dx),
      height: Math.abs(dy),
    };
  }
  if (drag.grip === GRIP_MOVE) {
    return {
      ...s,
      x: clamp(s.x + dx, 0, 1 - s.width),
      y: clamp(s.y + dy, 0, 1 - s.height),
    };
  }
  const [x, width] = edges(s.x, s.width, dx, drag.grip.includes('w'), drag.grip.includes('e'), min.width);
  const [y, height] = edges(s.y, s.height, dy, drag.grip.includes('n'), drag.grip.includes('s'), min.height);
  return { x, y, width, height };
}

/** One axis of a resize: the start edge, the end edge or neither moves by `delta`; an axis no handle holds is kept exactly. */
function edges(
  start: number,
  length: number,
  delta: number,
  moveStart: boolean,
  moveEnd: boolean,
  min: number,
): readonly [number, number] {
  if (!moveStart && !moveEnd) return [start, length];
  const least = Math.min(min, length);
  let from = start;
  let to = start + length;
  if (moveStart) from = clamp(from + delta, 0, to - least);
  if (moveEnd) to = clamp(to + delta, from + least, 1);
  return [from, to - from];
}

/** The box when the pointer comes up: a new box smaller than `min` (a click, a slip) is no box. */
export function finishDrag(drag: Drag, rect: Rect, min: { width: number; height: number }): Rect | null {
  if (drag.grip === GRIP_NEW && (rect.width < min.width || rect.height < min.height)) return null;
  return rect;
}

/** The box the arrow keys start from when none is drawn: the page less a tenth on every side. */
export const KEYBOARD_START: Rect = { x: 0.1, y: 0.1, width: 0.8, height: 0.8 };

/**
 * An arrow key on the box: moves it by `step` (fractions), or with `resize` moves its right or
 * bottom edge (never below `min`).
 */
export function nudge(
  rect: Rect,
  dx: number,
  dy: number,
  resize: boolean,
  min: { width: number; height: number },
): Rect {
  if (!resize) {
    return {
      ...rect,
      x: clamp(rect.x + dx, 0, 1 - rect.width),
      y: clamp(rect.y + dy, 0, 1 - rect.height),
    };
  }
  return {
    ...rect,
    width: clamp(rect.width + dx, Math.min(min.width, rect.width), 1 - rect.x),
    height: clamp(rect.height + dy, Math.min(min.height, rect.height), 1 - rect.y),
  };
}

function clampPoint(at: Point): Point {
  return { x: clamp(at.x, 0, 1), y: clamp(at.y, 0, 1) };
}

/**
 * Where a crop box drawn on the viewer lies on the master. The viewer shows the page's viewing copy
 * (made from the whole master, or from its crop box when it has one) scaled by fit and zoom and
 * turned by the page's rotation; crop boxes are kept in master pixels before that rotation (see
 * CropBox in the contract). Pure arithmetic, so every zoom and rotation is tested without a browser.
 */
import type { CropBox } from '@contract/index.js';

export interface Size {
  width: number;
  height: number;
}

/** A rectangle; on screen in CSS pixels, or as fractions (0..1) of what the viewer shows. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Rotation = 0 | 90 | 180 | 270;

/** What the viewer's image is made from: the master (its size), and the crop box it was cut with. */
export interface Shown {
  master: Size;
  crop: CropBox | null;
}

/** The whole of what is shown, as fractions. */
export const WHOLE: Rect = { x: 0, y: 0, width: 1, height: 1 };

/** The part of the master the viewing copy shows, in master pixels. */
export function shownRegion(shown: Shown): CropBox {
  return shown.crop ?? { x: 0, y: 0, width: shown.master.width, height: shown.master.height };
}

/**
 * A rectangle as seen on screen (fractions of the turned image) as fractions of the image before
 * its clockwise `rotation`: the screen's top-left corner is the image's bottom-left after a
 * quarter turn, and so on.
 */
export function unrotate(rect: Rect, rotation: Rotation): Rect {
  const { x, y, width: w, height: h } = rect;
  switch (rotation) {
    case 90:
      return { x: y, y: 1 - x - w, width: h, height: w };
    case 180:
      return { x: 1 - x - w, y: 1 - y - h, width: w, height: h };
    case 270:
      return { x: 1 - y - h, y: x, width: h, height: w };
    default:
      return { ...rect };
  }
}

/** The inverse of `unrotate`: fractions of the image as seen after its clockwise `rotation`. */
export function rotate(rect: Rect, rotation: Rotation): Rect {
  return unrotate(rect, ((360 - rotation) % 360) as Rotation);
}

/**
 * A box drawn on screen as a crop box on the master: `rect` in CSS pixels inside the drawn image
 * (whose size on screen is `box`, fit and zoom included), whole master pixels, inside the part
 * shown and at least one pixel each way.
 */
export function screenToMaster(rect: Rect, box: Size, rotation: Rotation, shown: Shown): CropBox {
  const fraction =
    box.width > 0 && box.height > 0
      ? {
          x: rect.x / box.width,
          y: rect.y / box.height,
          width: rect.width / box.width,
          height: rect.height / box.height,
        }
      : WHOLE;
  return fractionToMaster(fraction, rotation, shown);
}

/** A box as fractions of what the viewer shows (after rotation) as a crop box on the master. */
export function fractionToMaster(rect: Rect, rotation: Rotation, shown: Shown): CropBox {
  const r = unrotate(clampFraction(rect), rotation);
  const region = shownRegion(shown);
  const span = (start: number, fraction: number, length: number, end: number, origin: number) => {
    const from = clamp(Math.round(origin + start * length), origin, end - 1);
    const to = clamp(Math.round(origin + (start + fraction) * length), from + 1, end);
    return [from, to - from] as const;
  };
  const [x, width] = span(r.x, r.width, region.width, region.x + region.width, region.x);
  const [y, height] = span(r.y, r.height, region.height, region.y + region.height, region.y);
  return { x, y, width, height };
}

/**
 * A crop box on the master as fractions of what the viewer shows (after rotation), cut to it;
 * null when none of it is shown.
 */
export function masterToFraction(crop: CropBox, rotation: Rotation, shown: Shown): Rect | null {
  const region = shownRegion(shown);
  if (region.width <= 0 || region.height <= 0) return null;
  const x0 = clamp((crop.x - region.x) / region.width, 0, 1);
  const y0 = clamp((crop.y - region.y) / region.height, 0, 1);
  const x1 = clamp((crop.x + crop.width - region.x) / region.width, 0, 1);
  const y1 = clamp((crop.y + crop.height - region.y) / region.height, 0, 1);
  if (x1 <= x0 || y1 <= y0) return null;
  return rotate({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, rotation);
}

/** A rectangle of fractions kept inside 0..1. */
export function clampFraction(rect: Rect): Rect {
  const x = clamp(rect.x, 0, 1);
  const y = clamp(rect.y, 0, 1);
  return {
    x,
    y,
    width: clamp(rect.width, 0, 1 - x),
    height: clamp(rect.height, 0, 1 - y),
  };
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

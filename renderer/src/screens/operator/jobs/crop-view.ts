/**
 * How crop mode looks: the box placed by percentages of the image as shown (so zoom and window
 * size move it with the image), the gestures' sizes, and the crop as the grid's data attribute.
 */
import type { CropBox } from '@contract/index.js';
import type { Rect } from './crop-geometry.js';

/** Smallest box a handle may make, in CSS pixels (a new box smaller than this is dropped). */
export const MIN_CROP_PX = 16;
/** How far an arrow key moves the box or its edge, as a fraction of the image shown. */
export const NUDGE_STEP = 0.01;

export function boxStyle(rect: Rect): { left: string; top: string; width: string; height: string } {
  const pct = (v: number) => `${(v * 100).toFixed(3)}%`;
  return { left: pct(rect.x), top: pct(rect.y), width: pct(rect.width), height: pct(rect.height) };
}

/** The smallest box as fractions of an image drawn `size` CSS pixels large. */
export function minFraction(size: { width: number; height: number }): { width: number; height: number } {
  return {
    width: size.width > 0 ? Math.min(1, MIN_CROP_PX / size.width) : 0,
    height: size.height > 0 ? Math.min(1, MIN_CROP_PX / size.height) : 0,
  };
}

/** A page's crop for the grid's `data-crop`: `x,y,width,height` in master pixels. */
export function cropAttr(crop: CropBox | null): string | undefined {
  return crop ? [crop.x, crop.y, crop.width, crop.height].join() : undefined;
}

import type { CropBox } from '../../contract/digitization-types.js';

/** A rectangle as sharp's `extract` takes it. */
export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The part of a master that a page's crop box keeps, cut to the image as decoded (orientation
 * applied). A box the service accepted lies inside the master, but a rescan keeps the page's box
 * for a new master of another size: what falls outside it is dropped, and a box with nothing
 * inside it, or one covering the whole image, means no cut (null).
 */
export function cropRegion(
  crop: CropBox | null | undefined,
  image: { width: number; height: number },
): Region | null {
  if (!crop || image.width < 1 || image.height < 1) return null;
  const left = clamp(Math.round(crop.x), 0, image.width);
  const top = clamp(Math.round(crop.y), 0, image.height);
  const right = clamp(Math.round(crop.x + crop.width), left, image.width);
  const bottom = clamp(Math.round(crop.y + crop.height), top, image.height);
  const region = { left, top, width: right - left, height: bottom - top };
  if (region.width < 1 || region.height < 1) return null;
  if (region.width === image.width && region.height === image.height) return null;
  return region;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

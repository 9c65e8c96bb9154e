import {
  PAGE_TYPES,
  type PageSide,
  type PageType,
  type Rotation,
} from '../../contract/digitization-types.js';

/**
 * Types that sit outside the book's printed pagination, so the numbering rule gives them no label
 * and does not count them: covers, inserted foldouts and tissues, and the calibration targets an
 * operator photographs with the book.
 */
export const UNNUMBERED_TYPES: ReadonlySet<PageType> = new Set([
  'cover',
  'foldout',
  'tissue',
  'colour_card',
  'white_card',
]);

export function isPageType(value: unknown): value is PageType {
  return typeof value === 'string' && (PAGE_TYPES as readonly string[]).includes(value);
}

export function isPageSide(value: unknown): value is PageSide {
  return value === 'recto' || value === 'verso';
}

/** Adds a turn (90, 180, 270, or -90) to a rotation, staying in 0..270. */
export function addRotation(current: Rotation, by: number): Rotation {
  const next = (((current + by) % 360) + 360) % 360;
  if (next % 90 !== 0) throw new RangeError(`A page turns by multiples of 90 degrees, not ${by}.`);
  return next as Rotation;
}

/** A new page's side when nobody says: recto on odd positions, as in a book opened flat. */
export function defaultSide(sequence: number): PageSide {
  return sequence % 2 === 1 ? 'recto' : 'verso';
}

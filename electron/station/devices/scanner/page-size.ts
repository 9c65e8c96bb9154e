import type { NamedPageSize } from '../../contract/digitization.js';

export type { NamedPageSize };

/**
 * Paper sizes in millimetres (ISO 216 and the North American sizes libraries receive): one for each
 * name the contract lists, no more, no fewer (the type says so).
 */
export const NAMED_PAGE_SIZES: Readonly<Record<NamedPageSize, { widthMm: number; heightMm: number }>> = {
  a3: { widthMm: 297, heightMm: 420 },
  a4: { widthMm: 210, heightMm: 297 },
  a5: { widthMm: 148, heightMm: 210 },
  b5: { widthMm: 176, heightMm: 250 },
  letter: { widthMm: 215.9, heightMm: 279.4 },
  legal: { widthMm: 215.9, heightMm: 355.6 },
};

export interface AreaMm {
  widthMm: number;
  heightMm: number;
}

/**
 * The area to scan: the page size, cut to what the scanner covers. `max` is the whole bed or
 * feeder width. A scanner smaller than the page (SANE's test device is 200×200 mm) scans what it
 * can; the page's pixel size then tells the truth.
 */
export function scanArea(pageSize: NamedPageSize | 'max' | AreaMm, max: AreaMm | undefined): AreaMm {
  const wanted =
    pageSize === 'max' ? max : typeof pageSize === 'string' ? NAMED_PAGE_SIZES[pageSize] : pageSize;
  if (!wanted) return { widthMm: 210, heightMm: 297 };
  if (!max) return { ...wanted };
  return {
    widthMm: Math.min(wanted.widthMm, max.widthMm),
    heightMm: Math.min(wanted.heightMm, max.heightMm),
  };
}

export const MM_PER_INCH = 25.4;

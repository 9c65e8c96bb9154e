import { type CropBox, type PageInfo, QC_FLAGS, type QcFlag } from '@contract/index.js';
import type { PageSide, PageType, Rotation } from './context.js';

/** Pages as the grid shows them, and the QC filter: pure functions of the pages. */

/** A page in the grid: what the core said, or, until it says more, what `page.captured` told. */
export interface GridPage {
  id: number;
  sequence: number;
  masterId: number;
  type: PageType;
  label: string | null;
  manualLabel: string | null;
  side: PageSide;
  rotation: Rotation;
  /** The page's crop box in master pixels; its derivatives show only this part. */
  crop: CropBox | null;
  /** The master's size as shown (orientation applied), which crop boxes are measured in; null until known. */
  size: { width: number; height: number } | null;
  derivatives: PageInfo['derivatives'];
  /** Null until quality control has run on the current master. */
  qc: QcFlag[] | null;
  /** Why derivatives or quality control failed. */
  error: string | null;
  /** Known only from the capture event so far; the rest follows with the next refresh. */
  partial: boolean;
}

export function gridPage(info: PageInfo): GridPage {
  return {
    id: info.id,
    sequence: info.sequence,
    masterId: info.master.id,
    type: info.type,
    label: info.label,
    manualLabel: info.manualLabel,
    side: info.side,
    rotation: info.rotation,
    crop: info.crop,
    size: { width: info.master.width, height: info.master.height },
    derivatives: info.derivatives,
    qc: info.qc?.flags ?? null,
    error: info.derivativesError,
    partial: false,
  };
}

/**
 * A page from the core, merged with what events already told about the same master: a reply that
 * left before `page.derivatives` or `page.qc` arrived must not take the thumbnail or flags away.
 * A new crop box is different: the derivatives really are being made again.
 */
export function mergePage(incoming: GridPage, local: GridPage | undefined): GridPage {
  if (!local || local.masterId !== incoming.masterId) return incoming;
  const merged = { ...incoming };
  if (
    incoming.derivatives === 'pending' &&
    local.derivatives !== 'pending' &&
    sameCrop(incoming.crop, local.crop)
  ) {
    merged.derivatives = local.derivatives;
    merged.error = local.error;
  }
  if (incoming.qc === null && local.qc !== null) merged.qc = local.qc;
  return merged;
}

export function sameCrop(a: CropBox | null, b: CropBox | null): boolean {
  if (a === null || b === null) return a === b;
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** The QC filter: every page, pages with any flag, or pages with one flag. */
export type QcFilter = 'all' | 'flagged' | QcFlag;
export const QC_FILTERS: readonly QcFilter[] = ['all', 'flagged', ...QC_FLAGS];

export function matchesQc(page: GridPage, filter: QcFilter): boolean {
  if (filter === 'all') return true;
  const flags = page.qc ?? [];
  return filter === 'flagged' ? flags.length > 0 : flags.includes(filter);
}

export function qcCounts(pages: readonly GridPage[]): Record<QcFilter, number> {
  const counts = Object.fromEntries(QC_FILTERS.map((f) => [f, 0])) as Record<QcFilter, number>;
  for (const page of pages) {
    counts.all += 1;
    const flags = page.qc ?? [];
    if (flags.length > 0) counts.flagged += 1;
    for (const flag of flags) counts[flag] += 1;
  }
  return counts;
}

/** The pages the grid shows under a QC filter (the same array when nothing is filtered out). */
export function visiblePages(pages: readonly GridPage[], filter: QcFilter): readonly GridPage[] {
  return filter === 'all' ? pages : pages.filter((p) => matchesQc(p, filter));
}

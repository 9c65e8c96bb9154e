import type { PageType } from './context.js';

/**
 * The logical structure the package's METS will carry, as the package screen previews it: the
 * pages typed as a part of the book (title page, contents, preface, chapters, index, appendices)
 * in page order. A run of pages of the same type is one part (two pages of contents are one
 * table of contents), except chapters: each page typed `chapter` starts a chapter of its own.
 * Pure, so the preview is tested without a screen.
 */

/** The page types that open a division of the logical structure, in no particular order. */
export const TOC_TYPES = ['title', 'contents', 'preface', 'chapter', 'index', 'appendix'] as const;
export type TocType = (typeof TOC_TYPES)[number];

export interface TocEntry {
  type: TocType;
  /** The label of the part's first page (its printed number), if it has one. */
  label: string | null;
  /** The part's first and last page, by sequence (equal for a one-page part). */
  first: number;
  last: number;
}

/** What the preview needs of a page. */
export interface TocPage {
  sequence: number;
  type: PageType;
  label: string | null;
}

function isTocType(type: PageType): type is TocType {
  return (TOC_TYPES as readonly string[]).includes(type);
}

/** The parts in page order; pages of other types end a run but are not listed. */
export function tocEntries(pages: readonly TocPage[]): TocEntry[] {
  const ordered = [...pages].sort((a, b) => a.sequence - b.sequence);
  const out: TocEntry[] = [];
  let open: TocEntry | null = null;
  for (const page of ordered) {
    const type = page.type;
    if (!isTocType(type)) {
      open = null;
      continue;
    }
    if (open && open.type === type && type !== 'chapter' && open.last === page.sequence - 1) {
      open.last = page.sequence;
      continue;
    }
    open = { type, label: page.label, first: page.sequence, last: page.sequence };
    out.push(open);
  }
  return out;
}

/**
 * The book's logical structure from its page types, in the DFG-Viewer structure vocabulary
 * (dfg-viewer.de/strukturdatenset, the `TYPE` values the DDB Schematron accepts).
 *
 * - A page typed `chapter`, `preface`, `index` or `appendix` opens a section that runs on over the
 *   following pages until the next one opens (or a title page, contents, cover).
 * - Title and contents pages make their own section, consecutive pages of the type together.
 * - Covers: the run that starts the book is `cover_front`, the one that ends it `cover_back`
 *   (target cards and blank leaves around them do not count), one in between is `cover`.
 * - An illustration outside any section is an `illustration` of its own; inside one it is part of it.
 * - Blank leaves, tissue, colour and white cards belong to no section.
 */
import type { PageType } from '../../contract/digitization-types.js';
import type { LogicalSection, PackagePage } from '../package-input.js';

/** Pages that are part of the capture, not of the book: never in a section. */
const OUTSIDE: ReadonlySet<PageType> = new Set(['blank', 'tissue', 'colour_card', 'white_card']);

/** Page types that open a section running on until the next one; their TYPE. */
const RUNNING: Partial<Record<PageType, string>> = {
  chapter: 'chapter',
  preface: 'preface',
  index: 'index',
  // The DFG structure set has no `appendix` (the DDB Schematron refuses it, structMapLogical_06):
  // an appendix is a `section`, the set's general part of a book.
  appendix: 'section',
};

/** Page types that make a section of their own pages only. */
const OWN: Partial<Record<PageType, string>> = {
  title: 'title_page',
  contents: 'contents',
};

/** The section id for the n-th section: an xsd:ID, `LOG_0000` being the book itself. */
export function sectionId(n: number): string {
  return `LOG_${String(n).padStart(4, '0')}`;
}

export function sectionsFromPages(pages: PackagePage[]): LogicalSection[] {
  const ordered = [...pages].sort((a, b) => a.order - b.order);
  const book = ordered.filter((p) => !OUTSIDE.has(p.type));
  const first = book[0]?.order;
  const last = book[book.length - 1]?.order;

  const sections: Omit<LogicalSection, 'id'>[] = [];
  /** The section pages join: a running one, or the last own one while pages of its type follow. */
  let running: Omit<LogicalSection, 'id'> | null = null;
  let own: { type: PageType; section: Omit<LogicalSection, 'id'> } | null = null;
  const open = (type: string, page: PackagePage): Omit<LogicalSection, 'id'> => {
    const section = { type, label: page.label, pages: [page.order] };
    sections.push(section);
    return section;
  };

  for (const page of book) {
    if (own && own.type === page.type) {
      own.section.pages.push(page.order);
      continue;
    }
    own = null;
    const runningType = RUNNING[page.type];
    const ownType = OWN[page.type];
    if (runningType) {
      running = open(runningType, page);
    } else if (ownType) {
      running = null;
      own = { type: page.type, section: open(ownType, page) };
    } else if (page.type === 'cover') {
      running = null;
      const coverType = page.order === first ? 'cover_front' : 'cover';
      own = { type: 'cover', section: open(coverType, page) };
    } else if (running) {
      running.pages.push(page.order);
    } else if (page.type === 'illustration') {
      own = { type: 'illustration', section: open('illustration', page) };
    }
  }

  // The cover run that reaches the book's last page is its back cover.
  for (const section of sections) {
    if (section.type === 'cover' && section.pages[section.pages.length - 1] === last) {
      section.type = 'cover_back';
    }
  }
  return sections.map((section, i) => ({ id: sectionId(i + 1), ...section }));
}

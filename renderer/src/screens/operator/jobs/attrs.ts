/** Fixed values the jobs screens need (no string literals in .tsx; see renderer/README.md). */
import type { CapturePlace } from '../../../stores/jobs/capture.js';

/** `KeyboardEvent.key` of Enter: runs a search from its field without submitting the form around it. */
export const ENTER_KEY = 'Enter';
export const LISTBOX = 'listbox';
/** The crop layer: a drawing surface that takes its own pointer and arrow keys. */
export const APPLICATION = 'application';
export const OPTION = 'option';
export const COL = 'col';
export const LAZY = 'lazy';
export const ASYNC = 'async';
export const MOVE = 'move';
export const BEFORE = 'before';
export const AFTER = 'after';
export const FIRST = 'first';
export const LAST = 'last';
export const EMPTY = '';
/** The keyboard for millimetres (digits and a decimal separator). */
export const DECIMAL = 'decimal';

/** The drag payload's type: page ids being moved within one job's grid. */
export const DRAG_TYPE = 'application/x-bitig-pages';

export const APPEND: CapturePlace = { kind: 'append' };

/** The id of a page's cell in the grid (for aria-activedescendant). */
export function cellId(gridId: string, pageId: number): string {
  return `${gridId}-page-${pageId}`;
}

/** Keys as they are printed on keyboards, for the shortcut lists (words such as Space are translated). */
export const KEYCAP = {
  pageDown: 'PageDown',
  pageUp: 'PageUp',
  escape: 'Esc',
  ctrl: 'Ctrl',
  alt: 'Alt',
  shift: 'Shift',
  z: 'Z',
  a: 'A',
  r: 'R',
  del: 'Delete',
  enter: 'Enter',
  home: 'Home',
  end: 'End',
  arrows: '← → ↑ ↓',
  leftRight: '← →',
  plus: '+',
  minus: '−',
  zero: '0',
  wheel: '⇕',
} as const;

/** The thumbnail grid's geometry, in CSS pixels (Jobs.module.css sizes a cell to match). */
export const GRID = {
  /** Narrowest cell; the columns share what is left over. */
  cellMinWidth: 132,
  /** A row: the cell's 206 px and the 8 px gap above it. */
  rowHeight: 214,
  gap: 8,
  /** Inline padding of a row. */
  pad: 8,
  /** Rows rendered above and below the viewport. */
  overscan: 2,
  /** How close to the top or bottom edge a drag starts scrolling, and by how much per event. */
  dragEdge: 48,
  dragStep: 24,
  /** The grid fills the window down to this far above its bottom edge, and is never shorter than minHeight. */
  bottomGap: 16,
  minHeight: 280,
} as const;

/** Page values the grid compares against. */
export const READY = 'ready';
export const PENDING = 'pending';
export const FAILED = 'failed';
export const NORMAL = 'normal';
export const RESCAN = 'rescan';
export const INSERT = 'insert';
export const CANCELLED = 'cancelled';
export const REVIEWED = 'reviewed';
export const CAPTURED = 'captured';
export const ALL = 'all';
export const FLAGGED = 'flagged';
export const KEYDOWN = 'keydown';
export const WHEEL = 'wheel';
export const RESIZE = 'resize';
export const NOTICE_WARNING = 'warning';

/** A source's line under the new job's lookup (`SourceLine['state']`). */
export const ANSWERED = 'answered';
/** Keeps a candidate's React key unique across sources (records of one source in order). */
export const KEY_JOIN = '\n';
/** A lookup that found the record (`LookupState`). */
export const FOUND = 'found';
export const CHOOSE = 'choose';
export const NOT_FOUND = 'not_found';
/** What the record panel is doing (`RecordSlice['recordBusy']`). */
export const LOOKUP = 'lookup';

/**
 * The arithmetic of a virtualized grid: which rows of cells are in view (plus some overscan above
 * and below), where they sit, and how far to scroll to bring a cell into view. Pure, so the review
 * grid renders a few dozen cells whether the book has 20 pages or 2,000, and the tests can prove it.
 */

export interface GridLayout {
  /** Cells per row (at least one). */
  columns: number;
  /** Height of one row, its gap included. */
  rowHeight: number;
}

export interface GridViewport {
  /** How many cells the grid holds. */
  count: number;
  scrollTop: number;
  viewportHeight: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling never shows a gap. */
  overscan: number;
}

export interface GridWindow {
  columns: number;
  rows: number;
  /** The height of the whole grid, as if every row were rendered. */
  totalHeight: number;
  /** Rendered rows: [firstRow, endRow). */
  firstRow: number;
  endRow: number;
  /** Rendered cells: [firstIndex, endIndex). */
  firstIndex: number;
  endIndex: number;
}

/** How many cells of at least `minCellWidth` fit in `width`, with `gap` between them. */
export function columnsFor(width: number, minCellWidth: number, gap: number): number {
  if (!(width > 0) || !(minCellWidth > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (minCellWidth + gap)));
}

export function rowCount(count: number, columns: number): number {
  return count <= 0 ? 0 : Math.ceil(count / Math.max(1, columns));
}

/** The rows and cells to render for this scroll position. */
export function gridWindow(layout: GridLayout, view: GridViewport): GridWindow {
  const columns = Math.max(1, Math.floor(layout.columns));
  const rowHeight = Math.max(1, layout.rowHeight);
  const count = Math.max(0, Math.floor(view.count));
  const rows = rowCount(count, columns);
  const totalHeight = rows * rowHeight;
  if (rows === 0) {
    return { columns, rows, totalHeight, firstRow: 0, endRow: 0, firstIndex: 0, endIndex: 0 };
  }
  const overscan = Math.max(0, Math.floor(view.overscan));
  const maxTop = Math.max(0, totalHeight - view.viewportHeight);
  const top = Math.min(Math.max(0, view.scrollTop), maxTop);
  const height = Math.max(0, view.viewportHeight);
  const firstVisible = Math.min(rows - 1, Math.floor(top / rowHeight));
  const endVisible = Math.min(rows, Math.max(firstVisible + 1, Math.ceil((top + height) / rowHeight)));
  const firstRow = Math.max(0, firstVisible - overscan);
  const endRow = Math.min(rows, endVisible + overscan);
  return {
    columns,
    rows,
    totalHeight,
    firstRow,
    endRow,
    firstIndex: firstRow * columns,
    endIndex: Math.min(count, endRow * columns),
  };
}

/**
 * The scroll position that shows cell `index` whole, moving as little as possible: unchanged when
 * it is already in view, else just far enough that it sits at the top or the bottom edge.
 */
export function scrollToReveal(
  index: number,
  layout: GridLayout,
  scrollTop: number,
  viewportHeight: number,
): number {
  const columns = Math.max(1, Math.floor(layout.columns));
  const row = Math.floor(Math.max(0, index) / columns);
  const top = row * layout.rowHeight;
  const bottom = top + layout.rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** The top of the row that holds cell `index`. */
export function rowTop(index: number, layout: GridLayout): number {
  return Math.floor(Math.max(0, index) / Math.max(1, Math.floor(layout.columns))) * layout.rowHeight;
}

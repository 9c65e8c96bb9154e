import { describe, expect, it } from 'vitest';
import {
  columnsFor,
  gridWindow,
  rowCount,
  rowTop,
  scrollToReveal,
} from '../../../renderer/src/screens/operator/jobs/windowing.js';

const layout = { columns: 6, rowHeight: 200 };

describe('columnsFor', () => {
  it('fits as many cells of the minimum width as the width allows, gaps included', () => {
    expect(columnsFor(1000, 132, 8)).toBe(7); // 7 × 132 + 6 × 8 = 972
    expect(columnsFor(971, 132, 8)).toBe(6);
    expect(columnsFor(132, 132, 8)).toBe(1);
  });

  it('is never less than one, even before the grid is measured', () => {
    expect(columnsFor(0, 132, 8)).toBe(1);
    expect(columnsFor(50, 132, 8)).toBe(1);
    expect(columnsFor(Number.NaN, 132, 8)).toBe(1);
  });
});

describe('gridWindow', () => {
  it('renders only the rows in view and the overscan at 2,000 pages', () => {
    const win = gridWindow(layout, { count: 2000, scrollTop: 20_000, viewportHeight: 700, overscan: 2 });
    expect(win.rows).toBe(334); // ceil(2000 / 6)
    expect(win.totalHeight).toBe(334 * 200);
    // Rows 100..103 are visible (20,000 to 20,700 px); two more above and below.
    expect(win.firstRow).toBe(98);
    expect(win.endRow).toBe(106);
    expect(win.firstIndex).toBe(98 * 6);
    expect(win.endIndex).toBe(106 * 6);
    expect(win.endIndex - win.firstIndex).toBeLessThanOrEqual(48);
  });

  it('renders the same small number of cells wherever the grid is scrolled', () => {
    for (let top = 0; top <= 334 * 200; top += 1337) {
      const win = gridWindow(layout, { count: 2000, scrollTop: top, viewportHeight: 700, overscan: 2 });
      expect(win.endIndex - win.firstIndex).toBeLessThanOrEqual((Math.ceil(700 / 200) + 1 + 4) * 6);
      expect(win.firstIndex).toBeGreaterThanOrEqual(0);
      expect(win.endIndex).toBeLessThanOrEqual(2000);
      // The viewport is always covered.
      expect(win.firstRow * 200).toBeLessThanOrEqual(Math.min(top, win.totalHeight - 700));
      expect(win.endRow * 200).toBeGreaterThanOrEqual(Math.min(top + 700, win.totalHeight));
    }
  });

  it('clamps at the start and at the end', () => {
    const start = gridWindow(layout, { count: 2000, scrollTop: -50, viewportHeight: 700, overscan: 2 });
    expect(start.firstRow).toBe(0);
    expect(start.endRow).toBe(6);
    const end = gridWindow(layout, { count: 2000, scrollTop: 10_000_000, viewportHeight: 700, overscan: 2 });
    expect(end.endRow).toBe(334);
    expect(end.endIndex).toBe(2000);
    expect(end.firstRow).toBe(334 - 4 - 2);
  });

  it('ends the last row at the last cell', () => {
    const win = gridWindow(layout, { count: 13, scrollTop: 0, viewportHeight: 2000, overscan: 2 });
    expect(win.rows).toBe(3);
    expect(win.endIndex).toBe(13);
  });

  it('renders nothing for no pages, and one row before the viewport is measured', () => {
    expect(gridWindow(layout, { count: 0, scrollTop: 0, viewportHeight: 700, overscan: 2 })).toMatchObject({
      rows: 0,
      totalHeight: 0,
      firstIndex: 0,
      endIndex: 0,
    });
    const unmeasured = gridWindow(layout, { count: 100, scrollTop: 0, viewportHeight: 0, overscan: 0 });
    expect(unmeasured.endRow - unmeasured.firstRow).toBe(1);
  });
});

describe('scrollToReveal', () => {
  it('does not move when the cell is in view', () => {
    expect(scrollToReveal(13, layout, 300, 700)).toBe(300); // row 2: 400..600
  });

  it('scrolls up to a cell above, with its row at the top', () => {
    expect(scrollToReveal(0, layout, 900, 700)).toBe(0);
    expect(scrollToReveal(30, layout, 2000, 700)).toBe(1000);
  });

  it('scrolls down to a cell below, with its row at the bottom', () => {
    expect(scrollToReveal(60, layout, 0, 700)).toBe(10 * 200 + 200 - 700);
  });

  it('knows where each cell’s row starts', () => {
    expect(rowTop(0, layout)).toBe(0);
    expect(rowTop(5, layout)).toBe(0);
    expect(rowTop(6, layout)).toBe(200);
    expect(rowCount(12, 6)).toBe(2);
    expect(rowCount(13, 6)).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { moveTo } from '../../../electron/station/digitization/pages/ordering.js';
import {
  captureKey,
  gridKey,
  isUndoKey,
  viewerKey,
} from '../../../renderer/src/screens/operator/jobs/keys.js';
import {
  applyMove,
  clickSelect,
  dropPosition,
  EMPTY_SELECTION,
  focusEdge,
  moveFocus,
  movePosition,
  pruneSelection,
  rangeBetween,
  selectAll,
  selectedInOrder,
  selectOne,
} from '../../../renderer/src/stores/page-selection.js';

const order = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const ids = (sel: { ids: ReadonlySet<number> }) => [...sel.ids].sort((a, b) => a - b);

describe('selection by click', () => {
  it('a click selects one page and makes it the anchor', () => {
    const sel = clickSelect(EMPTY_SELECTION, order, 13);
    expect(ids(sel)).toEqual([13]);
    expect(sel.anchor).toBe(13);
    expect(sel.focus).toBe(13);
  });

  it('Shift+click selects the range from the anchor, either way', () => {
    const one = clickSelect(EMPTY_SELECTION, order, 13);
    expect(ids(clickSelect(one, order, 16, { shift: true }))).toEqual([13, 14, 15, 16]);
    expect(ids(clickSelect(one, order, 11, { shift: true }))).toEqual([11, 12, 13]);
    // The anchor stays: a second Shift+click replaces the range.
    const twice = clickSelect(clickSelect(one, order, 16, { shift: true }), order, 12, { shift: true });
    expect(ids(twice)).toEqual([12, 13]);
    expect(twice.anchor).toBe(13);
  });

  it('Ctrl+click adds or removes one page; Ctrl+Shift adds a range', () => {
    let sel = clickSelect(EMPTY_SELECTION, order, 12);
    sel = clickSelect(sel, order, 18, { toggle: true });
    expect(ids(sel)).toEqual([12, 18]);
    sel = clickSelect(sel, order, 12, { toggle: true });
    expect(ids(sel)).toEqual([18]);
    // The anchor is the page last Ctrl+clicked, even when that click took it out (as file managers do).
    sel = clickSelect(sel, order, 16, { toggle: true });
    sel = clickSelect(sel, order, 14, { toggle: true, shift: true });
    expect(ids(sel)).toEqual([14, 15, 16, 18]);
  });

  it('ranges follow the order shown, not the ids', () => {
    const shuffled = [20, 11, 15, 12];
    expect(rangeBetween(shuffled, 11, 12)).toEqual([11, 15, 12]);
    expect(rangeBetween(shuffled, null, 15)).toEqual([15]);
    expect(rangeBetween(shuffled, 99, 15)).toEqual([15]);
    expect(rangeBetween(shuffled, 11, 99)).toEqual([]);
  });
});

describe('selection by keyboard', () => {
  it('arrows move the focus and select the page reached, clamped to the grid', () => {
    let sel = selectOne(13);
    sel = moveFocus(sel, order, 1);
    expect(ids(sel)).toEqual([14]);
    sel = moveFocus(sel, order, 6);
    expect(ids(sel)).toEqual([20]);
    sel = moveFocus(sel, order, 6);
    expect(sel.focus).toBe(20);
    sel = moveFocus(sel, order, -100);
    expect(sel.focus).toBe(11);
  });

  it('Shift+arrows extend the range from the anchor', () => {
    let sel = selectOne(14);
    sel = moveFocus(sel, order, 1, true);
    sel = moveFocus(sel, order, 1, true);
    expect(ids(sel)).toEqual([14, 15, 16]);
    sel = moveFocus(sel, order, -4, true);
    expect(ids(sel)).toEqual([12, 13, 14]);
    expect(sel.anchor).toBe(14);
  });

  it('starts at the first (or last) page when nothing has the focus', () => {
    expect(moveFocus(EMPTY_SELECTION, order, 1).focus).toBe(11);
    expect(moveFocus(EMPTY_SELECTION, order, -1).focus).toBe(20);
    expect(moveFocus(EMPTY_SELECTION, [], 1)).toBe(EMPTY_SELECTION);
    expect(focusEdge(selectOne(15), order, 'last', true).ids.size).toBe(6);
  });

  it('select all, in page order; pruning drops deleted or hidden pages', () => {
    const all = selectAll(order);
    expect(selectedInOrder(all, [20, 11])).toEqual([20, 11]);
    const pruned = pruneSelection(all, [11, 12]);
    expect(ids(pruned)).toEqual([11, 12]);
    expect(pruned.focus).toBeNull();
    const same = selectOne(12);
    expect(pruneSelection(same, order)).toBe(same);
  });
});

describe('move positions', () => {
  const expectMoved = (sel: number[], step: Parameters<typeof movePosition>[2], expected: number[]) => {
    const position = movePosition(order, sel, step);
    expect(position).not.toBeNull();
    // The position means the same to the core's own arithmetic.
    expect(moveTo(order, sel, position!)).toEqual(expected);
    expect(applyMove(order, sel, position!)).toEqual(expected);
  };

  it('moves one page a place earlier or later, or to either end', () => {
    expectMoved([20], 'first', [20, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expectMoved([11], 'last', [12, 13, 14, 15, 16, 17, 18, 19, 20, 11]);
    expectMoved([13], -1, [11, 13, 12, 14, 15, 16, 17, 18, 19, 20]);
    expectMoved([13], 1, [11, 12, 14, 13, 15, 16, 17, 18, 19, 20]);
    expectMoved([13], 4, [11, 12, 14, 15, 16, 17, 13, 18, 19, 20]);
  });

  it('moves a range together', () => {
    expectMoved([13, 14, 15], 1, [11, 12, 16, 13, 14, 15, 17, 18, 19, 20]);
    expectMoved([13, 14, 15], -2, [13, 14, 15, 11, 12, 16, 17, 18, 19, 20]);
  });

  it('is null when nothing would change', () => {
    expect(movePosition(order, [11], 'first')).toBeNull();
    expect(movePosition(order, [11], -1)).toBeNull();
    expect(movePosition(order, [20], 1)).toBeNull();
    expect(movePosition(order, [], 1)).toBeNull();
  });

  it('drops before or after a page', () => {
    const p = dropPosition(order, [20], 12, 'before');
    expect(moveTo(order, [20], p!)).toEqual([11, 20, 12, 13, 14, 15, 16, 17, 18, 19]);
    const q = dropPosition(order, [11, 12], 15, 'after');
    expect(moveTo(order, [11, 12], q!)).toEqual([13, 14, 15, 11, 12, 16, 17, 18, 19, 20]);
    expect(dropPosition(order, [12], 12, 'before')).toBeNull();
    expect(dropPosition(order, [12], 13, 'before')).toBeNull();
    expect(dropPosition(order, [12], 11, 'after')).toBeNull();
  });
});

describe('keys', () => {
  const key = (
    k: string,
    mods: Partial<{ shift: boolean; ctrl: boolean; alt: boolean; code: string }> = {},
  ) => ({
    key: k,
    code: mods.code ?? '',
    shiftKey: mods.shift ?? false,
    ctrlKey: mods.ctrl ?? false,
    altKey: mods.alt ?? false,
    metaKey: false,
  });

  it('capture: Space and PageDown (the pedal) scan, Escape stops', () => {
    expect(captureKey(key(' ', { code: 'Space' }))).toBe('scan');
    expect(captureKey(key('PageDown'))).toBe('scan');
    expect(captureKey({ ...key('PageDown'), repeat: true })).toBeNull();
    expect(captureKey(key('Escape'))).toBe('stop');
    expect(captureKey(key('PageDown', { ctrl: true }))).toBeNull();
  });

  it('review: arrows select, Alt+arrows move by a place or a row, Alt+Home/End to the ends', () => {
    expect(gridKey(key('ArrowRight'), 5)).toEqual({ kind: 'focus', delta: 1, extend: false });
    expect(gridKey(key('ArrowDown', { shift: true }), 5)).toEqual({ kind: 'focus', delta: 5, extend: true });
    expect(gridKey(key('ArrowLeft', { alt: true }), 5)).toEqual({ kind: 'move', step: -1 });
    expect(gridKey(key('ArrowUp', { alt: true }), 5)).toEqual({ kind: 'move', step: -5 });
    expect(gridKey(key('Home', { alt: true }), 5)).toEqual({ kind: 'move', step: 'first' });
    expect(gridKey(key('End', { alt: true }), 5)).toEqual({ kind: 'move', step: 'last' });
    expect(gridKey(key('Delete'), 5)).toEqual({ kind: 'delete' });
    expect(gridKey(key('ф', { code: 'KeyA', ctrl: true }), 5)).toEqual({ kind: 'selectAll' });
    expect(gridKey(key('к', { code: 'KeyR', shift: true }), 5)).toEqual({ kind: 'rotate', by: -90 });
    expect(gridKey(key('Enter'), 5)).toEqual({ kind: 'open' });
    expect(gridKey(key('x'), 5)).toBeNull();
  });

  it('Ctrl+Z undoes whatever the layout; the viewer zooms with + and −', () => {
    expect(isUndoKey(key('я', { code: 'KeyZ', ctrl: true }))).toBe(true);
    expect(isUndoKey(key('z', { code: 'KeyZ', ctrl: true, shift: true }))).toBe(false);
    expect(viewerKey(key('+'))).toBe('zoomIn');
    expect(viewerKey(key('-'))).toBe('zoomOut');
    expect(viewerKey(key('0'))).toBe('zoomReset');
    expect(viewerKey(key('ArrowRight'))).toBe('next');
    expect(viewerKey(key('Escape'))).toBe('close');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  insertBeside,
  moveTo,
  restoredOrder,
  without,
} from '../../../electron/station/digitization/pages/ordering.js';

/** A page order (distinct ids) and a non-empty selection from it. */
const orderAndPick = fc
  .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 40 })
  .chain((order) =>
    fc.tuple(fc.constant(order), fc.subarray(order, { minLength: 1 }), fc.integer({ min: -3, max: 50 })),
  );

describe('page order', () => {
  it('moveTo puts the chosen pages together at the position, in their order, and keeps every page once', () => {
    fc.assert(
      fc.property(orderAndPick, ([order, ids, position]) => {
        const next = moveTo(order, ids, position);
        expect([...next].sort((a, b) => a - b)).toEqual([...order].sort((a, b) => a - b));
        const moved = order.filter((id) => ids.includes(id));
        const at = Math.min(Math.max(position, 1), order.length - ids.length + 1) - 1;
        expect(next.slice(at, at + moved.length)).toEqual(moved);
        expect(next.filter((id) => !ids.includes(id))).toEqual(order.filter((id) => !ids.includes(id)));
      }),
    );
  });

  it('moveTo examples: drag to the front, to the end, one step down', () => {
    expect(moveTo([1, 2, 3, 4, 5], [4, 5], 1)).toEqual([4, 5, 1, 2, 3]);
    expect(moveTo([1, 2, 3, 4, 5], [1], 99)).toEqual([2, 3, 4, 5, 1]);
    expect(moveTo([1, 2, 3, 4, 5], [2], 3)).toEqual([1, 3, 2, 4, 5]);
  });

  it('insertBeside places a page before or after another', () => {
    expect(insertBeside([1, 2, 3], 9, 2, 'before')).toEqual([1, 9, 2, 3]);
    expect(insertBeside([1, 2, 3], 9, 3, 'after')).toEqual([1, 2, 3, 9]);
    expect(() => insertBeside([1, 2, 3], 9, 7, 'after')).toThrow(RangeError);
  });

  it('restoredOrder brings the saved order back and keeps pages captured since at the end', () => {
    expect(without([1, 2, 3, 4], [2, 4])).toEqual([1, 3]);
    expect(restoredOrder([3, 1, 2], [1, 2, 3, 7, 8])).toEqual([3, 1, 2, 7, 8]);
    // A page no longer live (set aside by undo) is left out.
    expect(restoredOrder([3, 1, 2], [1, 2])).toEqual([1, 2]);
    fc.assert(
      fc.property(orderAndPick, ([order, ids, position]) => {
        expect(restoredOrder(order, moveTo(order, ids, position))).toEqual(order);
      }),
    );
  });
});

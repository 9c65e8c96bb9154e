import { describe, expect, it } from 'vitest';
import type { ItemOutcome, KioskItemEvent } from '../../../electron/station/contract/index.js';
import {
  addRenewRows,
  addScannedRow,
  failRows,
  type ItemRow,
  mergePadItem,
  mergeRenewOutcomes,
  RowState,
  updateRow,
} from '../../../renderer/src/stores/kiosk-rows.js';
import { item } from '../../integration/devices/helpers.js';

function outcome(itemId: string, ok = true, action: ItemOutcome['action'] = 'checkout'): ItemOutcome {
  return item({ action, itemId, ok });
}

function row(key: number, itemId: string, state: RowState, action: ItemRow['action'] = 'checkout'): ItemRow {
  return { key, action, itemId, state, outcome: null, error: null };
}

function counter(from: number): () => number {
  let n = from;
  return () => ++n;
}

const padEvent = (patch: Partial<KioskItemEvent>): KioskItemEvent => ({
  action: 'checkout',
  itemId: 'B1',
  state: 'pending',
  set: null,
  outcome: null,
  ...patch,
});

describe('kiosk rows', () => {
  it('updateRow patches one row by key', () => {
    const rows = [row(2, 'B2', 'pending'), row(1, 'B1', 'pending')];
    const next = updateRow(rows, 1, { state: 'ok' });
    expect(next.map((r) => r.state)).toEqual(['pending', 'ok']);
    expect(rows[1]!.state).toBe('pending');
  });

  it('a book on the pad gets a new row first, then its row follows the events', () => {
    const first = mergePadItem([row(1, 'B0', 'ok')], padEvent({ state: 'pending' }), counter(1));
    expect(first.map((r) => [r.key, r.itemId, r.state])).toEqual([
      [2, 'B1', 'pending'],
      [1, 'B0', 'ok'],
    ]);
    const done = mergePadItem(first, padEvent({ state: 'done', outcome: outcome('B1', false) }), counter(9));
    expect(done.map((r) => [r.key, r.state])).toEqual([
      [2, 'error'],
      [1, 'ok'],
    ]);
    expect(done[0]!.outcome?.itemId).toBe('B1');
  });

  it('a failed row is not reused: the pad item gets a new one', () => {
    const rows = [row(1, 'B1', 'error')];
    const next = mergePadItem(rows, padEvent({ state: 'pending' }), counter(1));
    expect(next.map((r) => [r.key, r.state])).toEqual([
      [2, 'pending'],
      [1, 'error'],
    ]);
  });

  it('a set waits for its parts and goes when every part is lifted off', () => {
    const waiting = mergePadItem(
      [],
      padEvent({ state: 'waiting', set: { parts: 2, present: [1] } }),
      counter(0),
    );
    expect(waiting[0]).toMatchObject({ state: RowState.waiting, set: { parts: 2, present: [1] } });
    const lifted = mergePadItem(
      waiting,
      padEvent({ state: 'waiting', set: { parts: 2, present: [] } }),
      counter(5),
    );
    expect(lifted).toEqual([]);
  });

  it('lifting a set with no waiting row changes nothing (the same array)', () => {
    const rows = [row(1, 'B1', 'ok')];
    const next = mergePadItem(
      rows,
      padEvent({ state: 'waiting', set: { parts: 2, present: [] } }),
      counter(1),
    );
    expect(next).toBe(rows);
  });

  it('a scan adds one pending row per item and action, replacing a failed one', () => {
    expect(addScannedRow([row(1, 'B1', 'pending')], 'checkout', 'B1', 2)).toBeNull();
    expect(addScannedRow([row(1, 'B1', 'ok')], 'checkout', 'B1', 2)).toBeNull();
    const retried = addScannedRow([row(1, 'B1', 'error'), row(0, 'B0', 'ok')], 'checkout', 'B1', 2);
    expect(retried?.map((r) => [r.key, r.itemId, r.state])).toEqual([
      [2, 'B1', 'pending'],
      [0, 'B0', 'ok'],
    ]);
    const other = addScannedRow([row(1, 'B1', 'ok')], 'checkin', 'B1', 2);
    expect(other?.map((r) => [r.key, r.action])).toEqual([
      [2, 'checkin'],
      [1, 'checkout'],
    ]);
  });

  it('renew all: pending rows for loans not renewed yet, then their outcomes', () => {
    const rows = [row(1, 'L1', 'ok', 'renew'), row(2, 'L2', 'error', 'renew'), row(3, 'X', 'ok')];
    const loans = [{ itemId: 'L1' }, { itemId: 'L2' }, { itemId: 'L3' }];
    const added = addRenewRows(rows, loans, counter(3));
    expect([...added.keys]).toEqual([4, 5]);
    expect([...added.ids]).toEqual(['L2', 'L3']);
    expect(added.rows.map((r) => [r.key, r.itemId, r.state])).toEqual([
      [4, 'L2', 'pending'],
      [5, 'L3', 'pending'],
      [1, 'L1', 'ok'],
      [3, 'X', 'ok'],
    ]);

    const merged = mergeRenewOutcomes(
      added.rows,
      added.keys,
      added.ids,
      [outcome('L2', true, 'renew'), outcome('L9', false, 'renew')],
      counter(5),
    );
    // L9 was not asked about: a new row; L3 had no answer: its row goes.
    expect(merged.map((r) => [r.key, r.itemId, r.state])).toEqual([
      [6, 'L9', 'error'],
      [4, 'L2', 'ok'],
      [1, 'L1', 'ok'],
      [3, 'X', 'ok'],
    ]);
  });

  it('a failed renew call marks only its pending rows', () => {
    const rows = [row(4, 'L2', 'pending', 'renew'), row(1, 'L1', 'ok', 'renew')];
    const error = { code: 'DISCONNECTED', message: 'gone' } as const;
    const failed = failRows(rows, new Set([4]), error as never);
    expect(failed.map((r) => [r.key, r.state, r.error])).toEqual([
      [4, 'error', error],
      [1, 'ok', null],
    ]);
  });
});

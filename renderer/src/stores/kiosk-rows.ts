import type { ContractError, ItemOutcome, KioskAction, KioskItemEvent } from '@contract/index.js';

/**
 * The kiosk's item rows and how events and replies merge into them: pure functions of the rows (newest
 * first), so the kiosk store only decides when. New rows take their key from `nextKey`.
 */

/**
 * An item row: waiting for the library system, done, or not done; or, for a set in several parts
 * on the RFID pad, waiting for its other parts. Also its `data-state`.
 */
export const RowState = {
  pending: 'pending',
  ok: 'ok',
  error: 'error',
  waiting: 'waiting',
} as const;
export type RowState = (typeof RowState)[keyof typeof RowState];

/** One scanned (or typed, or chosen) item: pending at once, then the library system's answer. */
export interface ItemRow {
  key: number;
  action: KioskAction;
  itemId: string;
  state: RowState;
  outcome: ItemOutcome | null;
  /** A contract error (no session, no connection…), when the call itself failed. */
  error: ContractError | null;
  /** A set in several parts on the RFID pad: how many, and which are there. */
  set?: { parts: number; present: number[] } | null;
}

export function updateRow(rows: readonly ItemRow[], key: number, patch: Partial<ItemRow>): ItemRow[] {
  return rows.map((row) => (row.key === key ? { ...row, ...patch } : row));
}

/**
 * A book on the pad, as the station reports it: its row appears, waits for parts, resolves. The same
 * array when nothing changes.
 */
export function mergePadItem(rows: ItemRow[], event: KioskItemEvent, nextKey: () => number): ItemRow[] {
  const same = (row: ItemRow) =>
    row.action === event.action && row.itemId === event.itemId && row.state !== RowState.error;
  const existing = rows.find(same);
  if (event.state === 'waiting' && event.set?.present.length === 0) {
    // Every part of a waiting set was lifted off the pad.
    return existing?.state === RowState.waiting ? rows.filter((row) => row !== existing) : rows;
  }
  const outcome = event.outcome;
  const patch: Partial<ItemRow> = {
    state:
      event.state === 'waiting'
        ? RowState.waiting
        : event.state === 'pending' || !outcome
          ? RowState.pending
          : outcome.ok
            ? RowState.ok
            : RowState.error,
    outcome,
    error: null,
    set: event.set,
  };
  if (existing) return updateRow(rows, existing.key, patch);
  const row: ItemRow = {
    key: nextKey(),
    action: event.action,
    itemId: event.itemId,
    state: RowState.pending,
    outcome: null,
    error: null,
    ...patch,
  };
  return [row, ...rows];
}

/**
 * A scanned item's pending row, replacing a failed one for the same item and action; null when the
 * item already has a row (scanners and pads report the same item twice: one row per item and action).
 */
export function addScannedRow(
  rows: readonly ItemRow[],
  action: KioskAction,
  itemId: string,
  key: number,
): ItemRow[] | null {
  const same = (row: ItemRow) => row.action === action && row.itemId === itemId;
  if (rows.some((row) => same(row) && row.state !== RowState.error)) return null;
  const row: ItemRow = { key, action, itemId, state: RowState.pending, outcome: null, error: null };
  return [row, ...rows.filter((r) => !same(r))];
}

/** Renew all: a pending row per loan not renewed yet, replacing the loan's earlier renew rows. */
export function addRenewRows(
  rows: readonly ItemRow[],
  loans: readonly { itemId: string }[],
  nextKey: () => number,
): { rows: ItemRow[]; keys: Set<number>; ids: Set<string> } {
  const done = (itemId: string) =>
    rows.some((r) => r.action === 'renew' && r.itemId === itemId && r.state !== RowState.error);
  const pending: ItemRow[] = loans
    .filter((loan) => !done(loan.itemId))
    .map((loan) => ({
      key: nextKey(),
      action: 'renew',
      itemId: loan.itemId,
      state: RowState.pending,
      outcome: null,
      error: null,
    }));
  const keys = new Set(pending.map((r) => r.key));
  const ids = new Set(pending.map((r) => r.itemId));
  return {
    rows: [...pending, ...rows.filter((r) => !(r.action === 'renew' && ids.has(r.itemId)))],
    keys,
    ids,
  };
}

/** The renew call failed: its pending rows (`keys`) show the error. */
export function failRows(
  rows: readonly ItemRow[],
  keys: ReadonlySet<number>,
  error: ContractError,
): ItemRow[] {
  return rows.map((r) => (keys.has(r.key) ? { ...r, state: RowState.error, error } : r));
}

/**
 * The renew call's outcomes: pending rows (`keys`, for items `ids`) resolve, or go when the library
 * system said nothing about them; outcomes for items not asked about come as new rows.
 */
export function mergeRenewOutcomes(
  rows: readonly ItemRow[],
  keys: ReadonlySet<number>,
  ids: ReadonlySet<string>,
  outcomes: readonly ItemOutcome[],
  nextKey: () => number,
): ItemRow[] {
  const byItem = new Map(outcomes.map((o) => [o.itemId, o]));
  const fresh: ItemRow[] = outcomes
    .filter((o) => !ids.has(o.itemId))
    .map((o) => ({
      key: nextKey(),
      action: 'renew',
      itemId: o.itemId,
      state: o.ok ? RowState.ok : RowState.error,
      outcome: o,
      error: null,
    }));
  return [
    ...fresh,
    ...rows.flatMap((r): ItemRow[] => {
      if (!keys.has(r.key)) return [r];
      const o = byItem.get(r.itemId);
      // The library system said nothing about this one: leave it as it was.
      return o ? [{ ...r, state: o.ok ? RowState.ok : RowState.error, outcome: o }] : [];
    }),
  ];
}

/**
 * Which pages of the review grid are selected, and where a move puts them. Pure functions over the
 * page ids in the order shown: a click selects one page, Shift extends a range from the anchor,
 * Ctrl adds or removes one, arrows move the focus (with Shift, the range follows).
 */

export interface Selection {
  /** Selected page ids. */
  readonly ids: ReadonlySet<number>;
  /** Where a Shift range starts: the last page clicked or reached without Shift. */
  readonly anchor: number | null;
  /** The page the keyboard is on (the grid's active descendant). */
  readonly focus: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null, focus: null };

export interface ClickModifiers {
  shift?: boolean;
  /** Ctrl, or Cmd on a Mac. */
  toggle?: boolean;
}

/** The ids from `a` to `b` (either order) as they stand in `order`; just `b` when `a` is not there. */
export function rangeBetween(order: readonly number[], a: number | null, b: number): number[] {
  const j = order.indexOf(b);
  if (j < 0) return [];
  const i = a === null ? -1 : order.indexOf(a);
  if (i < 0) return [b];
  return order.slice(Math.min(i, j), Math.max(i, j) + 1);
}

export function selectOne(id: number): Selection {
  return { ids: new Set([id]), anchor: id, focus: id };
}

/** A click on page `id`, with or without Shift and Ctrl. */
export function clickSelect(
  sel: Selection,
  order: readonly number[],
  id: number,
  mods: ClickModifiers = {},
): Selection {
  if (!order.includes(id)) return sel;
  if (mods.shift) {
    const range = rangeBetween(order, sel.anchor, id);
    const ids = mods.toggle ? new Set([...sel.ids, ...range]) : new Set(range);
    return { ids, anchor: sel.anchor ?? id, focus: id };
  }
  if (mods.toggle) {
    const ids = new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id, focus: id };
  }
  return selectOne(id);
}

/**
 * Arrow keys: the focus moves `delta` places (±1 across, ±columns down or up), clamped to the
 * grid. Without Shift the page reached becomes the selection; with Shift the range anchor..focus.
 */
export function moveFocus(
  sel: Selection,
  order: readonly number[],
  delta: number,
  extend = false,
): Selection {
  if (order.length === 0) return sel;
  const at = sel.focus === null ? -1 : order.indexOf(sel.focus);
  const next =
    at < 0 ? (delta < 0 ? order.length - 1 : 0) : Math.min(order.length - 1, Math.max(0, at + delta));
  const id = order[next]!;
  if (!extend) return selectOne(id);
  const anchor = sel.anchor !== null && order.includes(sel.anchor) ? sel.anchor : (sel.focus ?? id);
  return { ids: new Set(rangeBetween(order, anchor, id)), anchor, focus: id };
}

/** Home/End: the first or last page (with Shift, the range to it). */
export function focusEdge(sel: Selection, order: readonly number[], edge: 'first' | 'last', extend = false) {
  return moveFocus(sel, order, edge === 'first' ? -order.length : order.length, extend);
}

export function selectAll(order: readonly number[]): Selection {
  if (order.length === 0) return EMPTY_SELECTION;
  return { ids: new Set(order), anchor: order[0]!, focus: order[order.length - 1]! };
}

/** Drops pages that are gone (deleted, or hidden by a filter); the focus and anchor with them. */
export function pruneSelection(sel: Selection, order: readonly number[]): Selection {
  const present = new Set(order);
  const kept = [...sel.ids].filter((id) => present.has(id));
  const focus = sel.focus !== null && present.has(sel.focus) ? sel.focus : null;
  const anchor = sel.anchor !== null && present.has(sel.anchor) ? sel.anchor : null;
  if (kept.length === sel.ids.size && focus === sel.focus && anchor === sel.anchor) return sel;
  return { ids: new Set(kept), anchor, focus };
}

/** The selected ids in page order. */
export function selectedInOrder(sel: Selection, order: readonly number[]): number[] {
  return sel.ids.size === 0 ? [] : order.filter((id) => sel.ids.has(id));
}

/** Where a keyboard move takes the selection: a number of places, or to either end. */
export type MoveStep = number | 'first' | 'last';

/**
 * The `position` for `pages.move` (1-based, in the resulting order, as the core reads it) that moves
 * `ids` `step` places, or to the start or end; null when nothing would change.
 */
export function movePosition(
  order: readonly number[],
  ids: readonly number[],
  step: MoveStep,
): number | null {
  const moving = new Set(ids);
  const first = order.findIndex((id) => moving.has(id));
  if (first < 0) return null;
  const restLength = order.length - order.filter((id) => moving.has(id)).length;
  const wanted = step === 'first' ? 1 : step === 'last' ? restLength + 1 : first + 1 + step;
  const position = Math.min(Math.max(1, wanted), restLength + 1);
  return sameOrder(order, applyMove(order, ids, position)) ? null : position;
}

/** The `position` for dropping `ids` just before or after page `target`; null when nothing changes. */
export function dropPosition(
  order: readonly number[],
  ids: readonly number[],
  target: number,
  where: 'before' | 'after',
): number | null {
  const moving = new Set(ids);
  if (moving.has(target)) return null;
  const rest = order.filter((id) => !moving.has(id));
  const at = rest.indexOf(target);
  if (at < 0) return null;
  const position = (where === 'before' ? at : at + 1) + 1;
  return sameOrder(order, applyMove(order, ids, position)) ? null : position;
}

/** The order after moving `ids` so the first of them lands at `position` (as the core does it). */
export function applyMove(order: readonly number[], ids: readonly number[], position: number): number[] {
  const moving = new Set(ids);
  const moved = order.filter((id) => moving.has(id));
  const rest = order.filter((id) => !moving.has(id));
  const at = Math.min(Math.max(Math.trunc(position), 1), rest.length + 1) - 1;
  return [...rest.slice(0, at), ...moved, ...rest.slice(at)];
}

function sameOrder(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

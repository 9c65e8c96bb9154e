/**
 * Page order as a list of page ids, first page first. Pure functions: the operations compute the
 * new order here and write it in one transaction.
 */

/**
 * Moves `ids` (kept in their current relative order) so the first of them lands at `position`
 * (1-based, in the resulting order). Positions past the end put them last.
 */
export function moveTo(order: readonly number[], ids: readonly number[], position: number): number[] {
  const moving = new Set(ids);
  const moved = order.filter((id) => moving.has(id));
  const rest = order.filter((id) => !moving.has(id));
  const at = Math.min(Math.max(Math.trunc(position), 1), rest.length + 1) - 1;
  return [...rest.slice(0, at), ...moved, ...rest.slice(at)];
}

/** Inserts `id` just before or just after `anchor`. */
export function insertBeside(
  order: readonly number[],
  id: number,
  anchor: number,
  where: 'before' | 'after',
): number[] {
  const at = order.indexOf(anchor);
  if (at < 0) throw new RangeError(`Page ${anchor} is not in the order.`);
  const index = where === 'before' ? at : at + 1;
  return [...order.slice(0, index), id, ...order.slice(index)];
}

export function without(order: readonly number[], ids: readonly number[]): number[] {
  const gone = new Set(ids);
  return order.filter((id) => !gone.has(id));
}

/**
 * The order to restore on undo: the saved order for the pages it knows, and after them, in their
 * current order, pages captured since (appending a page is not an operation, so undo leaves it).
 */
export function restoredOrder(saved: readonly number[], live: readonly number[]): number[] {
  const alive = new Set(live);
  const known = new Set(saved);
  return [...saved.filter((id) => alive.has(id)), ...live.filter((id) => !known.has(id))];
}

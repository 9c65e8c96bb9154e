import type { ItemOutcome, ItemReason, KioskAction } from '../contract/index.js';

/**
 * An item the kiosk turned down itself, without an answer from the library system: a rule of its
 * own (id pattern, action not allowed) or a failure on the way (the pad's queue, an unreachable
 * library system).
 */
export function refusedByKiosk(action: KioskAction, itemId: string, reason: ItemReason): ItemOutcome {
  return {
    action,
    itemId,
    ok: false,
    title: null,
    dueDate: null,
    reason,
    screenMessages: [],
    security: null,
    pending: false,
  };
}

import type { KioskAction } from '@contract/index.js';
import type { ItemRow } from '../../stores/kiosk.js';

export interface SessionSummary {
  done: Record<KioskAction, number>;
  failed: number;
}

/** What this visit did: books borrowed, returned, renewed, and how many could not be. */
export function summarize(rows: readonly ItemRow[]): SessionSummary {
  const done: Record<KioskAction, number> = { checkout: 0, checkin: 0, renew: 0 };
  let failed = 0;
  for (const row of rows) {
    if (row.state === 'ok') done[row.action] += 1;
    else if (row.state === 'error') failed += 1;
  }
  return { done, failed };
}

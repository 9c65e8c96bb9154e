import type { ItemOutcome, Receipt } from '../../../electron/station/contract/kiosk.js';

export function item(over: Partial<ItemOutcome>): ItemOutcome {
  return {
    action: 'checkout',
    itemId: '31234000012346',
    ok: true,
    title: null,
    dueDate: null,
    reason: null,
    screenMessages: [],
    security: null,
    pending: false,
    ...over,
  };
}

/** A receipt with a borrowed book, a pending one (offline) and a refused one. */
export function sampleReceipt(
  titles: [string, string, string],
  patronName: string,
  library: string,
): Receipt {
  return {
    patronName,
    library,
    printedAt: '2025-03-12T09:05:00Z',
    items: [
      item({ itemId: '31234000012346', title: titles[0], dueDate: '2025-04-02' }),
      item({ itemId: '31234000012353', title: titles[1], dueDate: '2025-04-02', pending: true }),
      item({ itemId: '31234000012361', title: titles[2], ok: false, reason: 'ALREADY_ON_LOAN' }),
    ],
  };
}

export async function until(test: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

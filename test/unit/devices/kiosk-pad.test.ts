import { describe, expect, it } from 'vitest';
import { KioskPad, type PadTag } from '../../../electron/station/circulation/kiosk-pad.js';
import type { KioskService } from '../../../electron/station/circulation/kiosk-service.js';
import type {
  ItemOutcome,
  KioskAction,
  KioskCardEvent,
  KioskItemEvent,
} from '../../../electron/station/contract/index.js';
import { StationError } from '../../../electron/station/errors.js';
import { EventHub } from '../../../electron/station/events.js';

/** KioskPad's rules with a scripted kiosk service and pad: no reader, no library system. */

const tick = () => new Promise((r) => setTimeout(r, 0));

function outcome(action: KioskAction, itemId: string, over: Partial<ItemOutcome> = {}): ItemOutcome {
  return {
    action,
    itemId,
    ok: true,
    title: null,
    dueDate: null,
    reason: null,
    screenMessages: [],
    security: action === 'checkout' ? 'desensitize' : 'resensitize',
    pending: false,
    ...over,
  };
}

function setup(options: { session?: boolean; failWrites?: string[] } = {}) {
  const events = new EventHub();
  const items: KioskItemEvent[] = [];
  const cards: KioskCardEvent[] = [];
  events.on('kiosk.item', (e) => items.push(e));
  events.on('kiosk.card', (e) => cards.push(e));
  let session = options.session ?? true;
  const transactions: string[] = [];
  const writes: string[] = [];
  const reports: string[] = [];
  const kiosk = {
    status: () => ({ session: session ? { name: 'R', screenMessages: [], offline: false } : null }),
    identify: async ({ patronId }: { patronId: string }) => {
      if (patronId === '2100001') throw new StationError('PIN_REQUIRED', 'PIN');
      session = true;
      return { name: 'R', screenMessages: [], offline: false };
    },
    transact: async (action: KioskAction, itemId: string) => {
      if (!session && action === 'checkout') throw new StationError('NO_SESSION', 'none');
      transactions.push(`${action} ${itemId}`);
      return pad.secure(outcome(action, itemId));
    },
  } as unknown as KioskService;
  const pad: KioskPad = new KioskPad({
    kiosk,
    events,
    security: () => ({ secured: { afi: 7, eas: true }, unsecured: { afi: 0xc2, eas: false } }),
    port: {
      setSecurity: async (_device, uid, values) => {
        if (options.failWrites?.includes(uid)) throw new Error('locked');
        writes.push(`${uid} ${values.afi.toString(16)} ${values.eas}`);
      },
      reportSecurityFailure: (_device, uid, itemId) => reports.push(`${uid} ${itemId}`),
    },
  });
  return {
    pad,
    items,
    cards,
    transactions,
    writes,
    reports,
    endSession: () => {
      session = false;
      pad.sessionEnded();
    },
  };
}

const book = (uid: string, itemId: string, set: PadTag['set'] = null): PadTag => ({
  deviceId: 'pad',
  uid,
  kind: 'item',
  itemId,
  patronId: null,
  owner: 'UZ-BITIG',
  set,
});
const card = (uid: string, patronId: string): PadTag => ({
  deviceId: 'pad',
  uid,
  kind: 'patron',
  itemId: null,
  patronId,
  owner: null,
  set: null,
});

describe('KioskPad', () => {
  it('identifies a card only when nobody is signed in, and says when the PIN is needed', async () => {
    const t = setup({ session: false });
    t.pad.arrived(card('C1', '2100001'));
    await tick();
    expect(t.cards).toEqual([{ state: 'checking' }, { state: 'pin-required', patronId: '2100001' }]);
    t.pad.arrived(card('C2', '2100007'));
    await tick();
    expect(t.cards.at(-1)).toMatchObject({ state: 'identified' });
    t.pad.arrived(card('C3', '2100008'));
    await tick();
    expect(t.cards).toHaveLength(4);
  });

  it('lends books once per placing, book by book, setting security on each', async () => {
    const t = setup();
    t.pad.arrived(book('A', '1'));
    t.pad.arrived(book('B', '2'));
    await tick();
    expect(t.items).toEqual([]);
    t.pad.setAction('checkout');
    expect(t.items.map((e) => `${e.itemId} ${e.state}`)).toEqual(['1 pending', '2 pending']);
    await tick();
    await tick();
    expect(t.transactions).toEqual(['checkout 1', 'checkout 2']);
    expect(t.writes).toEqual(['A c2 false', 'B c2 false']);
    // Still on the pad: switching to returns leaves them alone.
    t.pad.setAction('checkin');
    await tick();
    expect(t.transactions).toHaveLength(2);
    t.pad.left('A');
    t.pad.arrived(book('A', '1'));
    await tick();
    await tick();
    expect(t.transactions.at(-1)).toBe('checkin 1');
    expect(t.writes.at(-1)).toBe('A 7 true');
  });

  it('waits for every part of a set, and drops the row when the parts are lifted', async () => {
    const t = setup();
    t.pad.setAction('checkout');
    t.pad.arrived(book('P1', '9', { parts: 3, part: 1 }));
    t.pad.arrived(book('P3', '9', { parts: 3, part: 3 }));
    expect(t.items.map((e) => e.set?.present)).toEqual([[1], [1, 3]]);
    t.pad.left('P3');
    t.pad.left('P1');
    expect(t.items.at(-1)).toMatchObject({ state: 'waiting', set: { parts: 3, present: [] } });
    for (const part of [1, 2, 3]) t.pad.arrived(book(`P${part}`, '9', { parts: 3, part }));
    await tick();
    await tick();
    expect(t.transactions).toEqual(['checkout 9']);
    expect(t.writes).toEqual(['P1 c2 false', 'P2 c2 false', 'P3 c2 false']);
  });

  it('marks a failed security write on the outcome and reports it', async () => {
    const t = setup({ failWrites: ['B'] });
    t.pad.setAction('checkout');
    t.pad.arrived(book('B', '2'));
    await tick();
    await tick();
    expect(t.items.at(-1)).toMatchObject({ state: 'done', outcome: { ok: true, securityFailed: true } });
    expect(t.reports).toEqual(['B 2']);
  });

  it('leaves books for the next patron when the session ended before they were handled', async () => {
    const t = setup();
    t.pad.setAction('checkout');
    t.endSession();
    t.pad.arrived(book('A', '1'));
    await tick();
    expect(t.transactions).toEqual([]);
    expect(t.items).toEqual([]);
  });
});

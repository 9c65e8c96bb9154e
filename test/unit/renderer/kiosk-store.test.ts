import { describe, expect, it } from 'vitest';
import type {
  Account,
  ErrorCode,
  ItemOutcome,
  KioskStatus,
  PatronSummary,
  Receipt,
  Result,
} from '../../../electron/station/contract/index.js';
import { allowedActions, idleTimeoutApplies } from '../../../renderer/src/screens/kiosk/flow.js';
import { summarize } from '../../../renderer/src/screens/kiosk/summary.js';
import { createKioskStore, type KioskState, patronFreeState } from '../../../renderer/src/stores/kiosk.js';
import { KioskStep } from '../../../renderer/src/stores/kiosk-steps.js';
import { FakeApi } from './fake-api.js';
import { KIOSK_STATUS } from './kiosk-fixtures.js';

const PATRON: PatronSummary = {
  name: 'Gʻulomova Dilnoza Rustamovna',
  screenMessages: ['Kitobni oʻz vaqtida qaytaring'],
  offline: false,
};
const CARD = '2100001';
const PIN = '1234';

const STATUS = KIOSK_STATUS;

function outcome(
  action: ItemOutcome['action'],
  itemId: string,
  ok: boolean,
  extra: Partial<ItemOutcome> = {},
) {
  const value: ItemOutcome = {
    action,
    itemId,
    ok,
    title: ok ? `Title of ${itemId}` : null,
    dueDate: ok ? '2026-12-06T12:00:00.000Z' : null,
    reason: ok ? null : 'NOT_FOR_LOAN',
    screenMessages: ok ? [] : [`Library says no to ${itemId}`],
    security: null,
    pending: false,
    ...extra,
  };
  return value;
}

const ACCOUNT: Account = {
  name: PATRON.name,
  loans: [
    { itemId: '3100002', title: 'Mehrobdan chayon', dueDate: '2026-11-28T00:00:00.000Z', overdue: false },
    { itemId: '3100003', title: 'Kecha va kunduz', dueDate: '2026-11-01T00:00:00.000Z', overdue: true },
  ],
  holds: [{ itemId: '3100006', title: 'Ikki eshik orasi', ready: true }],
  fines: { amount: '18000.00', currency: 'UZS' },
  screenMessages: ['Sizda jarima bor'],
};

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (code: ErrorCode, screenMessages?: string[]): Result<never> => ({
  ok: false,
  error: { code, message: code, ...(screenMessages ? { screenMessages } : {}) },
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A core that knows the demo patron and answers every kiosk call. */
function demoApi(status: Partial<KioskStatus> = {}) {
  return new FakeApi()
    .handle('kiosk.status', () => ok({ ...STATUS, ...status }))
    .handle('kiosk.identify', (input) => {
      const { patronId, pin } = input as { patronId: string; pin?: string };
      if (patronId !== CARD) return fail('PATRON_UNKNOWN');
      if (pin === undefined) return fail('PIN_REQUIRED');
      if (pin !== PIN) return fail('PIN_WRONG', ['Wrong PIN, 2 tries left']);
      return ok(PATRON);
    })
    .handle('kiosk.checkout', (input) => {
      const { itemId } = input as { itemId: string };
      return ok(outcome('checkout', itemId, itemId !== '3100011'));
    })
    .handle('kiosk.checkin', (input) => ok(outcome('checkin', (input as { itemId: string }).itemId, true)))
    .handle('kiosk.renew', (input) => ok(outcome('renew', (input as { itemId: string }).itemId, true)))
    .handle('kiosk.renewAll', () =>
      ok([outcome('renew', '3100002', true), outcome('renew', '3100003', false)]),
    )
    .handle('kiosk.account', () => ok(ACCOUNT))
    .handle('kiosk.endSession', (input) => {
      const { reason } = input as { reason: string };
      if (reason !== 'finished') return ok(null);
      const receipt: Receipt = {
        patronName: PATRON.name,
        library: 'BITIG-DEMO',
        printedAt: '2026-11-22T10:00:00.000Z',
        items: [outcome('checkout', '3100001', true)],
      };
      return ok(receipt);
    });
}

async function signIn(store: ReturnType<typeof createKioskStore>) {
  await store.getState().loadStatus();
  await store.getState().presentCard(CARD);
  for (const d of PIN) store.getState().typeKey(d);
  await store.getState().submitEntry();
}

/** Every string a patron left in the store, however deep. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** The store's data (not its functions), as JSON. */
function dataOf(state: KioskState): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([, v]) => typeof v !== 'function'));
}

describe('kiosk store: identifying a patron', () => {
  it('asks for the PIN when the library system requires one, then opens the session', async () => {
    const api = demoApi();
    const store = createKioskStore(api);
    await store.getState().loadStatus();
    await store.getState().presentCard(CARD);
    expect(store.getState()).toMatchObject({
      step: KioskStep.identify,
      identifyPhase: 'pin',
      identifyError: null,
    });
    for (const d of PIN) store.getState().typeKey(d);
    expect(store.getState().entry).toBe(PIN);
    await store.getState().submitEntry();
    expect(store.getState()).toMatchObject({
      step: KioskStep.home,
      patron: PATRON,
      entry: '',
      cardNumber: null,
    });
    expect(api.calls.filter((c) => c.method === 'kiosk.identify').map((c) => c.input)).toEqual([
      { patronId: CARD, entry: 'scan' },
      { patronId: CARD, pin: PIN, entry: 'scan' },
    ]);
  });

  it('asks for the PIN first when the policy is always', async () => {
    const api = demoApi({ pinPolicy: 'always' });
    const store = createKioskStore(api);
    await store.getState().loadStatus();
    await store.getState().presentCard(CARD);
    expect(store.getState().identifyPhase).toBe('pin');
    expect(api.calls.some((c) => c.method === 'kiosk.identify')).toBe(false);
  });

  it('keeps the PIN step with the error and the library’s message after a wrong PIN', async () => {
    const sounds: string[] = [];
    const store = createKioskStore(demoApi(), { feedback: (kind) => sounds.push(kind) });
    await store.getState().loadStatus();
    await store.getState().presentCard(CARD);
    for (const d of '9999') store.getState().typeKey(d);
    await store.getState().submitEntry();
    expect(store.getState()).toMatchObject({
      identifyPhase: 'pin',
      entry: '',
      identifyError: { code: 'PIN_WRONG', screenMessages: ['Wrong PIN, 2 tries left'] },
    });
    expect(sounds).toEqual(['failure']);
  });

  it('ends the visit after the third wrong PIN: the card is dropped and the lock is shown', async () => {
    let wrong = 0;
    const retryAt = { at: '2026-12-07T18:41:00.000Z', timeZone: 'Asia/Tashkent' };
    const api = demoApi().handle('kiosk.identify', (input) => {
      const { pin } = input as { pin?: string };
      if (pin === undefined) return fail('PIN_REQUIRED');
      wrong += 1;
      return wrong < 3
        ? fail('PIN_WRONG')
        : { ok: false, error: { code: 'PATRON_PIN_LOCKED', message: 'x', retryAt } };
    });
    const store = createKioskStore(api);
    await store.getState().loadStatus();
    await store.getState().presentCard(CARD);
    for (const pin of ['1111', '2222']) {
      for (const d of pin) store.getState().typeKey(d);
      await store.getState().submitEntry();
      expect(store.getState()).toMatchObject({ identifyPhase: 'pin', identifyError: { code: 'PIN_WRONG' } });
    }
    for (const d of '3333') store.getState().typeKey(d);
    await store.getState().submitEntry();
    expect(store.getState()).toMatchObject({
      step: KioskStep.identify,
      identifyPhase: 'failed',
      identifyError: { code: 'PATRON_PIN_LOCKED', retryAt },
      cardNumber: null,
      entry: '',
      patron: null,
    });
    // Nothing left to type a fourth PIN for: OK sends nothing more.
    for (const d of '4444') store.getState().typeKey(d);
    await store.getState().submitEntry();
    expect(api.calls.filter((c) => c.method === 'kiosk.identify')).toHaveLength(4);
  });

  it('lets a typed card number be corrected when it is unknown', async () => {
    const api = demoApi();
    const store = createKioskStore(api);
    await store.getState().loadStatus();
    store.getState().startTypedCard();
    for (const ch of '2100009') store.getState().typeKey(ch);
    await store.getState().submitEntry();
    expect(store.getState()).toMatchObject({
      step: KioskStep.identify,
      identifyPhase: 'card',
      entry: '2100009',
      identifyError: { code: 'PATRON_UNKNOWN' },
    });
    expect(api.calls.find((c) => c.method === 'kiosk.identify')?.input).toEqual({
      patronId: '2100009',
      entry: 'typed',
    });
  });

  it('shows a scanned unknown card as a failure to start over from', async () => {
    const store = createKioskStore(demoApi());
    await store.getState().loadStatus();
    store.getState().scan('9999999');
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState()).toMatchObject({
      identifyPhase: 'failed',
      identifyError: { code: 'PATRON_UNKNOWN' },
    });
  });

  it('ignores cards on a kiosk that is not set up (its welcome screen says so)', async () => {
    const api = demoApi({ configured: false });
    const store = createKioskStore(api);
    await store.getState().loadStatus();
    store.getState().scan(CARD);
    expect(store.getState().step).toBe(KioskStep.welcome);
    expect(api.calls.some((c) => c.method === 'kiosk.identify')).toBe(false);
  });

  it('ends a session the core opened after the patron was already wiped', async () => {
    const reply = deferred<Result<PatronSummary>>();
    const api = demoApi().handle('kiosk.identify', () => reply.promise);
    const store = createKioskStore(api);
    await store.getState().loadStatus();
    const identifying = store.getState().presentCard(CARD);
    store.getState().expireIdle();
    reply.resolve(ok(PATRON));
    await identifying;
    expect(store.getState().patron).toBeNull();
    expect(api.calls.at(-1)).toEqual({ method: 'kiosk.endSession', input: { reason: 'cancelled' } });
  });
});

describe('kiosk store: items', () => {
  it('shows a scanned item at once as pending, then its outcome', async () => {
    const reply = deferred<Result<ItemOutcome>>();
    const api = demoApi().handle('kiosk.checkout', () => reply.promise);
    const store = createKioskStore(api);
    await signIn(store);
    store.getState().chooseAction('checkout');
    const scanning = store.getState().scanItem('3100001');
    expect(store.getState().rows).toMatchObject([{ itemId: '3100001', state: 'pending', outcome: null }]);
    reply.resolve(ok(outcome('checkout', '3100001', true)));
    await scanning;
    expect(store.getState().rows).toMatchObject([
      { itemId: '3100001', state: 'ok', outcome: { title: 'Title of 3100001' } },
    ]);
  });

  it('shows a refusal with its reason, newest first, and ignores a double scan', async () => {
    const sounds: string[] = [];
    const api = demoApi();
    const store = createKioskStore(api, { feedback: (kind) => sounds.push(kind) });
    await signIn(store);
    store.getState().chooseAction('checkout');
    await store.getState().scanItem('3100001');
    await store.getState().scanItem('3100011');
    await store.getState().scanItem('3100001');
    expect(store.getState().rows.map((r) => [r.itemId, r.state, r.outcome?.reason])).toEqual([
      ['3100011', 'error', 'NOT_FOR_LOAN'],
      ['3100001', 'ok', null],
    ]);
    expect(api.calls.filter((c) => c.method === 'kiosk.checkout')).toHaveLength(2);
    expect(sounds).toEqual(['success', 'success', 'failure']);
  });

  it('turns a failed call into an error row', async () => {
    const api = demoApi().handle('kiosk.checkout', () => fail('LIBRARY_UNREACHABLE'));
    const store = createKioskStore(api);
    await signIn(store);
    store.getState().chooseAction('checkout');
    await store.getState().scanItem('3100001');
    expect(store.getState().rows[0]).toMatchObject({
      state: 'error',
      error: { code: 'LIBRARY_UNREACHABLE' },
    });
  });

  it('routes a scan by the step: card on welcome, item on the items screen, checkout from home', async () => {
    const api = demoApi();
    const store = createKioskStore(api);
    await signIn(store);
    store.getState().scan('3100001');
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState()).toMatchObject({ step: KioskStep.items, action: 'checkout' });
    expect(store.getState().rows[0]).toMatchObject({ itemId: '3100001', state: 'ok' });
  });

  it('returns books without a card', async () => {
    const api = demoApi();
    const store = createKioskStore(api);
    await store.getState().loadStatus();
    store.getState().startReturns();
    expect(store.getState()).toMatchObject({ step: KioskStep.items, action: 'checkin', patron: null });
    await store.getState().scanItem('3100002');
    expect(store.getState().rows[0]).toMatchObject({ action: 'checkin', state: 'ok' });
    await store.getState().finish();
    expect(store.getState().step).toBe(KioskStep.finish);
    expect(api.calls.some((c) => c.method === 'kiosk.endSession')).toBe(false);
  });

  it('renews all loans and shows each answer on its loan', async () => {
    const store = createKioskStore(demoApi());
    await signIn(store);
    store.getState().chooseAction('renew');
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().account?.loans).toHaveLength(2);
    await store.getState().renewAll();
    expect(store.getState().rows.map((r) => [r.itemId, r.state])).toEqual([
      ['3100002', 'ok'],
      ['3100003', 'error'],
    ]);
  });
});

describe('kiosk store: the end of a session', () => {
  it('finishes with the receipt', async () => {
    const api = demoApi();
    const store = createKioskStore(api);
    await signIn(store);
    await store.getState().finish();
    expect(store.getState()).toMatchObject({
      step: KioskStep.finish,
      finishing: false,
      receipt: { patronName: PATRON.name },
    });
    expect(api.calls.at(-1)).toEqual({ method: 'kiosk.endSession', input: { reason: 'finished' } });
  });

  it('asks for the receipt in the language on screen, the patron’s for the visit', async () => {
    const api = demoApi();
    let onScreen: 'ru' | 'kk' = 'ru';
    const store = createKioskStore(api, { language: () => onScreen });
    await signIn(store);
    onScreen = 'kk';
    await store.getState().finish();
    expect(api.calls.at(-1)).toEqual({
      method: 'kiosk.endSession',
      input: { reason: 'finished', language: 'kk' },
    });
  });

  it('ends the session as idle at the timeout and drops replies that arrive after it', async () => {
    const reply = deferred<Result<ItemOutcome>>();
    const api = demoApi().handle('kiosk.checkout', () => reply.promise);
    const store = createKioskStore(api);
    await signIn(store);
    store.getState().chooseAction('checkout');
    const scanning = store.getState().scanItem('3100001');
    store.getState().expireIdle();
    expect(api.calls.at(-1)).toEqual({ method: 'kiosk.endSession', input: { reason: 'idle' } });
    reply.resolve(ok(outcome('checkout', '3100001', true)));
    await scanning;
    expect(store.getState().rows).toEqual([]);
    expect(store.getState().step).toBe(KioskStep.welcome);
  });

  it('never keeps the patron named in a kiosk.status event', () => {
    const api = demoApi();
    const store = createKioskStore(api);
    api.emit('kiosk.status', { ...STATUS, online: false, session: PATRON });
    expect(store.getState().status).toMatchObject({ online: false, session: null });
    expect(JSON.stringify(dataOf(store.getState()))).not.toContain(PATRON.name);
  });

  it('picks up a session the core still holds after a reload of the screen', async () => {
    const store = createKioskStore(demoApi({ session: PATRON }));
    await store.getState().loadStatus();
    expect(store.getState()).toMatchObject({
      step: KioskStep.home,
      patron: PATRON,
      status: { session: null },
    });
  });
});

describe('kiosk store: wipe', () => {
  it('leaves nothing of the patron in the store', async () => {
    const api = demoApi();
    const store = createKioskStore(api);
    await signIn(store);
    // A full visit: borrow (one refused), renew, the account, a half-typed number, the receipt.
    store.getState().chooseAction('checkout');
    await store.getState().scanItem('3100001');
    await store.getState().scanItem('3100011');
    store.getState().chooseAction('renew');
    await store.getState().loadAccount();
    await store.getState().renewAll();
    store.getState().setKeyboardOpen(true);
    for (const ch of '31000') store.getState().typeKey(ch);
    await store.getState().finish();
    api.emit('kiosk.status', { ...STATUS, session: PATRON });

    const traces = [
      PATRON.name,
      ...PATRON.screenMessages,
      CARD,
      PIN,
      '31000',
      '3100001',
      '3100011',
      '3100002',
      '3100003',
      '3100006',
      'Mehrobdan chayon',
      'Kecha va kunduz',
      'Ikki eshik orasi',
      'Title of 3100001',
      'Library says no to 3100011',
      'Sizda jarima bor',
      '18000.00',
      'BITIG-DEMO',
      '2026-12-06T12:00:00.000Z',
    ];
    const before = strings(dataOf(store.getState())).join('\n');
    // The visit really did put all of this in the store (so the check below is not vacuous).
    for (const trace of traces.filter((t) => t !== PIN && t !== CARD)) expect(before).toContain(trace);
    expect(store.getState().receipt).not.toBeNull();

    store.getState().wipe();

    const after = dataOf(store.getState());
    const text = strings(after).join('\n');
    for (const trace of traces) expect(text).not.toContain(trace);
    // Exactly the patron-free state, plus the kiosk's own status (without a session).
    const { status, statusError, ...patronData } = after;
    expect(patronData).toEqual(patronFreeState());
    expect(status).toEqual({ ...STATUS, session: null });
    expect(statusError).toBeNull();
  });

  it('makes a fresh state every time (no array shared between patrons)', () => {
    const a = patronFreeState();
    const b = patronFreeState();
    expect(a).toEqual(b);
    expect(a.rows).not.toBe(b.rows);
  });

  it('is what the idle timeout does', async () => {
    const store = createKioskStore(demoApi());
    await signIn(store);
    store.getState().chooseAction('checkout');
    await store.getState().scanItem('3100001');
    store.getState().expireIdle();
    const { status: _status, statusError: _error, ...patronData } = dataOf(store.getState());
    expect(patronData).toEqual(patronFreeState());
    expect(JSON.stringify(dataOf(store.getState()))).not.toContain(PATRON.name);
  });
});

/** A kiosk store whose onWipe (the bound store's language reset) notes what the store held then. */
function counted(api = demoApi()) {
  const wipes: { step: KioskStep; patron: PatronSummary | null }[] = [];
  const store = createKioskStore(api, {
    onWipe: () => wipes.push({ step: store.getState().step, patron: store.getState().patron }),
  });
  return { api, store, wipes };
}

describe('kiosk store: the wipe hook (onWipe)', () => {
  it('runs after the finish screen’s wipe (“Done” or its countdown), the patron already gone', async () => {
    const { store, wipes } = counted();
    await signIn(store);
    await store.getState().finish();
    expect(wipes).toEqual([]);
    store.getState().wipe();
    expect(wipes).toEqual([{ step: KioskStep.welcome, patron: null }]);
  });

  it('runs at the idle timeout, with or without a signed-in patron', async () => {
    const { store, wipes } = counted();
    await signIn(store);
    store.getState().expireIdle();
    expect(wipes).toHaveLength(1);
    store.getState().startTypedCard();
    store.getState().expireIdle();
    expect(wipes).toHaveLength(2);
  });

  it('runs when the patron cancels: identify’s cancel, and back from returns without a card', async () => {
    const { store, wipes } = counted();
    await store.getState().loadStatus();
    await store.getState().presentCard(CARD);
    expect(store.getState().identifyPhase).toBe('pin');
    store.getState().wipe();
    expect(wipes).toHaveLength(1);
    store.getState().startReturns();
    store.getState().goHome();
    expect(store.getState().step).toBe(KioskStep.welcome);
    expect(wipes).toHaveLength(2);
  });

  it('runs when staff leave the admin screen', async () => {
    const { store, wipes } = counted();
    await store.getState().loadStatus();
    store.getState().openAdmin();
    expect(store.getState().step).toBe(KioskStep.admin);
    store.getState().closeAdmin();
    expect(store.getState().step).toBe(KioskStep.welcome);
    expect(wipes).toHaveLength(1);
  });

  it('runs when the next patron’s card is scanned on the finish screen', async () => {
    const { store, wipes } = counted();
    await signIn(store);
    await store.getState().finish();
    store.getState().scan(CARD);
    expect(wipes).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().step).toBe(KioskStep.identify);
  });

  it('runs when the next patron’s card is placed on the pad after returns without a card', async () => {
    const { api, store, wipes } = counted();
    await store.getState().loadStatus();
    const stop = store.getState().connectDevices();
    store.getState().startReturns();
    await store.getState().scanItem('3100002');
    await store.getState().finish();
    expect(wipes).toEqual([]);
    api.emit('kiosk.card', { state: 'checking' });
    expect(wipes).toHaveLength(1);
    expect(store.getState()).toMatchObject({ step: KioskStep.identify, rows: [] });
    stop();
  });

  it('does not run while the visit goes on (back home, finishing)', async () => {
    const { store, wipes } = counted();
    await signIn(store);
    store.getState().chooseAction('checkout');
    store.getState().goHome();
    store.getState().openAccount();
    await store.getState().finish();
    expect(wipes).toEqual([]);
  });

  it('never undoes the wipe when it throws', async () => {
    const store = createKioskStore(demoApi(), {
      onWipe: () => {
        throw new Error('hook failed');
      },
    });
    await signIn(store);
    expect(() => store.getState().wipe()).not.toThrow();
    expect(store.getState()).toMatchObject({ step: KioskStep.welcome, patron: null });
  });
});

describe('kiosk flow helpers', () => {
  it('offers only the actions the kiosk allows, in a fixed order', () => {
    expect(allowedActions(null)).toEqual([]);
    expect(allowedActions(STATUS)).toEqual(['checkout', 'checkin', 'renew']);
    expect(allowedActions({ ...STATUS, actions: { checkout: false, checkin: true, renew: true } })).toEqual([
      'checkin',
      'renew',
    ]);
  });

  it('runs the idle timeout only while someone is at the kiosk', () => {
    expect(idleTimeoutApplies(KioskStep.welcome)).toBe(false);
    expect(idleTimeoutApplies(KioskStep.finish)).toBe(false);
    for (const step of [KioskStep.identify, KioskStep.home, KioskStep.items, KioskStep.account]) {
      expect(idleTimeoutApplies(step)).toBe(true);
    }
  });

  it('summarizes a visit by action, with what failed', async () => {
    const store = createKioskStore(demoApi());
    await signIn(store);
    store.getState().chooseAction('checkout');
    await store.getState().scanItem('3100001');
    await store.getState().scanItem('3100011');
    store.getState().chooseAction('checkin');
    await store.getState().scanItem('3100002');
    expect(summarize(store.getState().rows)).toEqual({
      done: { checkout: 1, checkin: 1, renew: 0 },
      failed: 1,
    });
  });
});

import { describe, expect, it } from 'vitest';
import type {
  ItemOutcome,
  KioskItemEvent,
  PatronSummary,
  Result,
} from '../../../electron/station/contract/index.js';
import { createDemoPanelStore } from '../../../renderer/src/stores/demo.js';
import { createDevicesStore } from '../../../renderer/src/stores/devices.js';
import { createKioskStore } from '../../../renderer/src/stores/kiosk.js';
import { KioskStep } from '../../../renderer/src/stores/kiosk-steps.js';
import { FakeApi } from './fake-api.js';
import { KIOSK_STATUS } from './kiosk-fixtures.js';

/** The kiosk store with the station's devices: barcodes from serial readers, the RFID pad. */

const PATRON: PatronSummary = { name: 'Jumaniyozova Shahzoda', screenMessages: [], offline: false };
const STATUS = KIOSK_STATUS;
const ok = <T>(value: T): Result<T> => ({ ok: true, value });

function lent(itemId: string, extra: Partial<ItemOutcome> = {}): ItemOutcome {
  return {
    action: 'checkout',
    itemId,
    ok: true,
    title: `Title of ${itemId}`,
    dueDate: '2026-12-06T12:00:00.000Z',
    reason: null,
    screenMessages: [],
    security: 'desensitize',
    pending: false,
    securityFailed: false,
    ...extra,
  };
}

function api() {
  return new FakeApi()
    .handle('kiosk.status', () => ok(STATUS))
    .handle('kiosk.setAction', () => ok({ ok: true }))
    .handle('kiosk.identify', (input) =>
      (input as { pin?: string }).pin === '7890'
        ? ok(PATRON)
        : { ok: false, error: { code: 'PIN_REQUIRED', message: 'PIN' } },
    )
    .handle('kiosk.checkout', (input) => ok(lent((input as { itemId: string }).itemId)))
    .handle('kiosk.endSession', () => ok(null));
}

const item = (over: Partial<KioskItemEvent>): KioskItemEvent => ({
  action: 'checkout',
  itemId: '3100001',
  state: 'pending',
  set: null,
  outcome: null,
  ...over,
});

describe('kiosk store: the RFID pad and serial barcode readers', () => {
  it('signs in with a card from the pad: checking, then the PIN, sent with entry rfid', async () => {
    const fake = api();
    const store = createKioskStore(fake);
    await store.getState().loadStatus();
    const stop = store.getState().connectDevices();
    fake.emit('kiosk.card', { state: 'checking' });
    expect(store.getState()).toMatchObject({ step: KioskStep.identify, identifyPhase: 'checking' });
    fake.emit('kiosk.card', { state: 'pin-required', patronId: '2100007' });
    expect(store.getState()).toMatchObject({ identifyPhase: 'pin', cardNumber: '2100007' });
    for (const d of '7890') store.getState().typeKey(d);
    await store.getState().submitEntry();
    expect(fake.calls.find((c) => c.method === 'kiosk.identify')?.input).toEqual({
      patronId: '2100007',
      pin: '7890',
      entry: 'rfid',
    });
    expect(store.getState()).toMatchObject({ step: KioskStep.home, patron: PATRON });
    stop();
  });

  it('opens the session at once when the pad identified the card without a PIN', async () => {
    const fake = api();
    const store = createKioskStore(fake);
    await store.getState().loadStatus();
    store.getState().connectDevices();
    fake.emit('kiosk.card', { state: 'identified', patron: PATRON });
    expect(store.getState()).toMatchObject({ step: KioskStep.home, patron: PATRON });
  });

  it('tells the pad what the patron is doing, and forgets it at the end', async () => {
    const fake = api();
    const store = createKioskStore(fake);
    await store.getState().loadStatus();
    store.getState().connectDevices();
    fake.emit('kiosk.card', { state: 'identified', patron: PATRON });
    store.getState().chooseAction('checkout');
    store.getState().goHome();
    store.getState().chooseAction('checkin');
    await store.getState().finish();
    const actions = fake.calls.filter((c) => c.method === 'kiosk.setAction').map((c) => c.input);
    expect(actions).toEqual([
      { action: null },
      { action: 'checkout' },
      { action: null },
      { action: 'checkin' },
      { action: null },
    ]);
    expect(fake.calls.at(-1)?.method).toBe('kiosk.endSession');
  });

  it('shows books from the pad as rows: waiting for parts, pending, then the outcome', async () => {
    const fake = api();
    const store = createKioskStore(fake);
    await store.getState().loadStatus();
    store.getState().connectDevices();
    fake.emit('kiosk.card', { state: 'identified', patron: PATRON });
    store.getState().chooseAction('checkout');
    fake.emit('kiosk.item', item({ itemId: '3100030', state: 'waiting', set: { parts: 2, present: [1] } }));
    fake.emit('kiosk.item', item({ itemId: '3100001' }));
    expect(store.getState().rows.map((r) => [r.itemId, r.state])).toEqual([
      ['3100001', 'pending'],
      ['3100030', 'waiting'],
    ]);
    fake.emit('kiosk.item', item({ itemId: '3100001', state: 'done', outcome: lent('3100001') }));
    fake.emit(
      'kiosk.item',
      item({ itemId: '3100030', state: 'pending', set: { parts: 2, present: [1, 2] } }),
    );
    fake.emit(
      'kiosk.item',
      item({
        itemId: '3100030',
        state: 'done',
        set: { parts: 2, present: [1, 2] },
        outcome: lent('3100030', { securityFailed: true }),
      }),
    );
    expect(store.getState().rows.map((r) => [r.itemId, r.state, r.outcome?.securityFailed])).toEqual([
      ['3100001', 'ok', false],
      ['3100030', 'ok', true],
    ]);
    // The same book scanned by barcode as well: still one row, no second call.
    await store.getState().scanItem('3100001');
    expect(fake.calls.some((c) => c.method === 'kiosk.checkout')).toBe(false);
  });

  it('drops a waiting set whose parts were all lifted, and ignores the pad when nobody is there', async () => {
    const fake = api();
    const store = createKioskStore(fake);
    await store.getState().loadStatus();
    store.getState().connectDevices();
    fake.emit('kiosk.item', item({}));
    expect(store.getState().rows).toEqual([]);
    fake.emit('kiosk.card', { state: 'identified', patron: PATRON });
    store.getState().chooseAction('checkout');
    fake.emit('kiosk.item', item({ itemId: '3100030', state: 'waiting', set: { parts: 2, present: [2] } }));
    fake.emit('kiosk.item', item({ itemId: '3100030', state: 'waiting', set: { parts: 2, present: [] } }));
    expect(store.getState().rows).toEqual([]);
  });

  it('takes barcodes from serial readers as scans, but not on the admin screen', async () => {
    const fake = api();
    const store = createKioskStore(fake);
    await store.getState().loadStatus();
    store.getState().connectDevices();
    store.getState().openAdmin();
    fake.emit('barcode.scanned', { text: '2100007', symbology: 'codabar', deviceId: 'serial' });
    expect(fake.calls.some((c) => c.method === 'kiosk.identify')).toBe(false);
    store.getState().closeAdmin();
    fake.emit('barcode.scanned', { text: '2100007', symbology: 'codabar', deviceId: 'serial' });
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.calls.find((c) => c.method === 'kiosk.identify')?.input).toEqual({
      patronId: '2100007',
      entry: 'scan',
    });
    expect(store.getState().identifyPhase).toBe('pin');
  });

  it('closes a session the pad opened while staff are on the admin screen', async () => {
    const fake = api();
    const store = createKioskStore(fake);
    await store.getState().loadStatus();
    store.getState().connectDevices();
    store.getState().openAdmin();
    fake.emit('kiosk.card', { state: 'identified', patron: PATRON });
    expect(store.getState().patron).toBeNull();
    expect(fake.calls.at(-1)).toEqual({ method: 'kiosk.endSession', input: { reason: 'cancelled' } });
  });
});

describe('devices and demo panel stores', () => {
  it('loads the devices, runs a test and reloads as devices report', async () => {
    let lists = 0;
    const fake = new FakeApi()
      .handle('devices.list', () => {
        lists += 1;
        return ok({ devices: [], demo: true });
      })
      .handle('devices.test', () => ok({ ok: true, action: 'beep' as const }));
    const store = createDevicesStore(fake);
    await store.getState().load();
    expect(store.getState().overview).toEqual({ devices: [], demo: true });
    await store.getState().runTest('pad', 'beep');
    expect(store.getState().tests.pad).toMatchObject({ running: false, result: { ok: true } });
    const stop = store.getState().watch();
    const before = lists;
    fake.emit('device.status', { id: 'pad', kind: 'rfid', name: 'Pad', state: 'disconnected' });
    fake.emit('device.status', { id: 'pad', kind: 'rfid', name: 'Pad', state: 'connected' });
    await new Promise((r) => setTimeout(r, 250));
    expect(lists).toBe(before + 1);
    stop();
  });

  it('places and lifts tags and scans through the demo methods', async () => {
    const state = { available: true, pad: [], books: [], cards: [] };
    const fake = new FakeApi()
      .handle('demo.state', () => ok(state))
      .handle('demo.placeTag', () => ok(state))
      .handle('demo.removeTag', () => ok(state))
      .handle('demo.scanBarcode', () => ok({ ok: true }));
    const store = createDemoPanelStore(fake);
    store.getState().toggle();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState()).toMatchObject({ open: true, state });
    await store.getState().place('item', '3100001');
    await store.getState().remove('E004015000000001');
    store.getState().setScanText(' 3100004 ');
    await store.getState().scan();
    expect(fake.calls.map((c) => [c.method, c.input])).toEqual([
      ['demo.state', {}],
      ['demo.placeTag', { kind: 'item', id: '3100001' }],
      ['demo.removeTag', { uid: 'E004015000000001' }],
      ['demo.scanBarcode', { text: '3100004' }],
    ]);
    expect(store.getState().scanText).toBe('');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DeviceStatus,
  DevicesOverview,
  DeviceTestResult,
  KioskCardEvent,
  KioskItemEvent,
  KioskStatus,
  MethodName,
  Receipt,
  Result,
  RfidPresent,
} from '../../../electron/station/contract/index.js';
import { DEMO_DEVICE_IDS, type DemoDevices } from '../../../electron/station/devices/demo-devices.js';
import { ISO_SECURITY } from '../../../electron/station/devices/rfid/pad/security.js';
import { Station } from '../../../electron/station/station.js';
import { until } from './helpers.js';

/**
 * The kiosk and its RFID pad end to end, in demo mode: the training library as a real SIP2 server,
 * a FEIG reader simulated behind a socat pty and driven by the real FEIG driver and pad monitor,
 * the ESC/POS printer simulator on a loopback port. Cards and books are placed on the simulated
 * pad; what the kiosk did is read back from the simulator's tags and from the library system.
 */

let dir: string;
let station: Station;
let demo: DemoDevices;
const items: KioskItemEvent[] = [];
const cards: KioskCardEvent[] = [];
const statuses: DeviceStatus[] = [];
const present: RfidPresent[] = [];

async function call<T>(method: MethodName, input: unknown = {}): Promise<T> {
  const result = (await station.dispatch(method, input)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const done = (itemId: string) => items.find((e) => e.itemId === itemId && e.state === 'done');
const tagOf = (itemId: string, part = 1) => demo.tag('item', itemId, part)!;
/** The loan as the training library (the SIP2 server) recorded it in its state file. */
function loanOf(itemId: string): { patron: string } | undefined {
  const state = JSON.parse(fs.readFileSync(path.join(dir, 'demo-library', 'state.json'), 'utf8'));
  return (state.items as { barcode: string; loan?: { patron: string } }[]).find((i) => i.barcode === itemId)
    ?.loan;
}
const onLoan = (itemId: string) => loanOf(itemId) !== undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-kiosk-pad-'));
  station = Station.open({ dataDir: dir, host: 'web' });
  station.events.on('kiosk.item', (e) => items.push(e));
  station.events.on('kiosk.card', (e) => cards.push(e));
  station.events.on('device.status', (e) => statuses.push(e));
  station.events.on('rfid.present', (e) => present.push(e));
  await call('setup.complete', { role: 'kiosk', language: 'uz-Cyrl', mode: 'demo' });
  demo = station.devices.demo!;
  expect(demo.available).toBe(true);
  await until(
    () => statuses.some((s) => s.id === DEMO_DEVICE_IDS.pad && s.state === 'connected'),
    5000,
    'the pad connected',
  );
  for (let i = 0; i < 100 && !(await call<KioskStatus>('kiosk.status')).online; i++)
    await new Promise((r) => setTimeout(r, 50));
}, 30_000);

afterAll(async () => {
  await station?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the kiosk with a simulated FEIG pad (real driver, real pty, the training library)', () => {
  it('lists the simulated devices, reads the pad, beeps and prints a test page', async () => {
    const overview = await call<DevicesOverview>('devices.list');
    expect(overview.demo).toBe(true);
    const byId = new Map(overview.devices.map((d) => [d.id, d]));
    expect(byId.get(DEMO_DEVICE_IDS.pad)).toMatchObject({ kind: 'rfid', source: 'demo', model: 'feig' });
    expect(byId.get(DEMO_DEVICE_IDS.pad)?.tests).toEqual(['read-pad', 'beep']);
    expect(byId.get(DEMO_DEVICE_IDS.barcode)).toMatchObject({ kind: 'barcode', state: 'connected' });
    expect(byId.get(DEMO_DEVICE_IDS.printer)).toMatchObject({ kind: 'printer', tests: ['print-test'] });

    const book = demo.place('item', '3100012');
    const read = await call<DeviceTestResult>('devices.test', {
      id: DEMO_DEVICE_IDS.pad,
      action: 'read-pad',
    });
    expect(read.ok).toBe(true);
    expect(read.tags).toEqual([
      expect.objectContaining({
        uid: book.uid,
        kind: 'item',
        itemId: '3100012',
        model: 'iso28560-2',
        afi: 0x07,
      }),
    ]);
    demo.remove(book.uid);

    const beep = await call<DeviceTestResult>('devices.test', { id: DEMO_DEVICE_IDS.pad, action: 'beep' });
    expect(beep).toEqual({ ok: true, action: 'beep' });
    expect(demo.pad!.sim.beeps).toEqual([300]);

    const printed = demo.printer.nextReceipt();
    const test = await call<DeviceTestResult>('devices.test', {
      id: DEMO_DEVICE_IDS.printer,
      action: 'print-test',
    });
    expect(test).toEqual({ ok: true, action: 'print-test' });
    expect((await printed).lines.join('\n')).toContain('Синов чеки');
    const unsupported = await call<DeviceTestResult>('devices.test', {
      id: DEMO_DEVICE_IDS.barcode,
      action: 'beep',
    });
    expect(unsupported).toMatchObject({ ok: false, failure: 'unsupported' });

    // A serial barcode reader's scan reaches the screens as barcode.scanned.
    const scans: string[] = [];
    const off = station.events.on('barcode.scanned', (s) => scans.push(`${s.deviceId} ${s.text}`));
    await call('demo.scanBarcode', { text: '3100001' });
    await until(() => scans.length === 1, 3000, 'the scan');
    off();
    expect(scans).toEqual([`${DEMO_DEVICE_IDS.barcode} 3100001`]);
  });

  it('signs a card in, lends a stack book by book with security per book, waits for a set, reports a failed write, prints the receipt', async () => {
    // The card on the pad: the library system asks for the PIN, which the patron then types.
    demo.place('patron', '2100007');
    await until(() => cards.some((c) => c.state === 'pin-required'), 5000, 'the card read');
    expect(cards.map((c) => c.state)).toEqual(['checking', 'pin-required']);
    expect(cards[1]).toEqual({ state: 'pin-required', patronId: '2100007' });
    const patron = await call<{ name: string }>('kiosk.identify', {
      patronId: '2100007',
      pin: '7890',
      entry: 'rfid',
    });
    expect(patron.name).toBe('Jumaniyozova Shahzoda');

    // Books placed before the patron chose to borrow wait; choosing it takes them up.
    const stack = ['3100001', '3100004', '3100005'];
    const uids = stack.map((id) => demo.place('item', id).uid);
    await until(
      () => uids.every((uid) => present.some((p) => p.change === 'arrived' && p.tag.uid === uid)),
      5000,
      'the stack read',
    );
    expect(items).toEqual([]);
    await call('kiosk.setAction', { action: 'checkout' });
    await until(() => stack.every((id) => done(id)), 10_000, 'the stack lent');
    for (const id of stack) {
      const events = items.filter((e) => e.itemId === id).map((e) => e.state);
      expect(events, id).toEqual(['pending', 'done']);
      expect(done(id)?.outcome).toMatchObject({
        ok: true,
        action: 'checkout',
        security: 'desensitize',
        securityFailed: false,
      });
      // Read back from the tag itself: AFI and EAS switched to "on loan".
      expect(tagOf(id)).toMatchObject({ afi: ISO_SECURITY.unsecured.afi, eas: false });
      expect(loanOf(id)?.patron).toBe('2100007');
    }

    // A set of two parts: one part alone waits; the second completes it and it is lent as one.
    demo.place('item', '3100030');
    await until(() => items.some((e) => e.itemId === '3100030'), 5000, 'the first part');
    expect(items.filter((e) => e.itemId === '3100030')).toEqual([
      {
        action: 'checkout',
        itemId: '3100030',
        state: 'waiting',
        set: { parts: 2, present: [1] },
        outcome: null,
      },
    ]);
    await new Promise((r) => setTimeout(r, 400));
    expect(done('3100030')).toBeUndefined();
    expect(onLoan('3100030')).toBe(false);
    expect(tagOf('3100030', 1)).toMatchObject({ afi: ISO_SECURITY.secured.afi, eas: true });
    demo.place('item', '3100030');
    await until(() => done('3100030') !== undefined, 5000, 'the whole set lent');
    expect(done('3100030')?.set).toEqual({ parts: 2, present: [1, 2] });
    expect(done('3100030')?.outcome).toMatchObject({ ok: true, securityFailed: false });
    for (const part of [1, 2]) expect(tagOf('3100030', part)).toMatchObject({ afi: 0xc2, eas: false });
    expect(loanOf('3100030')?.patron).toBe('2100007');

    // A tag whose AFI cannot be written: the loan stands, the patron and staff are told.
    const stubborn = demo.place('item', '3100008');
    stubborn.afiLocked = true;
    await until(() => done('3100008') !== undefined, 5000, 'the stubborn book');
    expect(done('3100008')?.outcome).toMatchObject({ ok: true, securityFailed: true });
    expect(stubborn).toMatchObject({ afi: ISO_SECURITY.secured.afi, eas: true });
    const alarm = statuses.find((s) => s.detail?.startsWith('security-failed'));
    expect(alarm).toMatchObject({ id: DEMO_DEVICE_IDS.pad, kind: 'rfid', state: 'error' });
    expect(alarm?.detail).toContain(stubborn.uid);
    const overview = await call<DevicesOverview>('devices.list');
    const pad = overview.devices.find((d) => d.id === DEMO_DEVICE_IDS.pad)!;
    expect(pad.lastEvents.find((e) => e.type === 'security-failed')).toMatchObject({
      uid: stubborn.uid,
      itemId: '3100008',
    });
    // Card numbers are not kept in the Devices screen's history.
    expect(JSON.stringify(overview)).not.toContain('2100007');

    // Switching to returns does not return the books still lying on the pad; lifting one and
    // placing it again does, and secures it again.
    await call('kiosk.setAction', { action: 'checkin' });
    await new Promise((r) => setTimeout(r, 300));
    expect(items.filter((e) => e.action === 'checkin')).toEqual([]);
    const back = tagOf('3100004');
    demo.remove(back.uid);
    await until(() => present.some((p) => p.change === 'left' && p.uid === back.uid), 3000, 'lifted');
    demo.place('item', '3100004');
    await until(
      () => items.some((e) => e.action === 'checkin' && e.itemId === '3100004' && e.state === 'done'),
      5000,
      'the return',
    );
    expect(back).toMatchObject({ afi: ISO_SECURITY.secured.afi, eas: true });
    expect(onLoan('3100004')).toBe(false);

    // Finish: the receipt on the screen and on the receipt printer (Uzbek Cyrillic: drawn as images).
    const printed = demo.printer.nextReceipt(20_000);
    const receipt = await call<Receipt>('kiosk.endSession', { reason: 'finished' });
    expect(receipt.items.map((i) => `${i.action} ${i.itemId}`)).toEqual([
      'checkout 3100001',
      'checkout 3100004',
      'checkout 3100005',
      'checkout 3100030',
      'checkout 3100008',
      'checkin 3100004',
    ]);
    expect(receipt.items.find((i) => i.itemId === '3100008')?.securityFailed).toBe(true);
    const paper = await printed;
    expect(paper.png.startsWith(path.join(dir, 'demo-printer'))).toBe(true);
    const { data, info } = await sharp(paper.png).greyscale().raw().toBuffer({ resolveWithObject: true });
    let dark = 0;
    for (const v of data) if (v < 128) dark += 1;
    expect(info.width).toBe(576);
    expect(dark).toBeGreaterThan(5000);
    await until(
      () =>
        station.devices
          .list()
          .devices.some((d) => d.id === DEMO_DEVICE_IDS.printer && d.lastEvents[0]?.type === 'printed'),
      5000,
      'the print recorded',
    );
  }, 60_000);

  it('prints the receipt in the language the patron used, not the station’s', async () => {
    // The station speaks Uzbek (Cyrillic); this patron switched the screen to Russian for the visit.
    const ru = JSON.parse(
      fs.readFileSync(path.join('electron', 'station', 'devices', 'printer', 'locales', 'ru.json'), 'utf8'),
    );
    await call('kiosk.identify', { patronId: '2100003', pin: '3456', entry: 'scan' });
    await call('kiosk.checkout', { itemId: '3100010' });
    const printed = demo.printer.nextReceipt(20_000);
    await call<Receipt>('kiosk.endSession', { reason: 'finished', language: 'ru' });
    const paper = (await printed).lines.join('\n');
    expect(paper).toContain(ru.receipt.heading);
    expect(paper).toContain('3100010');
  });

  it('reports a printer out of paper to staff, and the receipt still reaches the screen', async () => {
    demo.printer.setPaperOut(true);
    await call('kiosk.identify', { patronId: '2100002', pin: '2345', entry: 'scan' });
    await call('kiosk.checkout', { itemId: '3100009' });
    const receipt = await call<Receipt>('kiosk.endSession', { reason: 'finished' });
    expect(receipt.items.map((i) => i.itemId)).toEqual(['3100009']);
    await until(
      () =>
        statuses.some(
          (s) => s.id === DEMO_DEVICE_IDS.printer && s.state === 'error' && s.detail === 'paper-out',
        ),
      10_000,
      'the printer reported',
    );
    const printer = (await call<DevicesOverview>('devices.list')).devices.find(
      (d) => d.id === DEMO_DEVICE_IDS.printer,
    );
    expect(printer).toMatchObject({ state: 'error', detail: 'paper-out' });
    expect(printer?.lastEvents.some((e) => e.type === 'print-failed')).toBe(true);
    demo.printer.setPaperOut(false);
  });
});

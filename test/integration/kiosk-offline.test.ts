import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemOutcome, KioskSettings, KioskStatus } from '../../electron/station/contract/index.js';
import { startTestAcs, type TestAcs } from '../../electron/station/sip2/acs/index.js';
import { Station } from '../../electron/station/station.js';
import { kioskCalls, until } from './helpers.js';

let dir: string;
let station: Station;
let acs: TestAcs;
let port: number;

const { ok, errorCode, pointAtLibrary } = kioskCalls(() => station);
const status = () => ok<KioskStatus>('kiosk.status');

/** A kiosk connected to a real SIP2 server of our own, which the test stops and starts again. */
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-offline-'));
  acs = await startTestAcs({ stateFile: path.join(dir, 'acs-state.json') });
  port = acs.port;
  station = Station.open({ dataDir: path.join(dir, 'station'), host: 'web' });
  await station.start();
  await ok('setup.complete', { role: 'kiosk', language: 'uz-Latn', mode: 'connected', staffPin: '2468' });
  await pointAtLibrary('2468', port);
  await until('online', async () => (await status()).online);
});
afterEach(async () => {
  await station.close();
  await acs.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('kiosk when the library system goes away', () => {
  it('switches to offline mode, queues what the policy allows with the original time and the promised due date, and comes back', async () => {
    await ok('kiosk.identify', { patronId: '2100002', pin: '2345' });
    const live = await ok<ItemOutcome>('kiosk.checkout', { itemId: '3100019' });
    expect(live).toMatchObject({ ok: true, pending: false });

    await acs.close();
    const before = Date.now();
    const offline = await ok<ItemOutcome>('kiosk.checkout', { itemId: '3100020' });
    expect(offline).toMatchObject({ ok: true, pending: true, reason: null });
    const promised = new Date(offline.dueDate!);
    expect(promised.getTime()).toBeGreaterThan(before + 13 * 86_400_000);
    expect((await status()).online).toBe(false);
    expect((await status()).actions).toEqual({ checkout: true, checkin: true, renew: false });

    const renew = await ok<ItemOutcome>('kiosk.renew', { itemId: '3100019' });
    expect(renew).toMatchObject({ ok: false, reason: 'NOT_ALLOWED_OFFLINE' });
    const returned = await ok<ItemOutcome>('kiosk.checkin', { itemId: '3100019' });
    expect(returned).toMatchObject({ ok: true, pending: true });

    const queued = station.outbox.get(
      station.store.db
        .prepare("SELECT idempotency_key FROM outbox WHERE ordering_key = '3100020'")
        .pluck()
        .get() as string,
    )!;
    expect(queued).toMatchObject({
      target: 'sip2',
      state: 'pending',
      payload: {
        action: 'checkout',
        patronId: '2100002',
        itemId: '3100020',
        promisedDueDate: offline.dueDate,
      },
    });
    expect(Date.parse(queued.eventTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.stringify(queued.payload)).not.toContain('2345');

    const receipt = await ok<{ items: ItemOutcome[] }>('kiosk.endSession', { reason: 'finished' });
    expect(receipt.items.filter((i) => i.pending).map((i) => i.itemId)).toEqual(['3100020', '3100019']);

    // Offline, only cards seen online recently are let in, and without their name.
    expect(await ok('kiosk.identify', { patronId: '2100002' })).toMatchObject({ name: '', offline: true });
    await ok('kiosk.endSession', { reason: 'cancelled' });
    expect(await errorCode('kiosk.identify', { patronId: '2100006', pin: '6789' })).toBe(
      'LIBRARY_UNREACHABLE',
    );

    // The library system comes back on the same address: the kiosk notices by itself.
    acs = await startTestAcs({ port, stateFile: path.join(dir, 'acs-state.json') });
    await until('back online', async () => (await status()).online);

    // The queue drains by itself, in order per book: the offline loan, then the offline return.
    await until('the queue drained', () => {
      // A row whose last try found the library away waits as `failed` until its backoff ends.
      const { pending, in_flight, failed } = station.sync.status().totals;
      return pending + in_flight + failed === 0;
    });
    expect(acs.state.item('3100020')?.loan).toMatchObject({ patron: '2100002', due: offline.dueDate });
    expect(acs.state.item('3100019')?.loan).toBeUndefined();
    const report = await ok<{ itemId: string; action: string; decision: string }[]>('sync.report', {});
    expect(report.map((r) => [r.action, r.itemId, r.decision])).toEqual([
      ['checkout', '3100020', 'accepted'],
      ['checkin', '3100019', 'accepted'],
    ]);
  });

  it("forwards what waits in the queue before a new live transaction, and reports the library's own decision", async () => {
    await ok('kiosk.identify', { patronId: '2100002', pin: '2345' });
    await acs.close();
    // Offline, the kiosk lends a book that the library has meanwhile put on hold for someone else.
    expect(await ok<ItemOutcome>('kiosk.checkout', { itemId: '3100006' })).toMatchObject({
      ok: true,
      pending: true,
    });
    await ok('kiosk.endSession', { reason: 'finished' });
    acs = await startTestAcs({ port, stateFile: path.join(dir, 'acs-state.json') });
    await until('back online', async () => (await status()).online);
    await ok('kiosk.identify', { patronId: '2100002', pin: '2345' });
    // A live return of the same book must come after the queued loan, never before it.
    const live = await ok<ItemOutcome>('kiosk.checkin', { itemId: '3100006' });
    expect(live.pending).toBe(false);
    const report = await ok<{ itemId: string; decision: string; screenMessages: string[] }[]>(
      'sync.report',
      {},
    );
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ itemId: '3100006' });
    expect(['accepted', 'refused']).toContain(report[0]!.decision);
  });

  it('refuses what would exceed the offline limit per patron', async () => {
    const { settings } = await ok<{ settings: KioskSettings }>('admin.getKioskSettings', {
      staffPin: '2468',
    });
    await ok('admin.saveKioskSettings', {
      staffPin: '2468',
      settings: { ...settings, offline: { ...settings.offline, maxItemsPerPatron: 1 } },
    });
    await until('online', async () => (await status()).online);
    await ok('kiosk.identify', { patronId: '2100007', pin: '7890' });
    await acs.close();
    expect(await ok<ItemOutcome>('kiosk.checkout', { itemId: '3100001' })).toMatchObject({
      ok: true,
      pending: true,
    });
    expect(await ok<ItemOutcome>('kiosk.checkout', { itemId: '3100004' })).toMatchObject({
      ok: false,
      reason: 'OFFLINE_LIMIT_REACHED',
    });
    acs = await startTestAcs({ port, stateFile: path.join(dir, 'acs-state.json') });
  });
});

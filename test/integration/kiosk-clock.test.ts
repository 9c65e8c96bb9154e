import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ItemOutcome, KioskStatus, Result } from '../../electron/station/contract/index.js';
import { startTestAcs, type TestAcs } from '../../electron/station/sip2/acs/index.js';
import { Station } from '../../electron/station/station.js';
import { kioskCalls, until } from './helpers.js';

/**
 * Due dates at the hours that broke before: a kiosk and its library system both in the station's
 * zone, with their clocks pinned, whatever zone and hour the machine running the test is in.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function kiosk(timeZone: string, at: Date): Promise<{ station: Station; acs: TestAcs }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-clock-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const now = () => new Date(at);
  const acs = await startTestAcs({ now, timeZone });
  cleanups.push(() => acs.close());
  const station = Station.open({ dataDir: path.join(dir, 'station'), host: 'web', now });
  cleanups.push(() => station.close());
  station.settings.update({ timeZone });
  await station.start();
  const { ok: call, pointAtLibrary } = kioskCalls(() => station);
  await call('setup.complete', { role: 'kiosk', language: 'ru', mode: 'connected', staffPin: '2468' });
  await pointAtLibrary('2468', acs.port);
  await until('the kiosk is online', async () => (await call<KioskStatus>('kiosk.status')).online, 10_000);
  return { station, acs };
}

async function checkout(station: Station, itemId: string): Promise<ItemOutcome> {
  const result = (await station.dispatch('kiosk.checkout', { itemId })) as Result<ItemOutcome>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('due dates at the end of the station day', () => {
  it.each([
    ['00:20 in Tashkent', 'Asia/Tashkent', '2026-12-07T00:20:00+05:00', '2026-12-21T18:59:59.000Z'],
    ['11:59 in Tashkent', 'Asia/Tashkent', '2026-12-07T11:59:00+05:00', '2026-12-21T18:59:59.000Z'],
    ['12:01 in Tashkent', 'Asia/Tashkent', '2026-12-07T12:01:00+05:00', '2026-12-21T18:59:59.000Z'],
    ['23:40 in Almaty', 'Asia/Almaty', '2026-12-07T23:40:00+05:00', '2026-12-21T18:59:59.000Z'],
    [
      '23:40 on New Year’s Eve in Tashkent',
      'Asia/Tashkent',
      '2026-12-31T23:40:00+05:00',
      '2027-01-14T18:59:59.000Z',
    ],
    [
      'a week before summer time in Berlin',
      'Europe/Berlin',
      '2026-03-25T23:40:00+01:00',
      '2026-04-08T21:59:59.000Z',
    ],
  ])(
    'at %s: the library system lends, and the kiosk promises offline, until 23:59:59 there 14 days on',
    async (_when, zone, at, due) => {
      const { station, acs } = await kiosk(zone, new Date(at));
      const identified = await station.dispatch('kiosk.identify', { patronId: '2100002', pin: '2345' });
      expect(identified.ok).toBe(true);

      const live = await checkout(station, '3100019');
      expect(live).toMatchObject({ ok: true, pending: false, dueDate: due });

      await acs.close();
      const offline = await checkout(station, '3100020');
      expect(offline).toMatchObject({ ok: true, pending: true, dueDate: due });
      const row = station.store.db
        .prepare("SELECT event_time FROM outbox WHERE ordering_key = '3100020'")
        .pluck()
        .get() as string;
      expect(new Date(row).toISOString()).toBe(new Date(at).toISOString());
    },
  );
});

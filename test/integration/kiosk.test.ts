import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemOutcome, KioskStatus } from '../../electron/station/contract/index.js';
import { Station } from '../../electron/station/station.js';
import { kioskCalls } from './helpers.js';

let dir: string;
let station: Station;

const { call, ok, errorCode } = kioskCalls(() => station);

/** A kiosk in demo mode: the training library runs as a real SIP2 server on a loopback port. */
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-kiosk-'));
  station = Station.open({ dataDir: dir, host: 'web' });
  await ok('setup.complete', { role: 'kiosk', language: 'ru', mode: 'demo', staffPin: '2468' });
  await waitOnline();
});
afterEach(async () => {
  await station.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function waitOnline(): Promise<KioskStatus> {
  for (let i = 0; i < 100; i++) {
    const status = await ok<KioskStatus>('kiosk.status');
    if (status.online) return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the demo library never came online');
}

describe('kiosk over SIP2 against the training library', () => {
  it('is configured and online in demo mode', async () => {
    const status = await ok<KioskStatus>('kiosk.status');
    expect(status).toMatchObject({ configured: true, online: true, session: null, pinPolicy: 'server' });
  });

  it('identifies a patron only with the right PIN, and explains refusals', async () => {
    expect(await errorCode('kiosk.identify', { patronId: '2100001', pin: '0000' })).toBe('PIN_WRONG');
    expect(await errorCode('kiosk.identify', { patronId: '2199999', pin: '0000' })).toBe('PATRON_UNKNOWN');
    const blocked = await call('kiosk.identify', { patronId: '2100005', pin: '5678' });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'PATRON_BLOCKED' } });
    // The library system's own words reach the patron as it sent them.
    expect(!blocked.ok && blocked.error.screenMessages?.join(' ')).toContain('yoʻqolgan');
    const patron = await ok<{ name: string }>('kiosk.identify', { patronId: '2100001', pin: '1234' });
    expect(patron.name).toBe('Gʻulomova Dilnoza Rustamovna');
  });

  it('asks for a PIN when the library system requires one', async () => {
    expect(await errorCode('kiosk.identify', { patronId: '2100002' })).toBe('PIN_REQUIRED');
  });

  it('checks out, refuses with a reason, returns, renews, shows the account and ends with a receipt', async () => {
    await ok('kiosk.identify', { patronId: '2100002', pin: '2345' });
    const lent = await ok<ItemOutcome>('kiosk.checkout', { itemId: '3100019' });
    expect(lent).toMatchObject({ ok: true, title: 'Преступление и наказание', reason: null });
    expect(Date.parse(lent.dueDate!)).toBeGreaterThan(Date.now() + 13 * 86_400_000);

    const onHold = await ok<ItemOutcome>('kiosk.checkout', { itemId: '3100006' });
    expect(onHold).toMatchObject({ ok: false, reason: 'ON_HOLD_OTHER', title: 'Ikki eshik orasi' });
    const reference = await ok<ItemOutcome>('kiosk.checkout', { itemId: '3100023' });
    expect(reference).toMatchObject({ ok: false, reason: 'NOT_FOR_LOAN' });
    const card = await ok<ItemOutcome>('kiosk.checkout', { itemId: '2100002' });
    expect(card).toMatchObject({ ok: false, reason: 'PATRON_CARD_AS_ITEM' });
    expect(station.kiosk.status().session?.name).toBe('Иванов Сергей Петрович');

    const account = await ok<{ loans: { itemId: string; title: string; overdue: boolean }[] }>(
      'kiosk.account',
    );
    expect(account.loans.map((l) => l.itemId).sort()).toEqual(['3100007', '3100019']);

    const renewed = await ok<ItemOutcome>('kiosk.renew', { itemId: '3100019' });
    expect(renewed.ok).toBe(true);
    const returned = await ok<ItemOutcome>('kiosk.checkin', { itemId: '3100019' });
    expect(returned).toMatchObject({ ok: true, title: 'Преступление и наказание' });

    const receipt = await ok<{ patronName: string; items: ItemOutcome[] }>('kiosk.endSession', {
      reason: 'finished',
    });
    expect(receipt.patronName).toBe('Иванов Сергей Петрович');
    expect(receipt.items.map((i) => [i.action, i.itemId, i.ok])).toEqual([
      ['checkout', '3100019', true],
      ['checkout', '3100006', false],
      ['checkout', '3100023', false],
      ['checkout', '2100002', false],
      ['renew', '3100019', true],
      ['checkin', '3100019', true],
    ]);
    // The session is gone: nothing of the patron is left to read.
    expect(station.kiosk.status().session).toBeNull();
    expect(await errorCode('kiosk.account')).toBe('NO_SESSION');
    expect(await errorCode('kiosk.checkout', { itemId: '3100001' })).toBe('NO_SESSION');
  });

  it('returns books without a card', async () => {
    const returned = await ok<ItemOutcome>('kiosk.checkin', { itemId: '3100002' });
    expect(returned).toMatchObject({ ok: true, title: 'Mehrobdan chayon' });
    const again = await ok<ItemOutcome>('kiosk.checkin', { itemId: '3100002' });
    expect(again).toMatchObject({ ok: false, reason: 'NOT_ON_LOAN' });
  });

  it('keeps no PIN and no patron name in the database after a session', async () => {
    await ok('kiosk.identify', { patronId: '2100003', pin: '3456' });
    await ok('kiosk.checkout', { itemId: '3100001' });
    await ok('kiosk.endSession', { reason: 'idle' });
    station.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = fs.readdirSync(dir).filter((f) => f.startsWith('bitig.sqlite'));
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(dir, file));
      expect(bytes.includes(Buffer.from('3456')), `${file} holds the PIN`).toBe(false);
      expect(bytes.includes(Buffer.from('Қодиров')), `${file} holds the name`).toBe(false);
    }
  });

  it('guards the admin screen with a staff PIN and stores the SIP2 password encrypted', async () => {
    expect(await errorCode('admin.setStaffPin', { newPin: '1357' })).toBe('STAFF_PIN_WRONG');
    expect(await errorCode('admin.getKioskSettings', { staffPin: '1111' })).toBe('STAFF_PIN_WRONG');
    const { settings, sip2PasswordSet } = await ok<{ settings: { sip2: object }; sip2PasswordSet: boolean }>(
      'admin.getKioskSettings',
      { staffPin: '2468' },
    );
    expect(sip2PasswordSet).toBe(true);
    const test = await ok<{ ok: boolean; online: boolean }>('admin.testConnection', {
      staffPin: '2468',
      sip2: settings.sip2,
    });
    expect(test).toMatchObject({ ok: true, online: true });
    const refused = await ok<{ ok: boolean; failure: string }>('admin.testConnection', {
      staffPin: '2468',
      sip2: settings.sip2,
      sip2Password: 'wrong',
    });
    expect(refused).toMatchObject({ ok: false, failure: 'login_refused' });
    const db = fs.readFileSync(path.join(dir, 'bitig.sqlite'));
    expect(db.includes(Buffer.from('kiosk-parol'))).toBe(false);
    expect(db.includes(Buffer.from('2468'))).toBe(false);
  });
});

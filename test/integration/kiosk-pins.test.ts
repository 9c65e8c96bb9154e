import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffPinClock } from '../../electron/station/circulation/staff-pin.js';
import type { ContractError, KioskStatus, MethodName } from '../../electron/station/contract/index.js';
import { Station } from '../../electron/station/station.js';
import { kioskCalls } from './helpers.js';

const STAFF_PIN = '2468';
const MINUTE = 60_000;

/** A clock moved by hand: each held-back answer is noted instead of waited for. */
class TestClock implements StaffPinClock {
  at = Date.UTC(2026, 11, 7, 18, 40); // 23:40 in Tashkent: the lock runs past local midnight.
  readonly slept: number[] = [];
  now = () => this.at;
  sleep = async (ms: number) => {
    this.slept.push(ms);
  };
}

let dir: string;
let clock: TestClock;
let station: Station;

function open(): Station {
  return Station.open({ dataDir: dir, host: 'web', pinClock: clock });
}
const { call, ok } = kioskCalls(() => station);
async function failure(method: MethodName, input: unknown = {}): Promise<ContractError> {
  const result = await call(method, input);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}
async function waitOnline(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await ok<KioskStatus>('kiosk.status')).online) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the demo library never came online');
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-pins-'));
  clock = new TestClock();
  station = open();
});
afterEach(async () => {
  await station.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the first staff PIN', () => {
  it('is set by setup, and nobody can set one by calling first once the station is set up', async () => {
    await ok('setup.complete', { role: 'station', language: 'en', mode: 'demo' });
    // Set up without a PIN: the API does not hand the empty lock to whoever asks first.
    expect((await failure('admin.setStaffPin', { newPin: '1111' })).code).toBe('STAFF_PIN_NOT_SET');
    expect((await failure('admin.verifyStaffPin', { staffPin: '1111' })).code).toBe('STAFF_PIN_NOT_SET');
    expect(
      (await failure('setup.complete', { role: 'kiosk', language: 'en', mode: 'demo', staffPin: '1111' }))
        .code,
    ).toBe('ALREADY_SET_UP');
    // Still none (a scanning station: the kiosk's status is not its to answer).
    expect((await failure('admin.verifyStaffPin', { staffPin: '1111' })).code).toBe('STAFF_PIN_NOT_SET');
  });

  it('comes with setup; changing it needs the current one', async () => {
    await ok('setup.complete', { role: 'station', language: 'en', mode: 'demo', staffPin: STAFF_PIN });
    await ok('admin.verifyStaffPin', { staffPin: STAFF_PIN });
    expect((await failure('admin.setStaffPin', { newPin: '1357' })).code).toBe('STAFF_PIN_WRONG');
    expect((await failure('admin.setStaffPin', { currentPin: '9999', newPin: '1357' })).code).toBe(
      'STAFF_PIN_WRONG',
    );
    await ok('admin.setStaffPin', { currentPin: STAFF_PIN, newPin: '1357' });
    await ok('admin.verifyStaffPin', { staffPin: '1357' });
    expect((await failure('admin.verifyStaffPin', { staffPin: STAFF_PIN })).code).toBe('STAFF_PIN_WRONG');
    const db = fs.readFileSync(path.join(dir, 'bitig.sqlite'));
    expect(db.includes(Buffer.from('1357'))).toBe(false);
  });
});

describe('wrong staff PINs', () => {
  beforeEach(async () => {
    await ok('setup.complete', { role: 'station', language: 'en', mode: 'demo', staffPin: STAFF_PIN });
  });

  it('are answered later and later, then lock the PIN, across a restart, until the time it names', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await failure('admin.verifyStaffPin', { staffPin: '1111' })).code).toBe('STAFF_PIN_WRONG');
    }
    expect(clock.slept).toEqual([500, 1000, 2000, 4000]);
    const locked = await failure('admin.verifyStaffPin', { staffPin: '1111' });
    expect(locked.code).toBe('STAFF_PIN_LOCKED');
    expect(locked.retryAt).toEqual({
      at: new Date(clock.at + 5 * MINUTE).toISOString(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    // Locked means locked: the right PIN too, and every staff-guarded method.
    expect((await failure('admin.verifyStaffPin', { staffPin: STAFF_PIN })).code).toBe('STAFF_PIN_LOCKED');
    expect((await failure('sync.exportKoc', { staffPin: STAFF_PIN })).code).toBe('STAFF_PIN_LOCKED');
    expect((await failure('admin.setStaffPin', { currentPin: STAFF_PIN, newPin: '1357' })).code).toBe(
      'STAFF_PIN_LOCKED',
    );

    await station.close();
    station = open();
    clock.at += 5 * MINUTE - 1000;
    expect((await failure('admin.verifyStaffPin', { staffPin: STAFF_PIN })).code).toBe('STAFF_PIN_LOCKED');
    clock.at += 1000;
    await ok('admin.verifyStaffPin', { staffPin: STAFF_PIN });
    // A right PIN starts the count again.
    expect((await failure('admin.verifyStaffPin', { staffPin: '1111' })).code).toBe('STAFF_PIN_WRONG');
  });

  it('after a lock, each further wrong PIN locks it again for twice as long', async () => {
    for (let i = 0; i < 5; i++) await failure('admin.verifyStaffPin', { staffPin: '1111' });
    clock.at += 5 * MINUTE;
    const again = await failure('admin.verifyStaffPin', { staffPin: '2222' });
    expect(again).toMatchObject({
      code: 'STAFF_PIN_LOCKED',
      retryAt: { at: new Date(clock.at + 10 * MINUTE).toISOString() },
    });
  });

  it('are checked one at a time: guesses sent all at once gain nothing', async () => {
    const guesses = Array.from({ length: 20 }, (_, i) => String(1000 + i));
    const codes = (
      await Promise.all(guesses.map((staffPin) => call('admin.verifyStaffPin', { staffPin })))
    ).map((r) => (r.ok ? 'OK' : r.error.code));
    expect(codes.filter((c) => c === 'STAFF_PIN_WRONG')).toHaveLength(4);
    expect(codes.filter((c) => c === 'STAFF_PIN_LOCKED')).toHaveLength(16);
  });

  it('are checked without stopping the station while scrypt runs', async () => {
    let ranMeanwhile = false;
    setImmediate(() => {
      ranMeanwhile = true;
    });
    // A synchronous hash would finish inside this call, before any immediate callback could run.
    await ok('admin.verifyStaffPin', { staffPin: STAFF_PIN });
    expect(ranMeanwhile).toBe(true);
  });
});

describe('wrong patron PINs (training library over SIP2)', () => {
  beforeEach(async () => {
    await ok('setup.complete', { role: 'kiosk', language: 'ru', mode: 'demo' });
    await waitOnline();
  });

  it('end the visit after three, and that card waits a minute while others go on', async () => {
    expect((await failure('kiosk.identify', { patronId: '2100001', pin: '0000', entry: 'scan' })).code).toBe(
      'PIN_WRONG',
    );
    expect((await failure('kiosk.identify', { patronId: '2100001', pin: '0001', entry: 'scan' })).code).toBe(
      'PIN_WRONG',
    );
    const third = await failure('kiosk.identify', { patronId: '2100001', pin: '0002', entry: 'scan' });
    expect(third.code).toBe('PATRON_PIN_LOCKED');
    expect(third.retryAt?.at).toBe(new Date(clock.at + MINUTE).toISOString());
    expect((await ok<KioskStatus>('kiosk.status')).session).toBeNull();
    // The right PIN is not even tried during the wait.
    expect((await failure('kiosk.identify', { patronId: '2100001', pin: '1234', entry: 'scan' })).code).toBe(
      'PATRON_PIN_LOCKED',
    );
    await ok('kiosk.identify', { patronId: '2100002', pin: '2345', entry: 'scan' });
    await ok('kiosk.endSession', { reason: 'finished' });

    clock.at += MINUTE;
    await ok('kiosk.identify', { patronId: '2100001', pin: '1234', entry: 'scan' });
    await ok('kiosk.endSession', { reason: 'finished' });
    // Nothing of the tries reached the disk.
    station.store.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith('bitig.sqlite'))) {
      const bytes = fs.readFileSync(path.join(dir, file));
      expect(bytes.includes(Buffer.from('2100001')), `${file} holds the card number`).toBe(false);
    }
  });

  it('count per card and visit: a right PIN starts the count again', async () => {
    for (const pin of ['0000', '0001'])
      await failure('kiosk.identify', { patronId: '2100003', pin, entry: 'scan' });
    await ok('kiosk.identify', { patronId: '2100003', pin: '3456', entry: 'scan' });
    await ok('kiosk.endSession', { reason: 'finished' });
    for (const pin of ['0000', '0001']) {
      expect((await failure('kiosk.identify', { patronId: '2100003', pin, entry: 'scan' })).code).toBe(
        'PIN_WRONG',
      );
    }
  });
});

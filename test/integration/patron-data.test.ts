import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  ItemOutcome,
  KioskSettings,
  KioskStatus,
  MethodName,
  ReplayReportRow,
  Result,
} from '../../electron/station/contract/index.js';
import { startTestAcs, type TestAcs } from '../../electron/station/sip2/acs/index.js';
import { Station } from '../../electron/station/station.js';
import { openStore } from '../../electron/station/store/db.js';
import { MIGRATIONS } from '../../electron/station/store/migrations/index.js';
import { KeyFileSecretBox } from '../../electron/station/store/secrets.js';
import { ManualClock } from '../unit/sync/fakes.js';
import { kioskCalls, until } from './helpers.js';

/**
 * What the kiosk keeps about patrons, through the real path: a station on a real SQLite file, the
 * test library system over SIP2, a clock the test moves forward instead of waiting. The process's
 * umask is 022 throughout, so every owner-only mode below is the code's doing.
 */

const DAY = 86_400_000;
const PIN = '2468';
const PATRON = { card: '2100002', pin: '2345', name: 'Иванов Сергей Петрович' };

let dir: string;
let dataDir: string;
let station: Station;
let acs: TestAcs;
let port: number;
let clock: ManualClock;
let umask: number;

const { ok, errorCode, pointAtLibrary } = kioskCalls(() => station);
const status = () => ok<KioskStatus>('kiosk.status');
const report = (input: unknown = {}) => ok<ReplayReportRow[]>('sync.report', input);
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const payloadOf = (itemId: string) =>
  JSON.parse(
    station.store.db
      .prepare('SELECT payload FROM outbox WHERE ordering_key = ? ORDER BY id DESC LIMIT 1')
      .pluck()
      .get(itemId) as string,
  );

/** Stops the library system and waits until the kiosk knows: nothing is then sent half-way. */
async function stopAcs(): Promise<void> {
  await acs.close();
  await until('offline', async () => !(await status()).online);
}

async function restartAcs(): Promise<void> {
  acs = await startTestAcs({ port, stateFile: path.join(dir, 'acs-state.json') });
  await until('back online', async () => (await status()).online);
}

/** Queues a checkout while the library system is away, then lets the replay deliver it. */
async function checkoutOfflineAndReplay(itemId: string): Promise<void> {
  await ok('kiosk.identify', { patronId: PATRON.card, pin: PATRON.pin });
  await stopAcs();
  expect(await ok<ItemOutcome>('kiosk.checkout', { itemId })).toMatchObject({ ok: true, pending: true });
  await ok('kiosk.endSession', { reason: 'finished' });
  await restartAcs();
  await until('replayed', async () =>
    (await report()).some((r) => r.itemId === itemId && r.state === 'done'),
  );
}

beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

describe('patron data at the kiosk', () => {
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-patron-data-'));
    dataDir = path.join(dir, 'station');
    clock = new ManualClock();
    clock.t = Date.now();
    acs = await startTestAcs({ stateFile: path.join(dir, 'acs-state.json') });
    port = acs.port;
    station = Station.open({ dataDir, host: 'web', clock });
    await station.start();
    await ok('setup.complete', { role: 'kiosk', language: 'ru', mode: 'connected', staffPin: PIN });
    await pointAtLibrary(PIN, port);
    await until('online', async () => (await status()).online);
  });
  afterEach(async () => {
    await station.close();
    await acs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('queues a return without the card number, and the replay still returns the book', async () => {
    await ok('kiosk.identify', { patronId: PATRON.card, pin: PATRON.pin });
    expect(await ok<ItemOutcome>('kiosk.checkout', { itemId: '3100019' })).toMatchObject({
      ok: true,
      pending: false,
    });
    await stopAcs();
    expect(await ok<ItemOutcome>('kiosk.checkin', { itemId: '3100019' })).toMatchObject({
      ok: true,
      pending: true,
    });
    expect(payloadOf('3100019')).toMatchObject({ action: 'checkin', patronId: null, itemId: '3100019' });
    await ok('kiosk.endSession', { reason: 'finished' });

    await restartAcs();
    await until('replayed', async () => (await report()).some((r) => r.state === 'done'));
    expect((await report({ staffPin: PIN }))[0]).toMatchObject({
      action: 'checkin',
      itemId: '3100019',
      patronId: null,
      decision: 'accepted',
    });
    // The library system took the book back: it is no longer on the patron's account.
    await ok('kiosk.identify', { patronId: PATRON.card, pin: PATRON.pin });
    const account = await ok<{ loans: { itemId: string }[] }>('kiosk.account');
    expect(account.loans.map((l) => l.itemId)).not.toContain('3100019');
  });

  it('shows card numbers in the report only with the staff PIN, and blanks them 30 days after the row is done', async () => {
    await checkoutOfflineAndReplay('3100020');
    const row = (rows: ReplayReportRow[]) => rows.find((r) => r.itemId === '3100020')!;

    expect(row(await report())).toMatchObject({ decision: 'accepted', patronId: null });
    expect(row(await report({ staffPin: PIN }))).toMatchObject({
      decision: 'accepted',
      patronId: PATRON.card,
    });
    expect(await errorCode('sync.report', { staffPin: '1357' })).toBe('STAFF_PIN_WRONG');

    clock.advance(29 * DAY);
    expect(row(await report({ staffPin: PIN })).patronId).toBe(PATRON.card);

    clock.advance(1 * DAY + 2 * 3_600_000);
    expect(row(await report({ staffPin: PIN }))).toMatchObject({
      action: 'checkout',
      itemId: '3100020',
      decision: 'accepted',
      patronId: null,
    });
    expect(payloadOf('3100020')).toMatchObject({ patronId: null, patronIdErased: true });
    // Gone from the file itself, not only from the row: no copy in free space or in the WAL.
    for (const file of ['bitig.sqlite', 'bitig.sqlite-wal']) {
      const bytes = fs.existsSync(path.join(dataDir, file))
        ? fs.readFileSync(path.join(dataDir, file))
        : null;
      expect(bytes?.includes(Buffer.from(PATRON.card)) ?? false, file).toBe(false);
    }
  });

  it('writes .koc exports owner-only and deletes them after the set time', async () => {
    await ok('kiosk.identify', { patronId: PATRON.card, pin: PATRON.pin });
    await stopAcs();
    await ok('kiosk.checkout', { itemId: '3100021' });
    await ok('kiosk.endSession', { reason: 'finished' });
    // Staff export once the engine has found the library away and paused (a row being sent is not exported).
    await until('the replay paused', () => {
      const target = station.sync.status().targets.sip2;
      return target?.paused === true && target.working.length === 0;
    });
    const exported = await ok<{ fileName: string; count: number }>('sync.exportKoc', { staffPin: PIN });
    expect(exported.count).toBe(1);
    const file = path.join(dataDir, 'exports', exported.fileName);
    expect(fs.readFileSync(file, 'utf8')).toContain(`issue\t${PATRON.card}\t3100021`);
    expect(mode(path.join(dataDir, 'exports'))).toBe(0o700);
    expect(mode(file)).toBe(0o600);

    clock.advance(6 * DAY);
    expect(fs.existsSync(file)).toBe(true);
    clock.advance(1 * DAY + 2 * 3_600_000);
    expect(fs.existsSync(file)).toBe(false);
    await restartAcs();
  });

  it('hashes seen cards with a key the database does not hold, and forgets them after the offline window', async () => {
    await ok('kiosk.identify', { patronId: PATRON.card, pin: PATRON.pin });
    await ok('kiosk.endSession', { reason: 'cancelled' });
    const db = station.store.db;
    const hashes = db.prepare('SELECT card_hash FROM kiosk_patrons_seen').pluck().all() as string[];
    expect(hashes).toHaveLength(1);

    // Nothing in the settings table is the key: neither as text nor as base64.
    const values = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    expect(values.map((v) => v.key)).not.toContain('kiosk.cardHashKey');
    const hmac = (key: Buffer) => createHmac('sha256', key).update(PATRON.card).digest('hex');
    for (const { value } of values) {
      const text = JSON.parse(value);
      if (typeof text !== 'string') continue;
      for (const key of [Buffer.from(text), Buffer.from(text, 'base64')])
        expect(hmac(key)).not.toBe(hashes[0]);
    }
    // It is the sealed one, which only the owner-only key file opens.
    const sealed = JSON.parse(values.find((v) => v.key === 'kiosk.cardHashKeySealed')!.value) as string;
    const key = Buffer.from(new KeyFileSecretBox(dataDir).decrypt(sealed), 'base64');
    expect(hmac(key)).toBe(hashes[0]);
    expect(mode(path.join(dataDir, 'secret.key'))).toBe(0o600);

    // Offline, the card seen online is let in, until the offline window (90 days) has passed.
    await stopAcs();
    expect(await ok('kiosk.identify', { patronId: PATRON.card })).toMatchObject({ offline: true });
    await ok('kiosk.endSession', { reason: 'cancelled' });
    clock.advance(89 * DAY);
    expect(db.prepare('SELECT count(*) FROM kiosk_patrons_seen').pluck().get()).toBe(1);
    clock.advance(1 * DAY + 2 * 3_600_000);
    expect(db.prepare('SELECT count(*) FROM kiosk_patrons_seen').pluck().get()).toBe(0);
    expect(await errorCode('kiosk.identify', { patronId: PATRON.card })).toBe('LIBRARY_UNREACHABLE');
    await restartAcs();
  });

  it('keeps no seen cards where the offline policy lets any card in', async () => {
    const seen = () => station.store.db.prepare('SELECT count(*) FROM kiosk_patrons_seen').pluck().get();
    await ok('kiosk.identify', { patronId: PATRON.card, pin: PATRON.pin });
    await ok('kiosk.endSession', { reason: 'cancelled' });
    expect(seen()).toBe(1);
    const { settings } = await ok<{ settings: KioskSettings }>('admin.getKioskSettings', { staffPin: PIN });
    await ok('admin.saveKioskSettings', {
      staffPin: PIN,
      settings: { ...settings, offline: { ...settings.offline, patrons: 'any' } },
    });
    await until('online', async () => (await status()).online);
    clock.advance(3_600_000);
    expect(seen()).toBe(0);
    await ok('kiosk.identify', { patronId: PATRON.card, pin: PATRON.pin });
    await ok('kiosk.endSession', { reason: 'cancelled' });
    expect(seen()).toBe(0);
  });

  it('keeps the database, its WAL and SHM, and the key file owner-only, and tightens ones left looser', async () => {
    await checkoutOfflineAndReplay('3100022');
    const files = ['bitig.sqlite', 'bitig.sqlite-wal', 'bitig.sqlite-shm', 'secret.key'];
    expect(mode(dataDir)).toBe(0o700);
    for (const file of files) expect(mode(path.join(dataDir, file)), file).toBe(0o600);

    await station.close();
    for (const file of files)
      if (fs.existsSync(path.join(dataDir, file))) fs.chmodSync(path.join(dataDir, file), 0o644);
    fs.chmodSync(dataDir, 0o755);
    station = Station.open({ dataDir, host: 'web', clock });
    await station.start();
    await until('online', async () => (await status()).online);
    expect(mode(dataDir)).toBe(0o700);
    for (const file of ['bitig.sqlite', 'bitig.sqlite-wal', 'bitig.sqlite-shm'])
      expect(mode(path.join(dataDir, file)), file).toBe(0o600);
  });
});

describe('a database from before', () => {
  it('loses the plain hashing key, the hashes made with it and the card numbers of returns', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-patron-migrate-'));
    try {
      const old = openStore({ dataDir: dir, migrations: MIGRATIONS.filter((m) => m.version <= 5) });
      const now = new Date().toISOString();
      old.db
        .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('kiosk.cardHashKey', ?, ?)")
        .run(JSON.stringify('c2VjcmV0'), now);
      old.db.prepare("INSERT INTO kiosk_patrons_seen (card_hash, seen_at) VALUES ('abc', 1)").run();
      const insert = old.db.prepare(
        `INSERT INTO outbox (idempotency_key, target, ordering_key, payload, next_attempt_at, event_time, created_at, updated_at)
         VALUES (?, 'sip2', ?, ?, 0, ?, ?, ?)`,
      );
      const payload = (action: string, itemId: string) =>
        JSON.stringify({ action, patronId: PATRON.card, itemId, promisedDueDate: null });
      insert.run('k1', '3100001', payload('checkin', '3100001'), now, now, now);
      insert.run('k2', '3100002', payload('checkout', '3100002'), now, now, now);
      old.close();

      const store = openStore({ dataDir: dir });
      const db = store.db;
      expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'kiosk.cardHashKey'").pluck().get()).toBe(
        0,
      );
      expect(db.prepare('SELECT count(*) FROM kiosk_patrons_seen').pluck().get()).toBe(0);
      const payloads = db.prepare('SELECT payload FROM outbox ORDER BY id').pluck().all() as string[];
      expect(payloads.map((p) => JSON.parse(p).patronId)).toEqual([null, PATRON.card]);
      store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the receipt at a demo kiosk (the ESC/POS printer simulator on a loopback port)', () => {
  let demoDir: string;
  let demoStation: Station;
  const call = async <T>(method: MethodName, input: unknown = {}): Promise<T> => {
    const result = (await demoStation.dispatch(method, input)) as Result<T>;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const printReceipt = async (itemId: string) => {
    await call('kiosk.identify', { patronId: PATRON.card, pin: PATRON.pin });
    await call('kiosk.checkout', { itemId });
    const printed = demoStation.devices.demo!.printer.nextReceipt(20_000);
    await call('kiosk.endSession', { reason: 'finished', language: 'ru' });
    return printed;
  };

  beforeAll(async () => {
    demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-patron-receipt-'));
    demoStation = Station.open({ dataDir: demoDir, host: 'web' });
    await call('setup.complete', { role: 'kiosk', language: 'uz-Latn', mode: 'demo', staffPin: PIN });
    const deadline = Date.now() + 15_000;
    while (!(await call<KioskStatus>('kiosk.status')).online && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
  }, 30_000);
  afterAll(async () => {
    await demoStation?.close();
    fs.rmSync(demoDir, { recursive: true, force: true });
  });

  it('prints the name masked by default, in full when the site says so, and keeps previews owner-only', async () => {
    const masked = await printReceipt('3100011');
    expect(masked.lines).toContain('Читатель: И***** С***** П*****');
    const text = fs.readFileSync(masked.txt, 'utf8');
    expect(text).not.toContain('Иванов');
    for (const file of [masked.txt, masked.png, masked.bin]) expect(mode(file), file).toBe(0o600);
    expect(mode(path.join(demoDir, 'demo-printer'))).toBe(0o700);

    const { settings } = await call<{ settings: KioskSettings }>('admin.getKioskSettings', { staffPin: PIN });
    expect(settings.privacy.receiptName).toBe('masked');
    await call('admin.saveKioskSettings', {
      staffPin: PIN,
      settings: { ...settings, privacy: { ...settings.privacy, receiptName: 'full' } },
    });
    const deadline = Date.now() + 15_000;
    while (!(await call<KioskStatus>('kiosk.status')).online && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const full = await printReceipt('3100012');
    expect(full.lines).toContain(`Читатель: ${PATRON.name}`);
  }, 60_000);
});

import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import type { Result } from '../../../electron/station/contract/index.js';
import { StationError } from '../../../electron/station/errors.js';
import { Station } from '../../../electron/station/station.js';
import { DATABASE_FILE } from '../../../electron/station/store/data-dir.js';
import { openStore } from '../../../electron/station/store/db.js';
import { MIGRATIONS } from '../../../electron/station/store/migrations/index.js';
import { OutboxRepo } from '../../../electron/station/store/outbox.js';
import { bundle, childEnv } from '../../helpers/bundle.js';
import { mountTmpfs, unmountAll } from '../../helpers/tmpfs.js';

/**
 * The database and its folder when the disk goes wrong: damaged pages, a database cut to nothing,
 * a full disk, a read-only folder. Real files; the full and read-only disks are real tmpfs mounts
 * (`../../helpers/tmpfs.ts`: root, as CI runs, see .ci/run).
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-disk-'));
});
afterEach(() => {
  unmountAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

function storeError(fn: () => unknown): StationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  }
  throw new Error('expected a StationError');
}

let cli: string;
beforeAll(async () => {
  cli = await bundle('electron/station/cli/bitig.ts', 'bitig-cli');
}, 60_000);

/** The real `bitig` command as a child process: exit code and both streams. */
async function bitig(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      env: childEnv({ BITIG_DATA_DIR: dataDir }),
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

/** A station with a few hundred outbox rows (several pages of them), closed with no WAL left. */
function stationWithRows(dataDir: string): string {
  const store = openStore({ dataDir });
  const outbox = new OutboxRepo(store.db, dataDir);
  for (let i = 0; i < 400; i++) {
    outbox.enqueue({
      idempotencyKey: `k${i}`,
      target: 'sip2',
      payload: { text: 'a loan the library must hear about '.repeat(4), i },
      eventTime: new Date(Date.UTC(2026, 2, 1, 9, 15)),
    });
  }
  store.db.pragma('journal_mode = DELETE');
  store.close();
  return path.join(dataDir, DATABASE_FILE);
}

describe('a damaged database', () => {
  it('is found by quick_check at open when garbage lies over its pages past the first, and left as it is', () => {
    const file = stationWithRows(dir);
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    expect(bytes.length / pageSize).toBeGreaterThan(8);
    // Page 1 (header and schema) stays intact, so opening and reading the schema still work:
    // only a check of every page finds the damage.
    const pages = bytes.length / pageSize;
    bytes.fill(0x5a, Math.floor(pages / 2) * pageSize, (pages - 1) * pageSize);
    fs.writeFileSync(file, bytes);
    const db = new Database(file);
    expect(db.prepare('SELECT count(*) FROM sqlite_master').pluck().get()).toBeGreaterThan(0);
    db.close();

    const err = storeError(() => openStore({ dataDir: dir }));
    expect(err.code).toBe('STORE_CORRUPT');
    expect(err.message).toContain(file);
    expect(err.toContract().path).toBe(file);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('is one line from every command that opens the store (doctor, jobs, serve, sync, devices, scan), with the file and no stack trace', async () => {
    const file = stationWithRows(dir);
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, bytes.length / 2, bytes.length - 100);
    fs.writeFileSync(file, bytes);

    const doctor = await bitig(dir, 'doctor');
    expect(doctor.code).toBe(EXIT.STORE);
    const line = doctor.out.split('\n').find((l) => l.includes('database'))!;
    expect(line).toContain(`STORE_CORRUPT: The database ${file} is damaged`);
    for (const args of [
      ['jobs', 'list'],
      ['serve', '--port', '0'],
      ['sync', 'status'],
      ['devices', 'list'],
      ['scan', '--device', 'demo:feeder', '--job', '3100009'],
    ]) {
      const run = await bitig(dir, ...args);
      expect(run.code, args.join(' ')).toBe(EXIT.STORE);
      expect(run.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.err).toContain(file);
      expect(run.err).not.toMatch(/\n\s+at /);
    }
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  }, 60_000);
});

describe('a zero-length database', () => {
  it('beside a station’s files is refused and kept at zero bytes, not replaced by an empty station', async () => {
    const file = path.join(dir, DATABASE_FILE);
    fs.mkdirSync(path.join(dir, 'jobs', '7', 'master'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'jobs', '7', 'master', '000001.tif'), 'a page');
    fs.writeFileSync(path.join(dir, 'secret.key'), Buffer.alloc(32, 1));
    fs.writeFileSync(file, '');

    const err = storeError(() => openStore({ dataDir: dir }));
    expect(err.code).toBe('STORE_EMPTY');
    expect(err.message).toContain(file);
    expect(err.message).toContain('jobs, secret.key');
    expect(fs.statSync(file).size).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual([DATABASE_FILE, 'jobs', 'secret.key']);

    const doctor = await bitig(dir, 'doctor');
    expect(doctor.code).toBe(EXIT.STORE);
    expect(doctor.out).toContain(`STORE_EMPTY: The database ${file} is empty (0 bytes)`);
    const json = await bitig(dir, 'doctor', '--json');
    expect(JSON.parse(json.out).database).toMatchObject({ ok: false, code: 'STORE_EMPTY', path: file });
    expect(fs.statSync(file).size).toBe(0);
  }, 60_000);

  it('alone, or in a new folder, still becomes a new database', () => {
    fs.writeFileSync(path.join(dir, DATABASE_FILE), '');
    openStore({ dataDir: dir }).close();
    expect(fs.statSync(path.join(dir, DATABASE_FILE)).size).toBeGreaterThan(0);
    const fresh = path.join(dir, 'new', 'station');
    openStore({ dataDir: fresh }).close();
    expect(fs.existsSync(path.join(fresh, DATABASE_FILE))).toBe(true);
  });
});

describe('a full disk (a small tmpfs, filled)', () => {
  it('for a new station is STORE_FULL naming the database file', () => {
    const at = path.join(dir, 'small');
    mountTmpfs(at, 'size=4m');
    // Fill the disk to the last block: SQLite cannot write the new database's first pages.
    const fd = fs.openSync(path.join(at, 'filler'), 'w');
    const block = Buffer.alloc(64 * 1024, 7);
    try {
      for (;;) fs.writeSync(fd, block);
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    try {
      for (;;) fs.writeSync(fd, block, 0, 512);
    } catch {}
    fs.closeSync(fd);

    const dataDir = path.join(at, 'station');
    const err = storeError(() => openStore({ dataDir }));
    expect(err.code).toBe('STORE_FULL');
    expect(err.message).toContain(path.join(dataDir, DATABASE_FILE));
    expect(err.message).toMatch(/is full/);
  });

  it('while migrating an existing station is STORE_FULL, and the station opens once space is freed', () => {
    const at = path.join(dir, 'small');
    mountTmpfs(at, 'size=16m');
    const dataDir = path.join(at, 'station');
    const file = stationWithRows(dataDir);
    const filler = path.join(at, 'filler');
    const fd = fs.openSync(filler, 'w');
    try {
      for (;;) fs.writeSync(fd, Buffer.alloc(4096, 7));
    } catch {}
    fs.closeSync(fd);
    const before = fs.readFileSync(file);

    // A migration that needs room: the disk cannot give it.
    const grow = {
      version: 999,
      name: 'grow',
      sql: 'CREATE TABLE big (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO big SELECT randomblob(2000) FROM n;',
    };
    const migrations = [...MIGRATIONS, grow];
    const err = storeError(() => openStore({ dataDir, migrations }));
    expect(err.code).toBe('STORE_FULL');
    expect(err.message).toContain(file);
    // The failed migration rolled back: the rows are all there once space is freed.
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    fs.rmSync(filler);
    const store = openStore({ dataDir });
    expect(store.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(400);
    store.close();
  });
});

describe('a read-only data folder (a tmpfs mounted read-only: as root, chmod would not stop writes)', () => {
  it('is STORE_READ_ONLY naming the folder, from openStore and from `bitig doctor`', async () => {
    const at = path.join(dir, 'ro');
    mountTmpfs(at, 'size=1m,ro');
    const err = storeError(() => openStore({ dataDir: at }));
    expect(err.code).toBe('STORE_READ_ONLY');
    expect(err.message).toContain(`The data folder ${at} cannot be written`);
    expect(err.toContract().path).toBe(at);

    // A folder to be created under it: the same sentence, about the folder that could not be made.
    const below = path.join(at, 'Bitig');
    expect(storeError(() => openStore({ dataDir: below })).code).toBe('STORE_READ_ONLY');

    const doctor = await bitig(at, 'doctor');
    expect(doctor.code).toBe(EXIT.STORE);
    expect(doctor.out).toContain(`STORE_READ_ONLY: The data folder ${at} cannot be written`);
    expect(doctor.err).not.toMatch(/EROFS|\n\s+at /);
  }, 60_000);

  it('holding an existing station is STORE_READ_ONLY too, and its database is not touched', () => {
    const at = path.join(dir, 'ro');
    mountTmpfs(at, 'size=16m');
    const file = stationWithRows(at);
    const before = fs.readFileSync(file);
    execFileSync('mount', ['-o', 'remount,ro', at]);
    const err = storeError(() => openStore({ dataDir: at }));
    expect(err.code).toBe('STORE_READ_ONLY');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('a data folder that is not a folder', () => {
  it('is a sentence naming it, not a raw ENOTDIR/EEXIST', () => {
    const notDir = path.join(dir, 'file');
    fs.writeFileSync(notDir, 'x');
    const err = storeError(() => openStore({ dataDir: path.join(notDir, 'station') }));
    expect(err.message).toContain(notDir);
    expect(err.message).not.toMatch(/^E[A-Z]+:/);
  });
});

describe('a disk that fills while the station runs', () => {
  it('answers a write with STORE_FULL naming the database, not INTERNAL, and works again once space is freed', async () => {
    const at = path.join(dir, 'small');
    mountTmpfs(at, 'size=8m');
    const station = Station.open({ dataDir: at, host: 'web' });
    try {
      const filler = path.join(at, 'filler');
      const fd = fs.openSync(filler, 'w');
      try {
        for (;;) fs.writeSync(fd, Buffer.alloc(4096, 7));
      } catch {}
      fs.closeSync(fd);
      const refused = (await station.dispatch('settings.setLanguage', { language: 'ru' })) as Result<unknown>;
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'STORE_FULL', path: path.join(at, DATABASE_FILE) },
      });
      fs.rmSync(filler);
      expect(await station.dispatch('settings.setLanguage', { language: 'ru' })).toMatchObject({ ok: true });
    } finally {
      await station.close();
    }
  });
});

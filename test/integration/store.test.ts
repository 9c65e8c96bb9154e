import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../electron/station/errors.js';
import { DATABASE_FILE, defaultDataDir } from '../../electron/station/store/data-dir.js';
import { LATEST_SCHEMA_VERSION, openStore } from '../../electron/station/store/db.js';
import { MIGRATIONS } from '../../electron/station/store/migrations/index.js';
import { OutboxRepo } from '../../electron/station/store/outbox.js';
import { SettingsRepo } from '../../electron/station/store/settings.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function storeError(fn: () => unknown): StationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  }
  throw new Error('expected a StationError');
}

describe('store', () => {
  it('migrates an empty directory to the latest schema, in WAL mode, and reopens without migrating again', () => {
    const store = openStore({ dataDir: dir });
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // Each commit fsyncs the WAL (FULL = 2), with F_FULLFSYNC where there is one: see store/NOTES.md.
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('fullfsync', { simple: true })).toBe(1);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['outbox', 'outbox_files', 'settings']));
    new SettingsRepo(store.db).update({ language: 'kk' });
    store.close();

    const again = openStore({ dataDir: dir });
    expect(new SettingsRepo(again.db).get().language).toBe('kk');
    expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('applies only the migrations a database lacks, each in its own transaction', () => {
    openStore({ dataDir: dir }).close();
    const next = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        sql: 'CREATE TABLE extra (x); SELECT no_such_function();',
      },
    ];
    expect(() => openStore({ dataDir: dir, migrations: next })).toThrow(StationError);
    const db = new Database(path.join(dir, DATABASE_FILE));
    // The failed migration left nothing behind and the version was not bumped.
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer version with a clear error and leaves it unchanged', () => {
    openStore({ dataDir: dir }).close();
    const file = path.join(dir, DATABASE_FILE);
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = fs.readFileSync(file);

    const err = storeError(() => openStore({ dataDir: dir }));
    expect(err.code).toBe('STORE_TOO_NEW');
    expect(err.message).toContain(`schema ${LATEST_SCHEMA_VERSION + 5}`);
    expect(err.message).toContain('newer version');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a corrupt file clearly and never overwrites it', () => {
    const file = path.join(dir, DATABASE_FILE);
    const garbage = Buffer.from('this is not a database, it is the only copy of something '.repeat(100));
    fs.writeFileSync(file, garbage);

    const err = storeError(() => openStore({ dataDir: dir }));
    expect(err.code).toBe('STORE_CORRUPT');
    expect(err.message).toContain(file);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([DATABASE_FILE]);
  });

  it('reports a database whose first page is damaged as corrupt, not as a crash', () => {
    openStore({ dataDir: dir }).close();
    const file = path.join(dir, DATABASE_FILE);
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xa5, 100, 4096); // keep the header, wreck the schema page
    fs.writeFileSync(file, bytes);

    const err = storeError(() => openStore({ dataDir: dir }));
    expect(err.code).toBe('STORE_CORRUPT');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('outbox', () => {
  it('keeps the original event time and is idempotent per key', () => {
    const store = openStore({ dataDir: dir });
    const outbox = new OutboxRepo(store.db, dir);
    const eventTime = new Date('2026-03-01T09:15:00.000Z');
    const first = outbox.enqueue({
      idempotencyKey: 'k1',
      target: 'sip2',
      orderingKey: 'item-1',
      payload: { a: 1 },
      eventTime,
    });
    const second = outbox.enqueue({
      idempotencyKey: 'k1',
      target: 'sip2',
      payload: { a: 2 },
      eventTime: new Date(),
    });
    expect(second.id).toBe(first.id);
    expect(second.payload).toEqual({ a: 1 });
    expect(first.eventTime).toBe('2026-03-01T09:15:00.000Z');
    expect(first.state).toBe('pending');
    expect(outbox.counts()).toEqual({ sip2: { pending: 1, in_flight: 0, done: 0, failed: 0, dead: 0 } });
    store.close();
  });

  it('writes and fsyncs referenced files before the row commits', () => {
    const store = openStore({ dataDir: dir });
    const observer = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const syncedWhileRowAbsent: boolean[] = [];
    const outbox = new OutboxRepo(store.db, dir, (fd) => {
      fs.fsyncSync(fd);
      // Seen from another connection: the row must not be visible yet when any fsync happens.
      syncedWhileRowAbsent.push(observer.prepare('SELECT count(*) FROM outbox').pluck().get() === 0);
    });
    const data = Buffer.from('page image bytes');
    const row = outbox.enqueue(
      { idempotencyKey: 'pkg-1', target: 'tus', payload: {}, eventTime: new Date() },
      [{ name: 'jobs/1/page-0001.tif', data }],
    );
    expect(syncedWhileRowAbsent.length).toBeGreaterThanOrEqual(2); // the file and its folder
    expect(syncedWhileRowAbsent.every(Boolean)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'jobs/1/page-0001.tif')).equals(data)).toBe(true);
    expect(row.files).toEqual([
      { path: 'jobs/1/page-0001.tif', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: data.length },
    ]);
    observer.close();
    store.close();
  });

  it('removes the files again when the row cannot be recorded, and refuses paths outside the data directory', () => {
    const store = openStore({ dataDir: dir });
    const outbox = new OutboxRepo(store.db, dir);
    expect(() =>
      outbox.enqueue(
        { idempotencyKey: 'bad', target: 'tus', payload: { n: 1n } as unknown, eventTime: new Date() },
        [{ name: 'jobs/2/a.tif', data: Buffer.from('x') }],
      ),
    ).toThrow();
    expect(fs.existsSync(path.join(dir, 'jobs/2/a.tif'))).toBe(false);
    expect(() =>
      outbox.enqueue({ idempotencyKey: 'escape', target: 'tus', payload: {}, eventTime: new Date() }, [
        { name: '../outside.tif', data: Buffer.from('x') },
      ]),
    ).toThrow(/leaves the data directory/);
    expect(fs.existsSync(path.join(dir, '..', 'outside.tif'))).toBe(false);
    store.close();
  });
});

describe('outbox counts', () => {
  const recount = (db: Database.Database) =>
    Object.fromEntries(
      db
        .prepare('SELECT target, state, count(*) AS n FROM outbox GROUP BY target, state')
        .all()
        .map((r) => {
          const { target, state, n } = r as { target: string; state: string; n: number };
          return [`${target}/${state}`, n];
        }),
    );
  const counted = (outbox: OutboxRepo) =>
    Object.fromEntries(
      Object.entries(outbox.counts()).flatMap(([target, states]) =>
        Object.entries(states)
          .filter(([, n]) => n > 0)
          .map(([state, n]) => [`${target}/${state}`, n]),
      ),
    );
  const add = (outbox: OutboxRepo, target: string, key: string) =>
    outbox.enqueue({ idempotencyKey: key, target, orderingKey: key, payload: {}, eventTime: new Date() });

  it('match a count of the rows through every change of state, in constant time', () => {
    const store = openStore({ dataDir: dir });
    const outbox = new OutboxRepo(store.db, dir);
    const rows = Array.from({ length: 30 }, (_, i) => add(outbox, i % 3 ? 'sip2' : 'repository', `k${i}`));
    const setState = store.db.prepare('UPDATE outbox SET state = ? WHERE id = ?');
    for (const r of rows.slice(0, 10)) setState.run('in_flight', r.id);
    for (const r of rows.slice(0, 6)) setState.run('done', r.id);
    for (const r of rows.slice(6, 8)) setState.run('failed', r.id);
    setState.run('dead', rows[8]!.id);
    setState.run('dead', rows[8]!.id); // no change: counted once
    store.db.prepare('DELETE FROM outbox WHERE id = ?').run(rows[29]!.id);
    expect(counted(outbox)).toEqual(recount(store.db));
    expect(outbox.counts().sip2).toMatchObject({ done: 4, failed: 1, dead: 1, in_flight: 0 });
    // Read from a small table kept by triggers, not from the outbox.
    const plan = store.db
      .prepare('EXPLAIN QUERY PLAN SELECT target, state, n FROM outbox_counts WHERE n > 0')
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toContain('outbox_counts');
    expect(plan).not.toMatch(/\boutbox\b(?!_counts)/);
    store.close();
  });

  it('are filled from the rows a database already has when it is upgraded', () => {
    const v4 = MIGRATIONS.filter((m) => m.version <= 4);
    const old = openStore({ dataDir: dir, migrations: v4 });
    const insert = old.db.prepare(
      `INSERT INTO outbox (idempotency_key, target, ordering_key, payload, next_attempt_at, event_time,
                           created_at, updated_at)
       VALUES (?, 'sip2', ?, '{}', 0, 'then', 'then', 'then')`,
    );
    for (let i = 0; i < 12; i++) insert.run(`old${i}`, `I${i}`);
    old.db.prepare("UPDATE outbox SET state = 'done' WHERE id <= 5").run();
    const expected = recount(old.db);
    old.close();

    const store = openStore({ dataDir: dir });
    const outbox = new OutboxRepo(store.db, dir);
    expect(counted(outbox)).toEqual(expected);
    expect(outbox.counts().sip2).toMatchObject({ done: 5, pending: 7 });
    store.close();
  });
});

describe('data directory', () => {
  it('follows BITIG_DATA_DIR, else the OS app-data folder', () => {
    expect(defaultDataDir({ BITIG_DATA_DIR: '/srv/bitig' }, 'linux')).toBe('/srv/bitig');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/Bitig');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('Bitig');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Bitig$/);
  });
});

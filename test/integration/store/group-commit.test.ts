import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../electron/station/store/group-commit.js';

/** Real database files: what is measured is what SQLite and the disk see. */
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function walDatabase(): { db: Database.Database; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-group-commit-'));
  const file = path.join(dir, 'station.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
  cleanups.push(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { db, file };
}

/** An fsync that waits to be released, recording the descriptors it was given. */
function heldFsync() {
  const calls: number[] = [];
  const waiting: Array<(err: NodeJS.ErrnoException | null) => void> = [];
  return {
    calls,
    fsync(fd: number, callback: (err: NodeJS.ErrnoException | null) => void) {
      calls.push(fd);
      waiting.push((err) => (err ? callback(err) : fs.fsync(fd, callback)));
    },
    release(err: NodeJS.ErrnoException | null = null) {
      for (const done of waiting.splice(0)) done(err);
    },
    get waiting() {
      return waiting.length;
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('a commit is durable only once an fsync of the WAL file that began after it has returned', async () => {
    const { db, file } = walDatabase();
    const held = heldFsync();
    const commits = new GroupCommit(db, { fsync: held.fsync });
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    let durable = false;
    const { value, durable: done } = commits.commit(() => insert.run(1).changes);
    void done.then(() => {
      durable = true;
    });
    expect(value).toBe(1);
    await turn();
    expect(durable).toBe(false);
    expect(held.calls).toHaveLength(1);
    // The descriptor is the WAL file's: that is where a WAL commit lives until a checkpoint.
    expect(fs.fstatSync(held.calls[0]!).ino).toBe(fs.statSync(`${file}-wal`).ino);
    held.release();
    await done;
    expect(durable).toBe(true);
    commits.close();
  });

  it('commits made while an fsync runs share the next one; none is reported durable early', async () => {
    const { db } = walDatabase();
    const held = heldFsync();
    const commits = new GroupCommit(db, { fsync: held.fsync });
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    const first = commits.commit(() => insert.run(1)).durable;
    const order: string[] = [];
    void first.then(() => order.push('first'));
    const later = [2, 3, 4].map((x) => commits.commit(() => insert.run(x)).durable);
    for (const [i, p] of later.entries()) void p.then(() => order.push(`later ${i}`));
    await turn();
    expect(held.calls).toHaveLength(1);
    held.release();
    await first;
    await turn();
    // The first fsync began before the later commits: they wait for a second one.
    expect(order).toEqual(['first']);
    expect(held.calls).toHaveLength(2);
    held.release();
    await Promise.all(later);
    expect(order).toEqual(['first', 'later 0', 'later 1', 'later 2']);
    expect(held.calls).toHaveLength(2);
    commits.close();
  });

  it('leaves the connection at synchronous = FULL for everyone else, also when the work throws', () => {
    const { db } = walDatabase();
    const commits = new GroupCommit(db);
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    commits.commit(() => insert.run(1));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(() =>
      commits.commit(() => {
        insert.run(2);
        throw new Error('half-way');
      }),
    ).toThrow('half-way');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.prepare('SELECT x FROM t').pluck().all()).toEqual([1]);
    commits.close();
  });

  it('an fsync that fails (disk error) rejects the commits waiting for it with that error', async () => {
    const { db } = walDatabase();
    const held = heldFsync();
    const commits = new GroupCommit(db, { fsync: held.fsync });
    const { durable } = commits.commit(() => db.prepare('INSERT INTO t (x) VALUES (1)').run());
    await turn();
    const eio = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    held.release(eio);
    await expect(durable).rejects.toThrow('EIO');
    commits.close();
  });

  it('what was reported durable is read by the next connection, as after a restart', async () => {
    const { db, file } = walDatabase();
    const commits = new GroupCommit(db);
    await commits.commit(() => db.prepare('INSERT INTO t (x) VALUES (7)').run()).durable;
    commits.close();
    // A second connection (as after a restart) reads the WAL the first one wrote.
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT x FROM t').pluck().all()).toEqual([7]);
    other.close();
  });

  it('a database that is not a WAL file on disk commits with FULL and is durable at once', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    const held = heldFsync();
    const commits = new GroupCommit(db, { fsync: held.fsync });
    await commits.commit(() => db.prepare('INSERT INTO t (x) VALUES (1)').run()).durable;
    expect(held.calls).toHaveLength(0);
    db.close();
  });

  it('on macOS (fsync leaves the data in the drive cache) commits with FULL and is durable at once', async () => {
    const { db } = walDatabase();
    const held = heldFsync();
    const commits = new GroupCommit(db, { fsync: held.fsync, platform: 'darwin' });
    await commits.commit(() => db.prepare('INSERT INTO t (x) VALUES (1)').run()).durable;
    expect(held.calls).toHaveLength(0);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });
});

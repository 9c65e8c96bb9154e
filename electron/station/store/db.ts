import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StationError } from '../errors.js';
import { DATABASE_FILE } from './data-dir.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';
import { ownerOnlyDir, ownerOnlyFile, tighten } from './owner-only.js';

export interface Store {
  db: Database.Database;
  dataDir: string;
  file: string;
  schemaVersion: number;
  close(): void;
}

export interface OpenStoreOptions {
  dataDir: string;
  /** A better-sqlite3 binary for this runtime; Electron passes its own ABI build. */
  nativeBinding?: string;
  /** For tests of upgrades: the migrations this build knows. */
  migrations?: readonly Migration[];
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens (creating if needed) the station's database and brings its schema up to date.
 * A file that is not a database, or that a newer Bitig wrote, is reported and left exactly as
 * it is: the station's queue may be in it, and only a person should decide what happens to it.
 */
export function openStore(options: OpenStoreOptions): Store {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.at(-1)?.version ?? 0;
  const file = path.join(options.dataDir, DATABASE_FILE);
  let db: Database.Database;
  try {
    ownerOnlyDir(options.dataDir);
    assertLooksLikeSqlite(file);
    // Made by us, owner-only, before SQLite opens it: SQLite gives the -wal and -shm files it
    // creates the database file's mode, so the patron data in them is owner-only too.
    ownerOnlyFile(file);
    tighten(`${file}-wal`, 0o600);
    tighten(`${file}-shm`, 0o600);
  } catch (err) {
    throw err instanceof StationError ? err : asStoreError(err, file);
  }
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    throw asStoreError(err, file);
  }
  try {
    const found = readUserVersion(db, file);
    if (found > latest) {
      throw new StationError(
        'STORE_TOO_NEW',
        `The database ${file} was written by a newer version of Bitig (schema ${found}; this version knows up to ${latest}). ` +
          'Install the newer version again. The file has not been changed.',
      );
    }
    // WAL lets the screens read while the sync engine writes; FULL makes every commit durable
    // before it returns (the WAL is fsynced at each commit), so a transaction the patron saw
    // acknowledged survives a power cut, not only a crash. On macOS fsync() leaves the data in the
    // drive's cache: fullfsync makes SQLite use F_FULLFSYNC there (ignored elsewhere). README.md.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('fullfsync = ON');
    db.pragma('foreign_keys = ON');
    // Blanked card numbers (../circulation/retention.ts) must not linger in the file's free space.
    db.pragma('secure_delete = FAST'); // zeroes freed space in pages it writes anyway: no extra I/O
    db.pragma('busy_timeout = 5000');
    for (const migration of migrations) {
      if (migration.version <= found) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
  } catch (err) {
    db.close();
    throw err instanceof StationError ? err : asStoreError(err, file);
  }
  return {
    db,
    dataDir: options.dataDir,
    file,
    schemaVersion: latest,
    close: () => {
      if (db.open) db.close();
    },
  };
}

export { LATEST_SCHEMA_VERSION };

/** Checks the header ourselves, before SQLite touches the file (it may create -wal files). */
function assertLooksLikeSqlite(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw asStoreError(err, file);
  }
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    if (read === 0) return; // an empty file is a new database
    if (read < header.length || !header.equals(SQLITE_HEADER)) throw corrupt(file);
  } finally {
    fs.closeSync(fd);
  }
}

function readUserVersion(db: Database.Database, file: string): number {
  try {
    // Reading the schema touches page 1; a damaged file fails here rather than mid-shift.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db.pragma('user_version', { simple: true }) as number;
  } catch (err) {
    throw asStoreError(err, file);
  }
}

function corrupt(file: string): StationError {
  return new StationError(
    'STORE_CORRUPT',
    `The database ${file} is damaged or is not a Bitig database. It has been left untouched; ` +
      'move it aside (keep it for recovery) or restore a backup, then start Bitig again.',
  );
}

function asStoreError(err: unknown, file: string): StationError {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return corrupt(file);
  return new StationError(
    'STORE_UNAVAILABLE',
    `The database ${file} could not be opened: ${(err as Error).message ?? String(err)}`,
  );
}

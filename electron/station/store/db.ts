import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StationError } from '../errors.js';
import { DATABASE_FILE } from './data-dir.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';
import { ownerOnlyDir, ownerOnlyFile, tighten } from './owner-only.js';
import { StorageError, storeCorrupt, storeError, storeReadOnly } from './storage-errors.js';

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
  prepareDataDir(options.dataDir, file);
  assertLooksLikeSqlite(file);

  let db: Database.Database;
  try {
    ownerOnlyDir(options.dataDir);
    // Made by us, owner-only, before SQLite opens it: SQLite gives the -wal and -shm files it
    // creates the database file's mode, so the patron data in them is owner-only too.
    ownerOnlyFile(file);
    tighten(`${file}-wal`, 0o600);
    tighten(`${file}-shm`, 0o600);
  } catch (err) {
    throw storeError(err, file);
  }
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    throw storeError(err, file);
  }
  try {
    const found = readUserVersion(db, file);
    quickCheck(db, file);
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
    // drive's cache: fullfsync makes SQLite use F_FULLFSYNC there (ignored elsewhere). NOTES.md says why.
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
    throw storeError(err, file);
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

/**
 * Creates the data folder if needed and makes sure it can be written, so a read-only disk or a
 * folder we may not use is one sentence naming it, not SQLite's "unable to open database file".
 */
function prepareDataDir(dataDir: string, file: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A recursive mkdir on a read-only disk reports ENOENT: ask the nearest folder that exists.
    if (READ_ONLY_CODES.has(code ?? '') || !writable(nearestExisting(dataDir))) throw storeReadOnly(dataDir);
    throw storeError(err, file);
  }
}

const READ_ONLY_CODES = new Set(['EACCES', 'EROFS', 'EPERM']);

function nearestExisting(dir: string): string {
  let at = dir;
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
}

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * What beside the database shows that a station has lived in this folder: its job images, its
 * exports, its key files, a write-ahead log. A folder with any of them and a zero-length database
 * lost its data (a full disk, a failed copy); it is not a new station.
 */
function stationFilesBeside(dataDir: string): string[] {
  return fs.readdirSync(dataDir).filter((name) => {
    if (name === 'jobs' || name === 'exports' || name.endsWith('.key')) return true;
    if (name === `${DATABASE_FILE}-wal`) return fs.statSync(path.join(dataDir, name)).size > 0;
    return false;
  });
}

/** Checks the header ourselves, before SQLite touches the file (it may create -wal files). */
function assertLooksLikeSqlite(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw storeError(err, file);
  }
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    if (read === 0) {
      // An empty file in an empty folder is a new database (SQLite writes its first page); beside
      // the station's files it is a database that was lost, and an empty station would hide that.
      const found = stationFilesBeside(path.dirname(file));
      if (found.length === 0) return;
      throw new StorageError(
        'STORE_EMPTY',
        `The database ${file} is empty (0 bytes), but its folder holds a station's files (${found.join(', ')}): the database was lost, not new. It has been left as it is; restore ${DATABASE_FILE} from a backup, or move the whole folder aside to start a new station.`,
        file,
      );
    }
    if (read < header.length || !header.equals(SQLITE_HEADER)) throw storeCorrupt(file);
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
    throw storeError(err, file);
  }
}

/**
 * SQLite's own check of every page's structure (not the indexes' contents, which integrity_check
 * adds at many times the cost): damage anywhere is found at start-up, before the station takes
 * patrons or pages, rather than at the row it happens to be in. A station's database is small
 * enough for this to take well under a second.
 */
function quickCheck(db: Database.Database, file: string): void {
  let rows: string[];
  try {
    const found = db.pragma('quick_check(5)') as Record<string, unknown>[];
    rows = found.map((row) => String(Object.values(row)[0]));
  } catch (err) {
    throw storeError(err, file);
  }
  if (rows.length === 1 && rows[0] === 'ok') return;
  // SQLite's findings, on one line: the message is one line in the command line and the logs.
  const found = rows
    .join('; ')
    .replace(/\*\*\* in database main \*\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  throw storeCorrupt(file, `quick_check: ${found.slice(0, 200)}`);
}

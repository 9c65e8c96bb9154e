/**
 * Opening the core inside Electron: where its data lives, which SQLite binary it loads, and what the
 * person at the screen is told when the database cannot be opened. The database file is never
 * touched on failure: it may hold the station's undelivered queue, and only staff should decide.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { App, Dialog } from 'electron';
import { StationError } from '../station/errors.js';
import { Station, type StationOptions } from '../station/station.js';
import { DATABASE_FILE } from '../station/store/data-dir.js';
import { StorageError } from '../station/store/storage-errors.js';
import { languageFromLocales, startupFailure } from './startup-messages.js';

/** `BITIG_DATA_DIR` when set (as in the web host), else Electron's per-user app-data folder. */
export function resolveDataDir(env: NodeJS.ProcessEnv, app: Pick<App, 'getPath'>): string {
  return env.BITIG_DATA_DIR ? path.resolve(env.BITIG_DATA_DIR) : app.getPath('userData');
}

/** Where the packaged app keeps better-sqlite3 built for Electron's ABI (see electron-builder.yml). */
export const SQLITE_BINDING_RELATIVE = path.join('native', 'better_sqlite3.node');

/**
 * The Electron-ABI better-sqlite3 binary, when this is a packaged build that ships one. Unpackaged
 * (development) runs have none and let better-sqlite3 find its own build.
 */
export function resolveSqliteBinding(
  packaged: boolean,
  resourcesPath: string | undefined,
  exists: (file: string) => boolean = fs.existsSync,
): string | undefined {
  if (!packaged || !resourcesPath) return undefined;
  const file = path.join(resourcesPath, SQLITE_BINDING_RELATIVE);
  return exists(file) ? file : undefined;
}

export interface OpenStationDeps {
  app: Pick<App, 'exit'> & Partial<Pick<App, 'getPreferredSystemLanguages'>>;
  dialog: Pick<Dialog, 'showErrorBox'>;
  open?: (options: StationOptions) => Station;
}

/**
 * Opens the station, or explains why it cannot and exits with status 1. A StationError (a corrupt
 * database, one written by a newer Bitig) carries a message meant for a person; anything else (a
 * binary built for the wrong ABI, a data folder we may not write) is shown with the folder it was
 * about, so staff know where to look.
 */
export function openStationOrExit(options: StationOptions, deps: OpenStationDeps): Station | null {
  const open = deps.open ?? ((o: StationOptions) => Station.open(o));
  try {
    return open(options);
  } catch (err) {
    const detail =
      err instanceof StationError
        ? err.message
        : `Bitig could not open its data in ${options.dataDir}: ${err instanceof Error ? err.message : String(err)}`;
    const code = err instanceof StationError ? err.code : 'STORE_UNAVAILABLE';
    const language = languageFromLocales(deps.app.getPreferredSystemLanguages?.() ?? []);
    const file = err instanceof StorageError ? err.path : path.join(options.dataDir, DATABASE_FILE);
    const { title, body } = startupFailure(language, code, detail, file);
    options.log?.('the station did not open', err);
    deps.dialog.showErrorBox(title, body);
    deps.app.exit(1);
    return null;
  }
}

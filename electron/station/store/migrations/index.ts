import init from './001_init.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Every schema change, in order. A migration is never edited once released: add the next number.
 * The SQL files are inlined at build time (`?raw`), so the app needs no migrations folder at runtime.
 */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'init', sql: init }];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

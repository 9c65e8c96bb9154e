import init from './001_init.sql?raw';
import sync from './002_sync.sql?raw';
import kioskPatronsSeen from './003_kiosk_patrons_seen.sql?raw';
import digitization from './004_digitization.sql?raw';
import outboxCounts from './005_outbox_counts.sql?raw';
import patronData from './006_patron_data.sql?raw';
import jobLookup from './007_job_lookup.sql?raw';
import packages from './008_packages.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Every schema change, in order. A migration is never edited once released: add the next number.
 * The SQL files are inlined at build time (`?raw`), so the app needs no migrations folder at runtime.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'sync', sql: sync },
  { version: 3, name: 'kiosk_patrons_seen', sql: kioskPatronsSeen },
  { version: 4, name: 'digitization', sql: digitization },
  { version: 5, name: 'outbox_counts', sql: outboxCounts },
  { version: 6, name: 'patron_data', sql: patronData },
  { version: 7, name: 'job_lookup', sql: jobLookup },
  { version: 8, name: 'packages', sql: packages },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

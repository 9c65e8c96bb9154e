import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { KioskSettings } from '../contract/index.js';
import type { Clock } from '../sync/clock.js';
import type { SeenPatrons } from './seen-patrons.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface PatronDataRetentionOptions {
  db: Database.Database;
  seen: SeenPatrons;
  /** The site's settings, read at each run (staff may change the periods). */
  settings: () => KioskSettings;
  /** Where the station writes its `.koc` exports. */
  exportsDir: string;
  clock: Clock;
  /** How often it runs while the station runs (default hourly). */
  intervalMs?: number;
  log?: (message: string, err?: unknown) => void;
}

export interface RetentionRun {
  /** Done rows whose card number (and the library system's messages) were blanked. */
  blanked: number;
  /** Seen-card rows older than the offline window, deleted. */
  seenPruned: number;
  /** Export files deleted. */
  exportsDeleted: string[];
}

/**
 * Keeps patron data only as long as it is needed: the card number of a queued transaction until
 * `privacy.keepCardNumbersDays` after it is done (the staff report shows it meanwhile), a seen card
 * until the offline window (`offline.seenWithinDays`) has passed, a `.koc` export until
 * `privacy.keepExportsDays`. Runs when the station starts and then every hour.
 */
export class PatronDataRetention {
  readonly #blank: Database.Statement<{ before: string; now: string }>;
  #cancel: (() => void) | null = null;

  constructor(private readonly o: PatronDataRetentionOptions) {
    // What the library system said about a row (SIP2 AF: "Hold for <name>…") may name a patron
    // too: it goes with the card number, and the decision itself stays for the report.
    this.#blank = o.db.prepare(
      `UPDATE outbox
         SET payload = json_set(payload, '$.patronId', NULL, '$.patronIdErased', json('true')),
             outcome = CASE WHEN json_array_length(outcome, '$.screenMessages') > 0
                            THEN json_set(outcome, '$.screenMessages', json('[]')) ELSE outcome END,
             updated_at = @now
       WHERE state = 'done' AND done_at < @before
         AND (json_extract(payload, '$.patronId') IS NOT NULL
              OR json_array_length(outcome, '$.screenMessages') > 0)`,
    );
  }

  run(): RetentionRun {
    const now = this.o.clock.now();
    const { privacy, offline } = this.o.settings();
    const blanked = this.#blank.run({
      before: new Date(now - privacy.keepCardNumbersDays * DAY_MS).toISOString(),
      now: new Date(now).toISOString(),
    }).changes;
    // The old rows' pages are still in the WAL until a checkpoint copies the new ones over them.
    if (blanked > 0) this.o.db.pragma('wal_checkpoint(TRUNCATE)');
    // A site that lets any card in offline has no use for the list at all.
    const seenPruned = this.o.seen.prune(offline.patrons === 'seen' ? offline.seenWithinDays : 0, now);
    const exportsDeleted = this.#deleteExports(now - privacy.keepExportsDays * DAY_MS);
    return { blanked, seenPruned, exportsDeleted };
  }

  /** Runs now, then every `intervalMs` until `stop()`. */
  start(): void {
    if (this.#cancel) return;
    this.#tick();
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = null;
  }

  #tick(): void {
    try {
      const r = this.run();
      if (r.blanked || r.seenPruned || r.exportsDeleted.length)
        this.o.log?.(
          `patron data: ${r.blanked} card number(s) blanked, ${r.seenPruned} seen card(s) and ${r.exportsDeleted.length} export(s) deleted`,
        );
    } catch (err) {
      this.o.log?.('patron data: the retention run failed', err);
    }
    this.#cancel = this.o.clock.setTimer(() => this.#tick(), this.o.intervalMs ?? HOUR_MS);
  }

  #deleteExports(before: number): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.o.exportsDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const deleted: string[] = [];
    for (const name of names) {
      if (!name.endsWith('.koc')) continue;
      const file = path.join(this.o.exportsDir, name);
      if ((exportTime(name) ?? fs.statSync(file).mtimeMs) < before) {
        fs.rmSync(file, { force: true });
        deleted.push(file);
      }
    }
    return deleted;
  }
}

/**
 * When the station wrote an export, from its name (`bitig-offline-2026-12-07T18-58-00-000Z.koc`,
 * stamped with the station's clock), so its age is counted on the same clock as the retention
 * period; null for a file named otherwise (its modification time is used).
 */
export function exportTime(name: string): number | null {
  const m = /^bitig-offline-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.koc$/.exec(name);
  if (!m) return null;
  const at = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(at) ? null : at;
}

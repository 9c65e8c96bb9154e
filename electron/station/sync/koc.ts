import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { writeFileDurably } from '../store/durable-file.js';
import type { OutboxRepo, OutboxRow } from '../store/outbox.js';
import { wallClock } from '../time-zone.js';
import { SIP2_TARGET, Sip2TransactionPayload } from './sip2-payload.js';

export interface KocExportOptions {
  /** Where to write the file. */
  file: string;
  generatorVersion: string;
  target?: string;
  now?: () => Date;
  /** The station's zone: Koha reads the times as the library's local time. */
  timeZone: string;
  /** For tests of durability. */
  fsync?: (fd: number) => void;
}

export interface KocExportResult {
  /** null when nothing was exported (no file is written). */
  file: string | null;
  ids: number[];
  lines: number;
  /** Rows left in the queue, and why. */
  skipped: Array<{ id: number; reason: string }>;
}

interface Candidate {
  row: OutboxRow;
  payload: Sip2TransactionPayload;
}

/**
 * Exports the offline transactions not yet sent as a Koha offline-circulation file (`.koc`) and
 * marks them done (resolution `exported`), so they are not replayed as well.
 *
 * Only rows that certainly never reached the library system go in: a row in flight or one whose
 * last attempt got no answer may have taken effect, and with it every later row of the same item
 * stays queued too, so the library sees each item's transactions in order.
 *
 * The file is written durably first, then the rows are marked in the same IMMEDIATE transaction
 * that chose them: no engine (in this or another process) can claim one in between. If marking
 * fails the file is removed; if the process dies between the two, the rows are still queued and
 * the file was never reported as written.
 */
export function exportKoc(
  db: Database.Database,
  outbox: OutboxRepo,
  options: KocExportOptions,
): KocExportResult {
  const now = options.now ?? (() => new Date());
  const target = options.target ?? SIP2_TARGET;
  return db
    .transaction((): KocExportResult => {
      const { chosen, skipped } = choose(outbox, target);
      if (chosen.length === 0) return { file: null, ids: [], lines: 0, skipped };
      const text = kocText(chosen, options.generatorVersion, options.timeZone);
      const file = path.resolve(options.file);
      writeFileDurably(file, Buffer.from(text, 'utf8'), options.fsync);
      try {
        const at = now().toISOString();
        const mark = db.prepare(
          `UPDATE outbox SET state = 'done', resolution = 'exported', exported_at = @at, done_at = @at,
             updated_at = @at
           WHERE id = @id AND state IN ('pending', 'failed') AND ambiguous = 0`,
        );
        for (const { row } of chosen) {
          if (mark.run({ id: row.id, at }).changes !== 1) {
            throw new Error(`Outbox row ${row.id} changed while it was being exported`);
          }
        }
      } catch (err) {
        fs.rmSync(file, { force: true });
        throw err;
      }
      return { file, ids: chosen.map((c) => c.row.id), lines: chosen.length, skipped };
    })
    .immediate();
}

function choose(
  outbox: OutboxRepo,
  target: string,
): { chosen: Candidate[]; skipped: KocExportResult['skipped'] } {
  const open: OutboxRow[] = [];
  for (let afterId = 0; ; ) {
    const page = outbox.list({
      target,
      states: ['pending', 'in_flight', 'failed'],
      afterId,
      oldestFirst: true,
      limit: 10_000,
    });
    open.push(...page);
    if (page.length < 10_000) break;
    afterId = page.at(-1)!.id;
  }
  const held = new Map<string, number>();
  const chosen: Candidate[] = [];
  const skipped: KocExportResult['skipped'] = [];
  for (const row of open) {
    const key = row.orderingKey ?? `#${row.id}`;
    const blocker = held.get(key);
    if (blocker !== undefined) {
      skipped.push({ id: row.id, reason: `waits for row ${blocker} of the same item` });
      continue;
    }
    const parsed = Sip2TransactionPayload.safeParse(row.payload);
    let reason: string | null = null;
    if (row.state === 'in_flight') reason = 'being sent now';
    else if (row.ambiguous) reason = 'may already have reached the library system; it is checked first';
    else if (!parsed.success) reason = 'not a SIP2 transaction';
    if (reason !== null || !parsed.success) {
      skipped.push({ id: row.id, reason: reason ?? 'not a SIP2 transaction' });
      held.set(key, row.id);
      continue;
    }
    chosen.push({ row, payload: parsed.data });
  }
  return { chosen, skipped };
}

/**
 * The file: a header, then one tab-separated line per transaction with its original local time.
 * A renewal is written as an issue: Koha renews an issue of an item already on loan to the patron.
 */
export function kocText(rows: ReadonlyArray<Candidate>, generatorVersion: string, timeZone: string): string {
  const lines = [`Version=1.0\tGenerator=bitig\tGeneratorVersion=${generatorVersion}`];
  for (const { row, payload } of rows) {
    const at = kocTime(new Date(row.eventTime), timeZone);
    if (payload.action === 'checkin') lines.push(`${at}\treturn\t${clean(payload.itemId)}`);
    else lines.push(`${at}\tissue\t${clean(payload.patronId ?? '')}\t${clean(payload.itemId)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `YYYY-MM-DD HH:MM:SS mmm` in the library's local time, as Koha's offline tools write it. */
export function kocTime(date: Date, timeZone: string): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const c = wallClock(date, timeZone);
  return (
    `${c.year}-${p(c.month)}-${p(c.day)} ` +
    `${p(c.hour)}:${p(c.minute)}:${p(c.second)} ${p(c.millisecond, 3)}`
  );
}

/** A tab or line break inside an id would shift the columns: ids never contain them, but be sure. */
function clean(value: string): string {
  return value.replace(/[\t\r\n]/g, ' ');
}

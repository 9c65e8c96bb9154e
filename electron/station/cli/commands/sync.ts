import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { KioskConfig } from '../../circulation/kiosk-config.js';
import {
  SIP2_REPLAY_CONCURRENCY,
  Sip2ReplayTarget,
  sip2ReplayClients,
} from '../../circulation/sip2-replay.js';
import type { SyncStatus } from '../../contract/sync.js';
import { packageRoot } from '../../package-root.js';
import { sip2ThreadFile } from '../../sip2/thread/thread-file.js';
import { defaultDataDir } from '../../store/data-dir.js';
import { openStore, type Store } from '../../store/db.js';
import { OutboxRepo } from '../../store/outbox.js';
import { KeyFileSecretBox } from '../../store/secrets.js';
import { SettingsRepo } from '../../store/settings.js';
import { SyncEngine } from '../../sync/engine.js';
import { exportKoc } from '../../sync/koc.js';
import { SyncBusyError } from '../../sync/lease.js';
import { formatReplayReport, replayReport } from '../../sync/report.js';
import { SIP2_TARGET } from '../../sync/sip2-payload.js';
import { fromWallClock } from '../../time-zone.js';
import { APP_VERSION } from '../../version.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';

interface CommonOptions {
  json?: boolean;
  dataDir?: string;
}

const HELP = `
The outbox: what this station still has to deliver to the library system (and, later, packages).
Examples:
  bitig sync status                 counts per target and state
  bitig sync run                    deliver what is due now, with the kiosk's SIP2 settings
  bitig sync report --attention     what the library system decided about offline transactions
  bitig sync export-koc --out offline.koc
                                    hand the unsent offline transactions to Koha as a .koc file
                                    (they are then not replayed)
Exit codes: 0 ok, 3 database problem, 4 library system unreachable (rows left), 1 other failure.`;

export function registerSync(program: Command, io: CliIo): void {
  const sync = program
    .command('sync')
    .description("the outbox: status, delivery, the replay report, Koha's .koc export")
    .addHelpText('after', HELP);
  const common = (c: Command) =>
    c
      .option('--json', 'print JSON')
      .option('--data-dir <dir>', 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)');

  common(sync.command('status').description('rows per target and state, and who is syncing')).action(
    (o: CommonOptions) =>
      withStore(io, o, (store, outbox) => {
        const engine = new SyncEngine({ db: store.db, outbox, exclusive: false });
        const status = engine.status();
        io.out(o.json ? JSON.stringify(status, null, 2) : formatStatus(status));
      }),
  );

  common(
    sync
      .command('run')
      .description("deliver what is due now with the kiosk's SIP2 settings, then stop")
      .option('--connections <n>', 'SIP2 connections used side by side', parsePositive, 1),
  ).action((o: CommonOptions & { connections: number }) =>
    withStore(io, o, async (store, outbox) => {
      const config = new KioskConfig(new SettingsRepo(store.db), new KeyFileSecretBox(store.dataDir));
      if (!config.isConfigured()) {
        throw new CliExit(EXIT.FAILURE, 'The kiosk has no SIP2 settings yet (admin screen, or setup).');
      }
      const engine = new SyncEngine({ db: store.db, outbox });
      const { timeZone } = new SettingsRepo(store.db).get();
      engine.registerTarget(
        new Sip2ReplayTarget({
          clients: sip2ReplayClients(config.get().sip2, config.sip2Password(), {
            connections: o.connections,
            threadFile: sip2ThreadFile(packageRoot()),
            timeZone,
          }),
          timeZone,
        }),
        { concurrency: SIP2_REPLAY_CONCURRENCY * o.connections },
      );
      const before = outbox.counts()[SIP2_TARGET]?.done ?? 0;
      try {
        await engine.runOnce(SIP2_TARGET);
      } catch (err) {
        if (err instanceof SyncBusyError) throw new CliExit(EXIT.FAILURE, err.message);
        throw err;
      } finally {
        await engine.close();
      }
      const status = engine.status();
      const target = status.targets[SIP2_TARGET];
      const delivered = (target?.counts.done ?? 0) - before;
      const left = target ? target.counts.pending + target.counts.failed + target.counts.in_flight : 0;
      if (o.json) io.out(JSON.stringify({ delivered, left, status }, null, 2));
      else {
        io.out(`Delivered ${delivered} row(s); ${left} left.`);
        io.out(formatStatus(status));
      }
      if (left > 0 && target?.online === false) {
        throw new CliExit(
          EXIT.UNAVAILABLE,
          `The library system did not answer: ${target.lastError?.message ?? ''}`,
        );
      }
    }),
  );

  common(
    sync
      .command('report')
      .description('what the library system decided about each offline transaction')
      .option('--attention', 'only refusals, changed due dates, alerts and rows given up')
      .option(
        '--since <date>',
        "only transactions made since this date (YYYY-MM-DD: the station's day, or ISO)",
      ),
  ).action((o: CommonOptions & { attention?: boolean; since?: string }) =>
    withStore(io, o, (store, outbox) => {
      const { timeZone } = new SettingsRepo(store.db).get();
      const since = o.since === undefined ? undefined : parseSince(o.since, timeZone);
      const rows = replayReport(outbox, { attentionOnly: o.attention, since });
      io.out(o.json ? JSON.stringify(rows, null, 2) : formatReplayReport(rows, timeZone));
    }),
  );

  common(
    sync
      .command('export-koc')
      .description('write the unsent offline transactions as a Koha .koc file; they are not replayed after')
      .option('--out <file>', 'the file to write (default: bitig-offline-<time>.koc here)'),
  ).action((o: CommonOptions & { out?: string }) =>
    withStore(io, o, (store, outbox) => {
      const file = path.resolve(o.out ?? `bitig-offline-${stamp(new Date())}.koc`);
      const result = exportKoc(store.db, outbox, {
        file,
        generatorVersion: APP_VERSION,
        timeZone: new SettingsRepo(store.db).get().timeZone,
      });
      if (o.json) io.out(JSON.stringify(result, null, 2));
      else if (result.file === null) io.out('Nothing to export: no unsent offline transactions.');
      else io.out(`Wrote ${result.lines} transaction(s) to ${result.file}; they will not be replayed.`);
      if (!o.json && result.skipped.length > 0) {
        io.out(`${result.skipped.length} row(s) stay queued:`);
        for (const s of result.skipped) io.out(`  #${s.id}: ${s.reason}`);
      }
    }),
  );
}

async function withStore(
  io: CliIo,
  o: CommonOptions,
  fn: (store: Store, outbox: OutboxRepo) => void | Promise<void>,
): Promise<void> {
  const store = openStore({ dataDir: o.dataDir ?? defaultDataDir(io.env) });
  try {
    await fn(store, new OutboxRepo(store.db, store.dataDir));
  } finally {
    store.close();
  }
}

export function formatStatus(status: SyncStatus): string {
  const names = Object.keys(status.targets);
  if (names.length === 0) return 'The outbox is empty.';
  return names
    .map((name) => {
      const t = status.targets[name]!;
      const c = t.counts;
      const line = `${name}: ${c.pending} pending, ${c.in_flight} in flight, ${c.failed} failed, ${c.dead} dead, ${c.done} done`;
      const state = t.online === false ? ' (library system not answering)' : '';
      const error = t.lastError ? `\n  last error: ${t.lastError.message}` : '';
      return line + state + error;
    })
    .join('\n');
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new InvalidArgumentError('a whole number from 1 to 16');
  return n;
}

/** A bare day starts at midnight on the station's clock (not UTC's); a full ISO time is as given. */
function parseSince(value: string, timeZone: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = day
    ? fromWallClock(
        { year: Number(day[1]), month: Number(day[2]), day: Number(day[3]), hour: 0, minute: 0, second: 0 },
        timeZone,
      )
    : new Date(value);
  if (d === null || Number.isNaN(d.getTime()))
    throw new CliExit(EXIT.USAGE, `--since: not a date: ${value} (e.g. 2025-03-01)`);
  return d;
}

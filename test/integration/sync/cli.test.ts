import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS, KioskConfig } from '../../../electron/station/circulation/kiosk-config.js';
import { registerSync } from '../../../electron/station/cli/commands/sync.js';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import { CliExit, type CliIo } from '../../../electron/station/cli/io.js';
import { openStore } from '../../../electron/station/store/db.js';
import { OutboxRepo } from '../../../electron/station/store/outbox.js';
import { KeyFileSecretBox } from '../../../electron/station/store/secrets.js';
import { SettingsRepo } from '../../../electron/station/store/settings.js';
import { SyncEngine } from '../../../electron/station/sync/engine.js';
import { acs, closedPort, INSTITUTION, itemId, LOGIN, offline, tempDir } from './helpers.js';

/** `bitig sync …` in-process, as program.ts runs it. */
async function bitig(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: { BITIG_DATA_DIR: dataDir } };
  const program = new Command('bitig')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerSync(program, io);
  let code: number = EXIT.OK;
  try {
    await program.parseAsync(['sync', ...args], { from: 'user' });
  } catch (e) {
    if (e instanceof CliExit) {
      code = e.exitCode;
      if (e.message) io.err(e.message);
    } else if (e instanceof CommanderError) code = e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    else throw e;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A data directory whose kiosk is set up for `port`, with two offline transactions queued. */
function kioskDataDir(port: number): { dir: string; ids: number[] } {
  const dir = tempDir('bitig-sync-cli-');
  const store = openStore({ dataDir: dir });
  try {
    new KioskConfig(new SettingsRepo(store.db), new KeyFileSecretBox(dir)).save(
      {
        ...DEFAULT_KIOSK_SETTINGS,
        sip2: {
          ...DEFAULT_KIOSK_SETTINGS.sip2,
          host: '127.0.0.1',
          port,
          institutionId: INSTITUTION,
          user: LOGIN.userId,
          location: LOGIN.locationCode,
          timeoutSeconds: 1,
        },
      },
      LOGIN.password,
    );
    const outbox = new OutboxRepo(store.db, dir);
    const ids = [
      offline(outbox, { action: 'checkout', itemId: itemId(1) }).id,
      offline(outbox, { action: 'checkin', itemId: itemId(1) }).id,
      offline(outbox, { action: 'checkout', itemId: 'NO-SUCH-BOOK' }).id,
    ];
    return { dir, ids };
  } finally {
    store.close();
  }
}

describe('bitig sync', () => {
  it('status, run with the kiosk settings and the sealed password, then the report', async () => {
    const server = await acs();
    const { dir } = kioskDataDir(server.port);

    const before = await bitig(dir, 'status', '--json');
    expect(before.code).toBe(EXIT.OK);
    expect(JSON.parse(before.out).targets.sip2.counts).toMatchObject({ pending: 3, done: 0 });

    const run = await bitig(dir, 'run');
    expect(run.code, run.err).toBe(EXIT.OK);
    expect(run.out).toContain('Delivered 3 row(s); 0 left.');
    expect(server.state.item(itemId(1))?.loan).toBeUndefined();

    const report = await bitig(dir, 'report', '--json');
    const rows = JSON.parse(report.out) as Array<{ decision: string; itemId: string; attention: boolean }>;
    expect(rows.map((r) => [r.itemId, r.decision])).toEqual([
      [itemId(1), 'accepted'],
      [itemId(1), 'accepted'],
      ['NO-SUCH-BOOK', 'refused'],
    ]);
    const attention = await bitig(dir, 'report', '--attention');
    expect(attention.out).toContain('NO-SUCH-BOOK');
    expect(attention.out).toContain('1 transaction(s), 1 needing attention');
  });

  it("report --since takes a bare day as the station's day, and prints its wall clock", async () => {
    const dir = tempDir('bitig-sync-since-');
    const store = openStore({ dataDir: dir });
    try {
      new SettingsRepo(store.db).update({ timeZone: 'Asia/Tashkent' });
      const outbox = new OutboxRepo(store.db, dir);
      // 23:40 on 5 March and 00:20 on 6 March in Tashkent: both on 5 March in UTC.
      offline(outbox, { action: 'checkin', itemId: 'LATE', at: new Date('2025-03-05T23:40:00+05:00') });
      offline(outbox, { action: 'checkin', itemId: 'EARLY', at: new Date('2025-03-06T00:20:00+05:00') });
    } finally {
      store.close();
    }
    const since = await bitig(dir, 'report', '--since', '2025-03-06');
    expect(since.code, since.err).toBe(EXIT.OK);
    expect(since.out).toContain('2025-03-06 00:20:00 checkin item EARLY');
    expect(since.out).not.toContain('LATE');
    expect(since.out).toContain('1 transaction(s)');
    const bad = await bitig(dir, 'report', '--since', 'yesterday');
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.err).toContain('--since: not a date: yesterday');
  });

  it('run exits 4 when the library system does not answer, and leaves the rows queued', async () => {
    const { dir } = kioskDataDir(await closedPort());
    const run = await bitig(dir, 'run', '--json');
    expect(run.code).toBe(EXIT.UNAVAILABLE);
    expect(JSON.parse(run.out)).toMatchObject({ delivered: 0, left: 3 });
  });

  it('run refuses while another process syncs the same data directory', async () => {
    const server = await acs();
    const { dir } = kioskDataDir(server.port);
    const store = openStore({ dataDir: dir });
    const other = new SyncEngine({ db: store.db, outbox: new OutboxRepo(store.db, dir) });
    other.start();
    try {
      const run = await bitig(dir, 'run');
      expect(run.code).toBe(EXIT.FAILURE);
      expect(run.err).toMatch(/Another Bitig process \(pid \d+\) is syncing/);
    } finally {
      await other.stop();
      store.close();
    }
  });

  it('export-koc writes the unsent transactions and they are then not replayed', async () => {
    const server = await acs();
    const { dir } = kioskDataDir(server.port);
    const file = path.join(dir, 'offline.koc');
    const exported = await bitig(dir, 'export-koc', '--out', file);
    expect(exported.code).toBe(EXIT.OK);
    expect(exported.out).toContain('Wrote 3 transaction(s)');
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Version=1\.0\tGenerator=bitig\tGeneratorVersion=\d/);
    expect(lines.slice(1).map((l) => l.split('\t').slice(1))).toEqual([
      ['issue', 'P000', itemId(1)],
      ['return', itemId(1)],
      ['issue', 'P000', 'NO-SUCH-BOOK'],
    ]);
    const run = await bitig(dir, 'run');
    expect(run.out).toContain('Delivered 0 row(s); 0 left.');
    expect(server.received.filter((c) => c === '11' || c === '09')).toEqual([]);
    expect((await bitig(dir, 'export-koc', '--out', file)).out).toContain('Nothing to export');
  });
});

/**
 * The kiosk side of the crash harness, run as its own process and killed with SIGKILL at random
 * moments. It is composed as `electron/station/station.ts` composes a kiosk: the store, the kiosk
 * service with its configuration and offline policy, the sync engine replaying the outbox to the
 * library system. Patrons come one after another; each book is lent, renewed or returned through
 * `KioskService` (identify, transact, end of session), and `ACK <key>` is printed only when the
 * service hands back the ✓ the patron sees. The kiosk's own connection to the library system is
 * refused (nobody listens on `kioskPort`), so every transaction is queued offline; the replay reaches
 * the library system over its own connections, so recording and replay overlap with the kills.
 *
 * The child records exactly the transactions the harness lists for this life, never looking at the
 * outbox to decide: whether an acknowledged transaction survived is the harness's question.
 *
 * `lossy` turns this into a station that loses acknowledged work, for the harness's mutation
 * tests: `drop-unsent` deletes the queued rows not yet sent each time it starts (as if a restart
 * cleared its queue); `ack-before-commit` shows ✓ first and writes each transaction only when the
 * next one comes, so the last ✓ of a life is never on disk.
 *
 * argv: one JSON `StationChildArgs`.
 */
import fs from 'node:fs';
import { KioskConfig } from '../../../../electron/station/circulation/kiosk-config.js';
import { KioskService } from '../../../../electron/station/circulation/kiosk-service.js';
import { SeenPatrons } from '../../../../electron/station/circulation/seen-patrons.js';
import { Sip2ReplayTarget } from '../../../../electron/station/circulation/sip2-replay.js';
import type { KioskSettings } from '../../../../electron/station/contract/index.js';
import { EventHub } from '../../../../electron/station/events.js';
import { Sip2ThreadClient } from '../../../../electron/station/sip2/thread/thread-client.js';
import { openStore } from '../../../../electron/station/store/db.js';
import { type OutboxEntry, OutboxRepo, type OutboxRow } from '../../../../electron/station/store/outbox.js';
import { KeyFileSecretBox } from '../../../../electron/station/store/secrets.js';
import { SettingsRepo } from '../../../../electron/station/store/settings.js';
import { SyncEngine } from '../../../../electron/station/sync/engine.js';
import { SIP2_TARGET } from '../../../../electron/station/sync/sip2-payload.js';
import { INSTITUTION, LOGIN } from '../fixtures.js';

/** One transaction a patron makes at the kiosk; `key` is the harness's name for it. */
export interface PlannedTransaction {
  key: string;
  action: 'checkout' | 'renew' | 'checkin';
  itemId: string;
  /** null for a return: the book is put down with nobody signed in. */
  patronId: string | null;
  /** When the patron makes it (ms since the epoch): the kiosk's clock reads this meanwhile. */
  at: number;
}

export type LossyMode = 'none' | 'drop-unsent' | 'ack-before-commit';

export interface StationChildArgs {
  dataDir: string;
  /** The transactions to make in this life, in order (JSON `PlannedTransaction[]`). */
  todoFile: string;
  /** The library system, for the replay. */
  acsHost: string;
  acsPort: number;
  /** Where the kiosk's own SIP2 connection goes: a closed port, so the kiosk works offline. */
  kioskPort: number;
  /** Transactions to make before idling until killed; `finish`: all of them, drain, exit. */
  mode: number | 'finish';
  /** The built SIP2 thread; the replay's connections run there, as in the station. */
  thread: string;
  lossy: LossyMode;
}

const args = JSON.parse(process.argv[2] ?? '{}') as StationChildArgs;

/** Straight to fd 1: once this returns the parent can read the line, whatever happens next. */
const say = (line: string) => fs.writeSync(1, `${line}\n`);

/** The site's offline policy generous enough for the whole plan: every action, any card. */
function kioskSettings(base: KioskSettings): KioskSettings {
  return {
    ...base,
    sip2: {
      ...base.sip2,
      host: '127.0.0.1',
      port: args.kioskPort,
      institutionId: INSTITUTION,
      user: LOGIN.userId,
      location: LOGIN.locationCode,
      timeoutSeconds: 1,
    },
    actions: { checkout: true, checkin: true, renew: true },
    pinPolicy: 'never',
    offline: {
      actions: { checkout: true, checkin: true, renew: true },
      patrons: 'any',
      seenWithinDays: 90,
      maxItemsPerPatron: 100,
      maxItemsTotal: 100_000,
      loanDays: 14,
    },
  };
}

async function main(): Promise<void> {
  const todo = JSON.parse(fs.readFileSync(args.todoFile, 'utf8')) as PlannedTransaction[];
  const store = openStore({ dataDir: args.dataDir });
  if (args.lossy === 'drop-unsent') store.db.prepare("DELETE FROM outbox WHERE state = 'pending'").run();
  const settings = new SettingsRepo(store.db);
  const outbox = lossyOutbox(new OutboxRepo(store.db, args.dataDir));
  const secrets = new KeyFileSecretBox(args.dataDir);
  const config = new KioskConfig(settings, secrets);
  // First run: what setup and the admin screen save.
  if (!settings.get().setupComplete) {
    config.save(kioskSettings(config.get()), LOGIN.password);
    settings.update({ setupComplete: true, role: 'kiosk', mode: 'connected' });
  }

  const engine = new SyncEngine({
    db: store.db,
    outbox,
    concurrency: 4,
    backoff: { baseMs: 20, maxMs: 200, jitter: 0.5 },
    settleMs: 20,
    probeIntervalMs: 50,
    pollIntervalMs: 20,
    log: (message, err) => process.stderr.write(`${message} ${err ? String(err) : ''}\n`),
  });
  const clients = [0, 1].map(
    () =>
      new Sip2ThreadClient(
        {
          host: args.acsHost,
          port: args.acsPort,
          institutionId: INSTITUTION,
          login: LOGIN,
          requestTimeoutMs: 1_000,
          connectTimeoutMs: 1_000,
          reconnect: false,
          keepAlive: false,
        },
        args.thread,
      ),
  );
  engine.registerTarget(new Sip2ReplayTarget({ clients }), { concurrency: 4 });
  // As station.ts wires them, except the replay's target, registered above.
  const kiosk = new KioskService({
    config,
    outbox,
    seenPatrons: new SeenPatrons(store.db, settings, secrets, () => config.get().offline.patrons === 'seen'),
    forwardQueued: (itemId) => engine.forward(SIP2_TARGET, itemId),
    onQueued: () => engine.wake(SIP2_TARGET),
    onReachable: () => engine.targetReachable(SIP2_TARGET),
    events: new EventHub(),
    dataDir: args.dataDir,
    settings: () => settings.get(),
    log: (message, err) => process.stderr.write(`${message} ${err ? String(err) : ''}\n`),
    now: () => new Date(clock),
  });
  await kiosk.start();
  engine.start();
  say('READY');

  const limit = args.mode === 'finish' ? Number.POSITIVE_INFINITY : args.mode;
  let signedIn: string | null = null;
  let clock = Date.now();
  let made = 0;
  for (const tx of todo) {
    if (made >= limit) break;
    // A patron scans one book after another.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
    clock = tx.at;
    if (signedIn !== tx.patronId && signedIn !== null) {
      await kiosk.endSession('finished');
      signedIn = null;
    }
    if (tx.patronId !== null && signedIn === null) {
      await kiosk.identify({ patronId: tx.patronId, entry: 'scan' });
      signedIn = tx.patronId;
    }
    const outcome = await kiosk.transact(tx.action, tx.itemId);
    if (!outcome.ok || !outcome.pending) {
      throw new Error(`${tx.key}: the kiosk answered ${JSON.stringify(outcome)}, not a queued ✓`);
    }
    // What the patron sees: the ✓ for this book.
    say(`ACK ${tx.key}`);
    made++;
  }
  if (signedIn !== null) await kiosk.endSession('finished');
  say('RECORDED');
  if (args.mode !== 'finish') {
    // Keep replaying (the engine's timers do not hold the process) until the harness kills us.
    setInterval(() => undefined, 60_000);
    return;
  }

  outbox.flushLossy?.();
  await engine.stop();
  for (;;) {
    await engine.runOnce(SIP2_TARGET);
    const c = outbox.counts()[SIP2_TARGET];
    if (!c || c.pending + c.failed + c.in_flight === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await engine.close();
  await kiosk.close();
  store.close();
  say('DRAINED');
}

/**
 * `ack-before-commit`: enqueue answers at once with a row that is not written yet, and writes it
 * when the next transaction comes (or at `flushLossy`).
 */
function lossyOutbox(outbox: OutboxRepo): OutboxRepo & { flushLossy?: () => void } {
  if (args.lossy !== 'ack-before-commit') return outbox;
  let held: OutboxEntry | null = null;
  const enqueue = outbox.enqueue.bind(outbox);
  const flush = () => {
    if (held) enqueue(held);
    held = null;
  };
  return Object.assign(outbox, {
    enqueue: (entry: OutboxEntry): OutboxRow => {
      flush();
      held = entry;
      return { id: 0 } as OutboxRow;
    },
    flushLossy: flush,
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`station child failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

/**
 * The station side of the crash harness, run as its own process and killed with SIGKILL at random
 * moments: it opens the store, starts the sync engine with the SIP2 replay target, and records up
 * to `limit` of the plan's offline transactions one by one (skipping those an earlier life queued),
 * printing `ACK <key>` once each is committed, while the engine replays. With `finish` it records
 * the rest, drains the queue, prints `DRAINED` and exits.
 *
 * argv: dataDir planFile host port (limit | finish) sip2Thread
 */
import fs from 'node:fs';
import { Sip2ThreadClient } from '../../../../electron/station/sip2/thread/thread-client.js';
import { openStore } from '../../../../electron/station/store/db.js';
import { OutboxRepo } from '../../../../electron/station/store/outbox.js';
import { SyncEngine } from '../../../../electron/station/sync/engine.js';
import { SIP2_TARGET, type Sip2TransactionPayload } from '../../../../electron/station/sync/sip2-payload.js';
import { Sip2ReplayTarget } from '../../../../electron/station/sync/targets/sip2-replay.js';

export interface PlannedTransaction {
  key: string;
  payload: Sip2TransactionPayload;
  /** ms since the epoch. */
  at: number;
}

/** `thread`: the built SIP2 thread; the replay's connections run there, as in the station. */
const [dataDir, planFile, host, port, mode, thread] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const limit = mode === 'finish' ? Number.POSITIVE_INFINITY : Number(mode);

/** Straight to fd 1: once this returns the parent can read the line, whatever happens next. */
const say = (line: string) => fs.writeSync(1, `${line}\n`);

async function main(): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as PlannedTransaction[];
  const store = openStore({ dataDir });
  const outbox = new OutboxRepo(store.db, dataDir);
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
          host,
          port: Number(port),
          institutionId: 'SYNC-TEST',
          login: { userId: 'kiosk', password: 'kiosk-parol', locationCode: 'kiosk-1' },
          requestTimeoutMs: 1_000,
          connectTimeoutMs: 1_000,
          reconnect: false,
          keepAlive: false,
        },
        thread,
      ),
  );
  engine.registerTarget(new Sip2ReplayTarget({ clients }), { concurrency: 4 });
  engine.start();
  say('READY');

  let recorded = 0;
  for (const tx of plan) {
    if (recorded >= limit) break;
    if (outbox.get(tx.key)) continue;
    // A kiosk records one transaction at a time, as patrons scan books.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
    outbox.enqueue({
      idempotencyKey: tx.key,
      target: SIP2_TARGET,
      orderingKey: tx.payload.itemId,
      payload: tx.payload,
      eventTime: new Date(tx.at),
    });
    say(`ACK ${tx.key}`);
    recorded++;
    engine.wake(SIP2_TARGET);
  }
  say('RECORDED');
  if (mode !== 'finish') {
    // Keep replaying (the engine's timers do not hold the process) until the harness kills us.
    setInterval(() => undefined, 60_000);
    return;
  }

  await engine.stop();
  for (;;) {
    await engine.runOnce(SIP2_TARGET);
    const c = outbox.counts()[SIP2_TARGET];
    if (!c || c.pending + c.failed + c.in_flight === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await engine.close();
  store.close();
  say('DRAINED');
}

main().catch((err: unknown) => {
  process.stderr.write(`station child failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

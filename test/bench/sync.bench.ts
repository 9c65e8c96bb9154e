import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bench, describe } from 'vitest';
import { Sip2Client } from '../../electron/station/sip2/client.js';
import { openStore } from '../../electron/station/store/db.js';
import { OutboxRepo } from '../../electron/station/store/outbox.js';
import { SyncEngine } from '../../electron/station/sync/engine.js';
import { SIP2_TARGET } from '../../electron/station/sync/sip2-payload.js';
import {
  SIP2_REPLAY_CONCURRENCY,
  Sip2ReplayTarget,
} from '../../electron/station/sync/targets/sip2-replay.js';
import { bundle, childEnv } from '../helpers/bundle.js';
import { runCrashHarness } from '../integration/sync/crash-harness.js';
import { INSTITUTION, itemId, LOGIN, patronId } from '../integration/sync/fixtures.js';

/**
 * Replay rate against the test library system (in its own process, as a real one is), beside the
 * raw baseline measured in the same run: the same transactions as plain SIP2 round trips on one
 * socket, one after the other. One iteration = BATCH items, each lent and returned (2 round trips).
 * The replay iteration also queues its rows first (one transaction): vitest's figures include that,
 * the printed ratio does not (queuing is measured by store.bench.ts).
 *
 * Twice: against the test library system answering as fast as it can (a loopback round trip of
 * about 0.1–0.2 ms here, so the engine's own work per row shows in full), and with 1 ms of work
 * per answer, still faster than production library systems answer a checkout.
 */
const BATCH = 200;
const DAY = 24 * 60 * 60 * 1000;
const promised = () => new Date(Date.now() + 7 * DAY);

for (const serviceMs of [0, 1]) {
  const label =
    serviceMs === 0 ? 'library system answering at once' : `library system taking ${serviceMs} ms per answer`;
  const acsChild = await startAcsChild(4 * BATCH, serviceMs);
  const client = () =>
    new Sip2Client({
      host: '127.0.0.1',
      port: acsChild.port,
      institutionId: INSTITUTION,
      login: LOGIN,
      reconnect: false,
      keepAlive: false,
    });

  // Raw: plain round trips on one socket.
  const raw = client();
  await raw.connect();
  let rawItems = 0;
  let rawMs = 0;

  // Replay: the outbox, the engine and the SIP2 target, over one connection too.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bench-sync-'));
  const store = openStore({ dataDir: dir });
  const outbox = new OutboxRepo(store.db, dir);
  const engine = new SyncEngine({ db: store.db, outbox });
  engine.registerTarget(new Sip2ReplayTarget({ clients: [client()] }), {
    concurrency: SIP2_REPLAY_CONCURRENCY,
  });
  let replayItems = 0;
  let replayMs = 0;
  let queueMs = 0;

  /** After the replay bench (which runs second): the two rates side by side, then cleanup. */
  const report = async (): Promise<void> => {
    const rawRate = (rawItems * 2 * 1000) / rawMs;
    const replayRate = (replayItems * 2 * 1000) / replayMs;
    console.log(
      `\n${label}: replay ${replayRate.toFixed(0)} transactions/s | raw ${rawRate.toFixed(0)} round trips/s | ` +
        `replay takes ${(rawRate / replayRate).toFixed(2)}× the raw time (goal ≤ 1.5×); ` +
        `queuing the rows took ${((queueMs / (replayItems * 2)) * 1000).toFixed(0)} µs per row besides\n`,
    );
    await engine.close();
    await raw.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    acsChild.process.kill();
  };

  describe(`offline replay vs plain SIP2 round trips, ${label}`, () => {
    bench(
      `raw: ${BATCH} checkouts + returns, one socket`,
      async () => {
        const started = performance.now();
        for (let i = 0; i < BATCH; i++) {
          const item = itemId(i);
          const at = new Date();
          await raw.checkout({
            patronIdentifier: patronId(0),
            itemIdentifier: item,
            noBlock: true,
            scRenewalPolicy: false,
            transactionDate: at,
            nbDueDate: promised(),
          });
          await raw.checkin({ itemIdentifier: item, noBlock: true, transactionDate: at, returnDate: at });
        }
        rawMs += performance.now() - started;
        rawItems += BATCH;
      },
      { time: 3_000, warmupIterations: 2 },
    );

    bench(
      `replay: ${BATCH} queued checkouts + returns through the outbox`,
      async () => {
        const started = performance.now();
        store.db.transaction(() => {
          for (let i = 0; i < BATCH; i++) {
            const item = itemId(BATCH + i);
            const at = new Date();
            for (const action of ['checkout', 'checkin'] as const) {
              outbox.enqueue({
                idempotencyKey: randomUUID(),
                target: SIP2_TARGET,
                orderingKey: item,
                payload: {
                  action,
                  patronId: action === 'checkout' ? patronId(1) : null,
                  itemId: item,
                  promisedDueDate: action === 'checkout' ? promised().toISOString() : null,
                },
                eventTime: at,
              });
            }
          }
        })();
        const queued = performance.now();
        queueMs += queued - started;
        await engine.runOnce(SIP2_TARGET);
        replayMs += performance.now() - queued;
        replayItems += BATCH;
      },
      {
        time: 3_000,
        warmupIterations: 2,
        teardown: async (_task, mode) => {
          if (mode === 'run') await report();
        },
      },
    );
  });
}

const CRASH_POINTS = Number(process.env.BITIG_CRASH_POINTS ?? 200);

describe('crash harness', () => {
  bench(
    `${CRASH_POINTS} SIGKILLs while recording and replaying (BITIG_CRASH_POINTS)`,
    async () => {
      const result = await runCrashHarness({ points: CRASH_POINTS });
      console.log(
        `\ncrash harness: ${result.points} kills (startup ${result.killedAt.startup}, recording ${result.killedAt.recording}, ` +
          `replaying ${result.killedAt.replaying}, idle ${result.killedAt.idle}), ${result.inFlightAtKills} row(s) in flight at a kill, ` +
          `${result.confirmed} confirmed by item information, ${result.acknowledged}/${result.planned} acknowledged, ` +
          `${(result.durationMs / 1000).toFixed(1)} s: ${result.problems.length === 0 ? 'exactly once, integrity ok' : result.problems.join('; ')}\n`,
      );
      if (result.problems.length > 0) throw new Error(result.problems.join('\n'));
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});

async function startAcsChild(
  items: number,
  serviceMs: number,
): Promise<{ process: ChildProcess; port: number; file: string }> {
  const file = await bundle('test/integration/sync/children/acs-child.ts', 'sync-acs-child');
  const child = spawn(process.execPath, [file, String(items), String(serviceMs)], {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /PORT (\d+)/.exec(buffer);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the test ACS exited with ${code}`)));
  });
  return { process: child, port, file };
}

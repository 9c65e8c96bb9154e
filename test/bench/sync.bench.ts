import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bench, describe } from 'vitest';
import { SIP2_REPLAY_CONCURRENCY, Sip2ReplayTarget } from '../../electron/station/circulation/sip2-replay.js';
import { Sip2Client, type Sip2ClientOptions } from '../../electron/station/sip2/client.js';
import { Sip2ThreadClient } from '../../electron/station/sip2/thread/thread-client.js';
import { openStore } from '../../electron/station/store/db.js';
import { OutboxRepo, type OutboxRow } from '../../electron/station/store/outbox.js';
import { DEFAULT_BACKOFF } from '../../electron/station/sync/backoff.js';
import { systemClock } from '../../electron/station/sync/clock.js';
import { Dispatcher } from '../../electron/station/sync/dispatcher.js';
import { SyncEngine } from '../../electron/station/sync/engine.js';
import type { QueueWrite } from '../../electron/station/sync/queue-write.js';
import { SIP2_TARGET, type Sip2TransactionPayload } from '../../electron/station/sync/sip2-payload.js';
import { WriteBatch } from '../../electron/station/sync/write-batch.js';
import { bundle, childEnv, sip2Thread } from '../helpers/bundle.js';
import { runCrashHarness } from '../integration/sync/crash-harness.js';
import { INSTITUTION, itemId, LOGIN, patronId } from '../integration/sync/fixtures.js';
import { MemoryQueue } from './helpers/memory-queue.js';

/**
 * Replay rate against the test library system (in its own process, as a real one is), beside the
 * raw baseline measured in the same run: the same transactions as plain SIP2 round trips on one
 * socket, one after the other. One iteration = a raw round, then a replay round, each of BATCH
 * items lent and returned (2 round trips per item). The replay round also queues its rows first
 * (one transaction): vitest's figures include that, the printed ratio does not (queuing is
 * measured by store.bench.ts).
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
  const client = () => benchClient(acsChild.port);

  // Raw: plain round trips on one socket.
  const raw = client();
  await raw.connect();
  let rawItems = 0;
  let rawMs = 0;

  // Replay: the outbox, the engine and the SIP2 target, over one connection too (on a thread of
  // its own, as the station runs it).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bench-sync-'));
  const store = openStore({ dataDir: dir });
  const outbox = new OutboxRepo(store.db, dir);
  const engine = new SyncEngine({ db: store.db, outbox });
  engine.registerTarget(new Sip2ReplayTarget({ clients: [await threadClient(acsChild.port)] }), {
    concurrency: SIP2_REPLAY_CONCURRENCY,
  });
  let replayItems = 0;
  let replayMs = 0;
  let queueMs = 0;

  /** After the bench: the two rates side by side, then cleanup. */
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

  /** One round of the replay: BATCH items lent and returned, queued offline, then delivered. */
  const replayRound = async (): Promise<void> => {
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
            payload: payloadOf(action, item),
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
  };

  describe(`offline replay vs plain SIP2 round trips, ${label}`, () => {
    // Raw and replay rounds alternate, so both are measured under the same conditions: this
    // machine's speed drifts by half within minutes, which would otherwise show in the ratio.
    bench(
      `${BATCH} checkouts + returns: a raw round on one socket, then a replay round through the outbox`,
      async () => {
        rawMs += await rawRound(raw);
        rawItems += BATCH;
        await replayRound();
      },
      {
        time: 6_000,
        warmupIterations: 2,
        teardown: async (_task, mode) => {
          if (mode === 'run') await report();
        },
      },
    );
  });
}

/**
 * The same replay over an outbox kept in plain JavaScript (nothing durable): the dispatcher and the
 * SIP2 target as the station runs them, without SQLite. Not a mode of the station: a floor, to show
 * how much of the replay's time is the durable store's.
 */
{
  const acsChild = await startAcsChild(4 * BATCH, 0);
  const client = () => benchClient(acsChild.port);
  const raw = client();
  await raw.connect();
  const queue = new MemoryQueue();
  const target = new Sip2ReplayTarget({ clients: [await threadClient(acsChild.port)] });
  const dispatcher = new Dispatcher({
    target,
    queue,
    writes: new WriteBatch<QueueWrite>(queue.committer()),
    clock: systemClock,
    random: Math.random,
    concurrency: SIP2_REPLAY_CONCURRENCY,
    maxAttempts: 10,
    backoff: DEFAULT_BACKOFF,
    settleMs: 5_000,
    probeIntervalMs: 15_000,
    pollIntervalMs: 2_000,
    onChange: () => {},
    log: () => {},
  });
  let rawMs = 0;
  let floorMs = 0;
  let rawItems = 0;
  let floorItems = 0;

  describe('the same replay over an in-memory outbox (no durable store: a floor)', () => {
    bench(
      `${BATCH} checkouts + returns: a raw round on one socket, then a replay round over memory`,
      async () => {
        rawMs += await rawRound(raw);
        rawItems += BATCH;
        for (let i = 0; i < BATCH; i++) {
          const item = itemId(BATCH + i);
          for (const action of ['checkout', 'checkin'] as const) queue.add(memoryRow(action, item));
        }
        const started = performance.now();
        await dispatcher.runOnce();
        floorMs += performance.now() - started;
        floorItems += BATCH;
      },
      {
        time: 6_000,
        warmupIterations: 2,
        teardown: async (_task, mode) => {
          if (mode !== 'run') return;
          const rawRate = (rawItems * 2 * 1000) / rawMs;
          const floorRate = (floorItems * 2 * 1000) / floorMs;
          console.log(
            `\nin-memory outbox (floor, nothing durable): replay ${floorRate.toFixed(0)} transactions/s | ` +
              `raw ${rawRate.toFixed(0)} round trips/s | ${(rawRate / floorRate).toFixed(2)}× the raw time\n`,
          );
          await raw.close();
          await target.close();
          acsChild.process.kill();
        },
      },
    );
  });
}

/** A replayed transaction as the offline kiosk queues it: patron 1 borrows or returns `item`. */
function payloadOf(action: 'checkout' | 'checkin', item: string): Sip2TransactionPayload {
  return {
    action,
    patronId: action === 'checkout' ? patronId(1) : null,
    itemId: item,
    promisedDueDate: action === 'checkout' ? promised().toISOString() : null,
  };
}

function memoryRow(action: 'checkout' | 'checkin', item: string): Omit<OutboxRow, 'id'> {
  const now = new Date().toISOString();
  return {
    idempotencyKey: randomUUID(),
    target: SIP2_TARGET,
    orderingKey: item,
    payload: payloadOf(action, item),
    state: 'pending',
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    outcome: null,
    eventTime: now,
    createdAt: now,
    updatedAt: now,
    files: [],
    ambiguous: false,
    checkedBefore: null,
    resolution: null,
    staffNote: null,
    exportedAt: null,
    doneAt: null,
  };
}

function clientOptions(port: number): Sip2ClientOptions {
  return {
    host: '127.0.0.1',
    port,
    institutionId: INSTITUTION,
    login: LOGIN,
    reconnect: false,
    keepAlive: false,
  };
}

/** A SIP2 connection to the test library system on this thread: the raw baseline's. */
function benchClient(port: number): Sip2Client {
  return new Sip2Client(clientOptions(port));
}

/** A SIP2 connection on its own thread, as the station's replay gets it. */
async function threadClient(port: number): Promise<Sip2ThreadClient> {
  return new Sip2ThreadClient(clientOptions(port), await sip2Thread());
}

/** The baseline: BATCH books lent and returned as plain round trips, one after the other; ms taken. */
async function rawRound(raw: Sip2Client): Promise<number> {
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
  return performance.now() - started;
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

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Sip2ReplayTarget } from '../../../electron/station/circulation/sip2-replay.js';
import { startTestAcs, type TestAcs, type TestAcsOptions } from '../../../electron/station/sip2/acs/index.js';
import { Sip2Client, type Sip2ClientOptions } from '../../../electron/station/sip2/client.js';
import { Sip2ThreadClient } from '../../../electron/station/sip2/thread/thread-client.js';
import { openStore, type Store } from '../../../electron/station/store/db.js';
import { OutboxRepo, type OutboxRow } from '../../../electron/station/store/outbox.js';
import { SyncEngine, type SyncEngineOptions } from '../../../electron/station/sync/engine.js';
import { SIP2_TARGET, type Sip2TransactionPayload } from '../../../electron/station/sync/sip2-payload.js';
import { INSTITUTION, LOGIN, patronId, syncSeed } from './fixtures.js';

export {
  type AppliedLog,
  INSTITUTION,
  itemId,
  LOGIN,
  patronId,
  recordApplied,
  syncSeed,
} from './fixtures.js';

const DAY = 24 * 60 * 60 * 1000;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

export function tempDir(prefix = 'bitig-sync-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function acs(options: TestAcsOptions = {}): Promise<TestAcs> {
  const server = await startTestAcs({ seed: syncSeed(), ...options });
  onCleanup(() => server.close());
  return server;
}

export function sip2Client(server: { host: string; port: number }, options: Partial<Sip2ClientOptions> = {}) {
  const client = new Sip2Client(clientOptions(server, options));
  onCleanup(() => client.close());
  return client;
}

function clientOptions(server: { host: string; port: number }, options: Partial<Sip2ClientOptions>) {
  return {
    host: server.host,
    port: server.port,
    institutionId: INSTITUTION,
    login: LOGIN,
    requestTimeoutMs: 1_000,
    connectTimeoutMs: 1_000,
    reconnect: false,
    keepAlive: false,
    ...options,
  } satisfies Sip2ClientOptions;
}

/** A replay connection on a thread of its own (`file`: the bundled SIP2 thread). */
export function threadClient(
  server: { host: string; port: number },
  file: string,
  options: Partial<Sip2ClientOptions> = {},
): Sip2ThreadClient {
  const { now: _clock, ...rest } = clientOptions(server, options);
  const client = new Sip2ThreadClient(rest, file);
  onCleanup(() => client.close());
  return client;
}

export interface Station {
  dir: string;
  store: Store;
  outbox: OutboxRepo;
  engine: SyncEngine;
  target: Sip2ReplayTarget;
  /** The replay's connections on this thread (to listen to their trace); none with `thread`. */
  clients: Sip2Client[];
}

/** The store, an engine and the SIP2 replay target against `server`, with short test timings. */
export function station(
  server: { host: string; port: number },
  options: {
    dir?: string;
    engine?: Partial<SyncEngineOptions>;
    client?: Partial<Sip2ClientOptions>;
    connections?: number;
    concurrency?: number;
    /** The built SIP2 thread (`sip2Thread()`): connections on threads of their own, as the station has them. */
    thread?: string;
  } = {},
): Station {
  const dir = options.dir ?? tempDir();
  const store = openStore({ dataDir: dir });
  const outbox = new OutboxRepo(store.db, dir);
  const engine = new SyncEngine({
    db: store.db,
    outbox,
    backoff: { baseMs: 20, maxMs: 200, jitter: 0.5 },
    settleMs: 20,
    probeIntervalMs: 30,
    pollIntervalMs: 50,
    statusIntervalMs: 20,
    ...options.engine,
  });
  const connections = options.connections ?? 1;
  const thread = options.thread;
  const clients = thread ? [] : Array.from({ length: connections }, () => sip2Client(server, options.client));
  const target = new Sip2ReplayTarget({
    clients: thread
      ? Array.from({ length: connections }, () => threadClient(server, thread, options.client))
      : clients,
  });
  engine.registerTarget(target, { concurrency: options.concurrency ?? 4 });
  onCleanup(async () => {
    await engine.close();
    store.close();
  });
  return { dir, store, outbox, engine, target, clients };
}

/** Queues a transaction as the offline kiosk does. */
export function offline(
  outbox: OutboxRepo,
  tx: {
    action: Sip2TransactionPayload['action'];
    itemId: string;
    patronId?: string | null;
    at?: Date;
    /** Days from `at` to the promised due date (checkout/renew); default 7. */
    promisedDays?: number;
    key?: string;
  },
): OutboxRow {
  const at = tx.at ?? new Date();
  const promised =
    tx.action === 'checkin' ? null : new Date(at.getTime() + (tx.promisedDays ?? 7) * DAY).toISOString();
  const payload: Sip2TransactionPayload = {
    action: tx.action,
    patronId: tx.action === 'checkin' ? null : (tx.patronId ?? patronId(0)),
    itemId: tx.itemId,
    promisedDueDate: promised,
  };
  return outbox.enqueue({
    idempotencyKey: tx.key ?? randomUUID(),
    target: SIP2_TARGET,
    orderingKey: tx.itemId,
    payload,
    eventTime: at,
  });
}

export function rowsOf(outbox: OutboxRepo): OutboxRow[] {
  return outbox.list({ limit: 10_000, oldestFirst: true });
}

/** Polls until `check` is true (or fails after `ms`). */
export async function waitFor(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Runs the engine until no row is open (faults cleared), with a deadline. */
export async function drain(s: Station, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    await s.engine.runOnce(SIP2_TARGET);
    const c = s.outbox.counts()[SIP2_TARGET];
    if (!c || c.pending + c.failed + c.in_flight === 0) return;
    if (Date.now() > until) throw new Error(`The queue did not drain: ${JSON.stringify(c)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

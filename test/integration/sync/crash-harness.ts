import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Sip2ReplayOutcome } from '../../../electron/station/circulation/sip2-replay.js';
import { startTestAcs } from '../../../electron/station/sip2/acs/index.js';
import { DATABASE_FILE } from '../../../electron/station/store/data-dir.js';
import type { Sip2TransactionPayload } from '../../../electron/station/sync/sip2-payload.js';
import { bundle, childEnv, sip2Thread } from '../../helpers/bundle.js';
import type { LossyMode, PlannedTransaction, StationChildArgs } from './children/station-child.js';
import { itemId as item, patronId, recordApplied, syncSeed } from './fixtures.js';

export interface CrashHarnessOptions {
  /** How many times the station is killed with SIGKILL. */
  points: number;
  /** Seed of the harness's own random choices (plan order, kill moments). */
  seed?: number;
  /** Longest wait after the station is up before the kill. */
  maxKillDelayMs?: number;
  /**
   * Each life is killed only after this many ✓ (or once it has made all it was given), then after
   * the random wait: kills land on acknowledged work however slow the machine is. Default 0.
   */
  acksBeforeKill?: number;
  /** The library system's delay per transaction (applied at once, answered this late). */
  latencyMs?: number;
  /** A station that loses acknowledged work on purpose (the mutation tests): the harness must say so. */
  lossy?: LossyMode;
  /** false: stop after the last kill's check, without the life that drains the queue (default true). */
  finish?: boolean;
  log?: (line: string) => void;
}

export interface CrashHarnessResult {
  points: number;
  planned: number;
  /** Transactions the kiosk acknowledged (the patron's ✓, `ACK` read before it died). */
  acknowledged: number;
  /** Acknowledged transactions missing from the outbox at a check, in the order found: must be none. */
  lost: string[];
  killedAt: { startup: number; recording: number; replaying: number; idle: number };
  /** Rows found in flight right after a kill (the process died mid-attempt), summed. */
  inFlightAtKills: number;
  /** Rows whose unanswered attempt was found done by item information. */
  confirmed: number;
  integrity: string[];
  durationMs: number;
  /** Empty when every transaction took effect exactly once and the database is sound. */
  problems: string[];
}

const LATE_PATRONS = 3;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Kills the kiosk process (SIGKILL) at random moments while patrons borrow, renew and return
 * books with the library system unreachable from the kiosk, and the replay forwards the queue to
 * the test library system (which lives on in this process); restarts it each time, then lets a
 * last life finish.
 *
 * What makes it able to fail:
 * - a transaction counts as acknowledged when the kiosk service hands back the patron's ✓, and an
 *   acknowledged one is never made again: a later life gets only what was neither acknowledged nor
 *   found in the database;
 * - after every kill, before the restart, a copy of the database and its WAL (the live files are
 *   never opened between kills: the restarted station recovers its own WAL) must pass
 *   `PRAGMA integrity_check` and hold every acknowledged transaction; each one missing is named
 *   in `lost` and `problems`;
 * - at the end every planned transaction must have taken effect exactly once in the library's
 *   state, with the due date the kiosk promised.
 * A transaction recorded but killed before its ✓ is not made again either (the patron's receipt
 * would not show it, the queue does): it must still be delivered once, never twice.
 */
export async function runCrashHarness(options: CrashHarnessOptions): Promise<CrashHarnessResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = prng(options.seed ?? 20_250_310);
  const maxDelay = options.maxKillDelayMs ?? 250;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-crash-'));
  const dataDir = path.join(work, 'station');
  const todoFile = path.join(work, 'todo.json');

  // Enough work that most lives have something to do: ~6 transactions per kill point.
  const items = Math.max(8, Math.ceil((options.points * 6) / 4));
  const server = await startTestAcs({ seed: syncSeed(items, LATE_PATRONS) });
  const applied = recordApplied(server);
  server.injectFault({
    kind: 'delay',
    ms: options.latencyMs ?? 12,
    count: 1e9,
    codes: ['11', '09', '29', '17'],
  });

  const plan = makePlan(items, random);
  const byDescription = new Map(plan.map((t) => [describe(t), t.key]));
  const child = await bundle('test/integration/sync/children/station-child.ts', 'sync-station-child');
  // The replay's connections run on threads of their own, as in the station: killed with it.
  const thread = await sip2Thread();
  const kioskPort = await closedPort();
  const childArgs = (mode: StationChildArgs['mode']): StationChildArgs => ({
    dataDir,
    todoFile,
    acsHost: server.host,
    acsPort: server.port,
    kioskPort,
    mode,
    thread,
    lossy: options.lossy ?? 'none',
  });

  const acked = new Set<string>();
  const lost: string[] = [];
  let found = new Set<string>();
  const killedAt = { startup: 0, recording: 0, replaying: 0, idle: 0 };
  const integrity: string[] = [];
  const problems: string[] = [];
  let inFlightAtKills = 0;
  /** The check before each restart: every acknowledged transaction is in the (copied) outbox. */
  const check = (when: string, db: Snapshot) => {
    integrity.push(db.integrity);
    if (db.integrity !== 'ok') problems.push(`integrity ${when}: ${db.integrity}`);
    problems.push(...db.problems.map((p) => `${when}: ${p}`));
    for (const key of acked) {
      if (db.keys.has(key) || lost.includes(key)) continue;
      lost.push(key);
      problems.push(`${when}: acknowledged ${key} (${planned(key)}) is not in the outbox`);
    }
    found = new Set(db.keys.keys());
  };
  const planned = (key: string) => describe(plan.find((t) => t.key === key)!);
  /** What the next life does: never a transaction acknowledged or already recorded. */
  const writeTodo = () =>
    fs.writeFileSync(todoFile, JSON.stringify(plan.filter((t) => !acked.has(t.key) && !found.has(t.key))));

  const result = (end: Snapshot | null): CrashHarnessResult => ({
    points: options.points,
    planned: plan.length,
    acknowledged: acked.size,
    lost,
    killedAt,
    inFlightAtKills,
    confirmed: end?.confirmed ?? 0,
    integrity,
    durationMs: Date.now() - started,
    problems,
  });

  try {
    for (let point = 0; point < options.points; point++) {
      // A few patrons at the kiosk per life: recording and replay overlap with the kill.
      writeTodo();
      const perLife = 1 + Math.floor(random() * 12);
      const life = startLife(child, childArgs(perLife));
      const beforeReady = random() < 0.2;
      if (beforeReady) await sleep(random() * 150);
      else {
        await Promise.race([life.ready, life.exited]);
        await life.acked(Math.min(perLife, options.acksBeforeKill ?? 0));
        await sleep(random() * maxDelay);
      }
      life.process.kill('SIGKILL');
      await life.exited;
      for (const key of life.acks) acked.add(key);
      if (life.failed) problems.push(`life ${point} failed: ${life.stderr.slice(0, 500)}`);
      const db = inspectCopy(dataDir, work, byDescription);
      check(`after kill ${point}`, db);
      inFlightAtKills += db.inFlight;
      if (!life.wasReady) killedAt.startup++;
      else if (!life.recorded) killedAt.recording++;
      else if (db.open > 0) killedAt.replaying++;
      else killedAt.idle++;
      if ((point + 1) % 10 === 0)
        log(`crash harness: ${point + 1}/${options.points} kills, ${acked.size} acknowledged`);
    }

    if (options.finish === false) return result(null);

    // The last life: make what is left, drain, exit.
    writeTodo();
    const last = startLife(child, childArgs('finish'));
    const finished = await Promise.race([last.exited.then(() => true), sleep(60_000).then(() => false)]);
    if (!finished) {
      last.process.kill('SIGKILL');
      await last.exited;
      problems.push('the last life did not finish within 60 s');
    }
    for (const key of last.acks) acked.add(key);
    if (!last.drained) problems.push(`the last life did not drain: ${last.stderr.slice(0, 500)}`);

    const db = inspectCopy(dataDir, work, byDescription);
    check('at the end', db);
    problems.push(...verify(plan, db, applied, server.state));
    return result(db);
  } finally {
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Four transactions per item, as a busy reading room makes them over a week and a half offline (a
 * loan, its renewal two days later, the return, a loan to the next reader), items interleaved at
 * random but each item's in order. Each promises a different due date (the kiosk's offline loan
 * period from its own day), so a renewal that took effect can be told from one that did not.
 */
function makePlan(items: number, random: () => number): PlannedTransaction[] {
  const t0 = Date.now() - 10 * DAY;
  const queues = Array.from({ length: items }, (_, i): PlannedTransaction[] => {
    const itemId = item(i);
    const first = patronId(i % LATE_PATRONS);
    const next = patronId((i + 1) % LATE_PATRONS);
    const at = (day: number) => t0 + day * DAY + i * 1000;
    return [
      { key: `tx-${itemId}-0`, action: 'checkout', itemId, patronId: first, at: at(0) },
      { key: `tx-${itemId}-1`, action: 'renew', itemId, patronId: first, at: at(2) },
      { key: `tx-${itemId}-2`, action: 'checkin', itemId, patronId: null, at: at(4) },
      { key: `tx-${itemId}-3`, action: 'checkout', itemId, patronId: next, at: at(5) },
    ];
  });
  const plan: PlannedTransaction[] = [];
  while (queues.some((q) => q.length > 0)) {
    const open = queues.filter((q) => q.length > 0);
    plan.push(open[Math.floor(random() * open.length)]!.shift()!);
  }
  return plan;
}

/**
 * How a transaction is found in the outbox, whose keys the kiosk makes: each item has one return
 * and its loans and renewal are each by a different patron or of a different kind. A return is
 * matched without its patron, whatever the row keeps of it.
 */
function describe(t: { action: string; itemId: string; patronId: string | null }): string {
  return t.action === 'checkin'
    ? `checkin ${t.itemId}`
    : `${t.action} ${t.itemId} by ${t.patronId ?? '(nobody)'}`;
}

function verify(
  plan: PlannedTransaction[],
  db: Snapshot,
  applied: ReturnType<typeof recordApplied>,
  library: Awaited<ReturnType<typeof startTestAcs>>['state'],
): string[] {
  const problems: string[] = [];
  for (const tx of plan) {
    const row = db.keys.get(tx.key);
    if (!row) {
      problems.push(`${tx.key} (${describe(tx)}) was never recorded`);
      continue;
    }
    const outcome = row.outcome ? (JSON.parse(row.outcome) as Sip2ReplayOutcome) : null;
    if (row.state !== 'done' || outcome?.accepted !== true) {
      problems.push(`${tx.key}: ${row.state} ${row.resolution} ${row.outcome}`);
    }
  }
  const items = [...new Set(plan.map((t) => t.itemId))];
  for (const itemId of items) {
    const counts = [
      applied.count('checkout', itemId),
      applied.count('renew', itemId),
      applied.count('checkin', itemId),
    ];
    if (counts.join() !== '2,1,1')
      problems.push(`${itemId}: applied checkout/renew/checkin ${counts.join('/')}`);
    const last = plan.filter((t) => t.itemId === itemId).at(-1)!;
    const promised = db.keys.get(last.key)?.payload.promisedDueDate;
    const loan = library.item(itemId)?.loan;
    const due = promised ? Math.floor(Date.parse(promised) / 1000) * 1000 : Number.NaN;
    if (loan?.patron !== last.patronId || loan.renewals !== 0 || Date.parse(loan.due) !== due) {
      problems.push(`${itemId}: final loan ${JSON.stringify(loan)}, promised ${promised}`);
    }
  }
  return problems;
}

interface Life {
  process: ChildProcess;
  ready: Promise<void>;
  exited: Promise<void>;
  acks: string[];
  wasReady: boolean;
  recorded: boolean;
  drained: boolean;
  failed: boolean;
  stderr: string;
  /** Resolves once `n` transactions were acknowledged, or the life has nothing more to make. */
  acked(n: number): Promise<void>;
}

function startLife(file: string, args: StationChildArgs): Life {
  const child = spawn(process.execPath, [file, JSON.stringify(args)], {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let markReady: () => void = () => {};
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const settle = () => {
    for (const w of [...waiters]) {
      if (life.acks.length >= w.n || life.recorded || child.exitCode !== null || child.signalCode !== null) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const life: Life = {
    process: child,
    ready: new Promise((resolve) => {
      markReady = resolve;
    }),
    exited: new Promise((resolve) => child.on('close', () => resolve())),
    acks: [],
    wasReady: false,
    recorded: false,
    drained: false,
    failed: false,
    stderr: '',
    acked: (n) =>
      new Promise((resolve) => {
        waiters.push({ n, resolve });
        settle();
      }),
  };
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'READY') {
        life.wasReady = true;
        markReady();
      } else if (line === 'RECORDED') life.recorded = true;
      else if (line === 'DRAINED') life.drained = true;
      else if (line.startsWith('ACK ')) life.acks.push(line.slice(4));
    }
    settle();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    life.stderr += chunk.toString('utf8');
  });
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && code !== 0) life.failed = true;
  });
  child.on('close', settle);
  return life;
}

interface SnapshotRow {
  state: string;
  resolution: string | null;
  outcome: string | null;
  payload: { promisedDueDate?: string | null };
}

interface Snapshot {
  integrity: string;
  /** The outbox's rows by the harness's key for them. */
  keys: Map<string, SnapshotRow>;
  /** Rows that are not a planned transaction, or a planned one twice. */
  problems: string[];
  inFlight: number;
  open: number;
  confirmed: number;
}

/**
 * Reads what the station would find on restart, without touching its files: the database and its
 * WAL (a rollback journal too, while the first life sets up) are copied, and the copy is opened,
 * so SQLite recovers the copy's WAL as a restarted station recovers its own. The shared-memory
 * index is left behind: SQLite rebuilds it from the WAL.
 */
function inspectCopy(dataDir: string, work: string, byDescription: Map<string, string>): Snapshot {
  const empty: Snapshot = {
    integrity: 'ok',
    keys: new Map(),
    problems: [],
    inFlight: 0,
    open: 0,
    confirmed: 0,
  };
  const copyDir = path.join(work, 'copy');
  fs.rmSync(copyDir, { recursive: true, force: true });
  fs.mkdirSync(copyDir);
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) return empty;
  for (const suffix of ['', '-wal', '-journal']) {
    const from = path.join(dataDir, DATABASE_FILE + suffix);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(copyDir, DATABASE_FILE + suffix));
  }
  const db = new Database(path.join(copyDir, DATABASE_FILE));
  try {
    const integrity = (db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    const hasOutbox = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'outbox'").get() !== undefined;
    const hasSync =
      hasOutbox && db.prepare("SELECT 1 FROM pragma_table_info('outbox') WHERE name = 'resolution'").get();
    if (!hasSync) return { ...empty, integrity };
    const snapshot: Snapshot = { ...empty, integrity, keys: new Map(), problems: [] };
    const rows = db
      .prepare<[], SnapshotRow & { id: number; payload: string }>(
        'SELECT id, state, resolution, outcome, payload FROM outbox ORDER BY id',
      )
      .all();
    for (const raw of rows) {
      const payload = JSON.parse(raw.payload) as Sip2TransactionPayload;
      const row = { ...raw, payload };
      const key = byDescription.get(describe(payload));
      if (!key) snapshot.problems.push(`outbox row ${raw.id} (${describe(payload)}) is not in the plan`);
      else if (snapshot.keys.has(key))
        snapshot.problems.push(`${key} (${describe(payload)}) is recorded twice`);
      else snapshot.keys.set(key, row);
      if (row.state === 'in_flight') snapshot.inFlight++;
      if (['pending', 'in_flight', 'failed'].includes(row.state)) snapshot.open++;
      if (row.resolution === 'confirmed') snapshot.confirmed++;
    }
    return snapshot;
  } finally {
    db.close();
  }
}

/** A port nobody listens on: the kiosk's own connection to the library system is refused. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A small seeded generator, so a failing run can be repeated. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startTestAcs } from '../../../electron/station/sip2/acs/index.js';
import { DATABASE_FILE } from '../../../electron/station/store/data-dir.js';
import type { Sip2ReplayOutcome } from '../../../electron/station/sync/targets/sip2-replay.js';
import { bundle, childEnv, sip2Thread } from '../../helpers/bundle.js';
import type { PlannedTransaction } from './children/station-child.js';
import { itemId, patronId, recordApplied, syncSeed } from './fixtures.js';

export interface CrashHarnessOptions {
  /** How many times the station is killed with SIGKILL. */
  points: number;
  /** Seed of the harness's own random choices (plan order, kill moments). */
  seed?: number;
  /** Longest wait after the station is up before the kill. */
  maxKillDelayMs?: number;
  /** The library system's delay per transaction (applied at once, answered this late). */
  latencyMs?: number;
  log?: (line: string) => void;
}

export interface CrashHarnessResult {
  points: number;
  planned: number;
  /** Transactions the station acknowledged (`ACK` read before it died). */
  acknowledged: number;
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

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const LATE_PATRONS = 3;

/**
 * Kills the station process (SIGKILL) at random moments while it records offline transactions and
 * replays them to the test library system (which lives on in this process), restarts it each time,
 * then lets a last life finish. Afterwards every transaction must have taken effect exactly once
 * in the library's state, and the database must pass `PRAGMA integrity_check` after every kill.
 */
export async function runCrashHarness(options: CrashHarnessOptions): Promise<CrashHarnessResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = prng(options.seed ?? 20_250_310);
  const maxDelay = options.maxKillDelayMs ?? 250;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-crash-'));
  const dataDir = path.join(work, 'station');
  const planFile = path.join(work, 'plan.json');

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
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const child = await bundle('test/integration/sync/children/station-child.ts', 'sync-station-child');
  // The replay's connections run on threads of their own, as in the station: killed with it.
  const thread = await sip2Thread();

  const acked = new Set<string>();
  const killedAt = { startup: 0, recording: 0, replaying: 0, idle: 0 };
  const integrity: string[] = [];
  const problems: string[] = [];
  let inFlightAtKills = 0;
  try {
    for (let point = 0; point < options.points; point++) {
      // A few patrons at the kiosk per life: recording and replay overlap with the kill.
      const perLife = String(1 + Math.floor(random() * 12));
      const life = startLife(child, [dataDir, planFile, server.host, String(server.port), perLife, thread]);
      const beforeReady = random() < 0.2;
      if (beforeReady) await sleep(random() * 150);
      else {
        await Promise.race([life.ready, life.exited]);
        await sleep(random() * maxDelay);
      }
      life.process.kill('SIGKILL');
      await life.exited;
      for (const key of life.acks) acked.add(key);
      if (life.failed) problems.push(`life ${point} failed: ${life.stderr.slice(0, 500)}`);
      const db = inspect(dataDir);
      inFlightAtKills += db.inFlight;
      if (db.integrity !== 'ok') problems.push(`integrity after kill ${point}: ${db.integrity}`);
      integrity.push(db.integrity);
      if (!life.wasReady) killedAt.startup++;
      else if (!life.recorded) killedAt.recording++;
      else if (db.open > 0) killedAt.replaying++;
      else killedAt.idle++;
      if ((point + 1) % 10 === 0)
        log(`crash harness: ${point + 1}/${options.points} kills, ${acked.size} acknowledged`);
    }

    // The last life: record what is left, drain, exit.
    const last = startLife(child, [dataDir, planFile, server.host, String(server.port), 'finish', thread]);
    const finished = await Promise.race([last.exited.then(() => true), sleep(60_000).then(() => false)]);
    if (!finished) {
      last.process.kill('SIGKILL');
      problems.push('the last life did not finish within 60 s');
    }
    for (const key of last.acks) acked.add(key);
    if (!last.drained) problems.push(`the last life did not drain: ${last.stderr.slice(0, 500)}`);

    const db = inspect(dataDir);
    integrity.push(db.integrity);
    if (db.integrity !== 'ok') problems.push(`final integrity: ${db.integrity}`);
    problems.push(...verify(dataDir, plan, acked, applied, server.state));
    return {
      points: options.points,
      planned: plan.length,
      acknowledged: acked.size,
      killedAt,
      inFlightAtKills,
      confirmed: db.confirmed,
      integrity,
      durationMs: Date.now() - started,
      problems,
    };
  } finally {
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(path.dirname(child), { recursive: true, force: true });
  }
}

/**
 * Four transactions per item, as a busy reading room makes them (a loan, its renewal, the return,
 * a loan to the next reader), items interleaved at random but each item's in order.
 */
function makePlan(items: number, random: () => number): PlannedTransaction[] {
  const t0 = Date.now() - 6 * HOUR;
  const queues = Array.from({ length: items }, (_, i) => {
    const item = itemId(i);
    const first = patronId(i % LATE_PATRONS);
    const next = patronId((i + 1) % LATE_PATRONS);
    const at = (h: number) => t0 + h * HOUR + i * 1000;
    const promise = (h: number) => new Date(at(h) + 7 * DAY).toISOString();
    return [
      { action: 'checkout', patronId: first, at: at(0), promisedDueDate: promise(0) },
      { action: 'renew', patronId: first, at: at(1), promisedDueDate: promise(1) },
      { action: 'checkin', patronId: null, at: at(2), promisedDueDate: null },
      { action: 'checkout', patronId: next, at: at(3), promisedDueDate: promise(3) },
    ].map((t, n) => ({
      key: `tx-${item}-${n}`,
      at: t.at,
      payload: {
        action: t.action as PlannedTransaction['payload']['action'],
        patronId: t.patronId,
        itemId: item,
        promisedDueDate: t.promisedDueDate,
      },
    }));
  });
  const plan: PlannedTransaction[] = [];
  while (queues.some((q) => q.length > 0)) {
    const open = queues.filter((q) => q.length > 0);
    plan.push(open[Math.floor(random() * open.length)]!.shift()!);
  }
  return plan;
}

function verify(
  dataDir: string,
  plan: PlannedTransaction[],
  acked: Set<string>,
  applied: ReturnType<typeof recordApplied>,
  library: Awaited<ReturnType<typeof startTestAcs>>['state'],
): string[] {
  const problems: string[] = [];
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const rows = new Map(
      db
        .prepare<
          [],
          { idempotency_key: string; state: string; resolution: string | null; outcome: string | null }
        >('SELECT idempotency_key, state, resolution, outcome FROM outbox')
        .all()
        .map((r) => [r.idempotency_key, r]),
    );
    for (const key of acked) if (!rows.has(key)) problems.push(`acknowledged ${key} is not in the outbox`);
    for (const tx of plan) {
      const row = rows.get(tx.key);
      if (!row) {
        problems.push(`${tx.key} was never recorded`);
        continue;
      }
      const outcome = row.outcome ? (JSON.parse(row.outcome) as Sip2ReplayOutcome) : null;
      if (row.state !== 'done' || outcome?.accepted !== true) {
        problems.push(`${tx.key}: ${row.state} ${row.resolution} ${row.outcome}`);
      }
    }
  } finally {
    db.close();
  }
  const items = [...new Set(plan.map((t) => t.payload.itemId))];
  for (const item of items) {
    const counts = [
      applied.count('checkout', item),
      applied.count('renew', item),
      applied.count('checkin', item),
    ];
    if (counts.join() !== '2,1,1')
      problems.push(`${item}: applied checkout/renew/checkin ${counts.join('/')}`);
    const last = plan.filter((t) => t.payload.itemId === item).at(-1)!;
    const loan = library.item(item)?.loan;
    const due = Math.floor(Date.parse(last.payload.promisedDueDate!) / 1000) * 1000;
    if (loan?.patron !== last.payload.patronId || loan.renewals !== 0 || Date.parse(loan.due) !== due) {
      problems.push(`${item}: final loan ${JSON.stringify(loan)}`);
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
}

function startLife(file: string, args: string[]): Life {
  const child = spawn(process.execPath, [file, ...args], {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let markReady: () => void = () => {};
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
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    life.stderr += chunk.toString('utf8');
  });
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && code !== 0) life.failed = true;
  });
  return life;
}

function inspect(dataDir: string): { integrity: string; inFlight: number; open: number; confirmed: number } {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) return { integrity: 'ok', inFlight: 0, open: 0, confirmed: 0 };
  const db = new Database(file);
  try {
    const integrity = (db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    const hasOutbox = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'outbox'").get() !== undefined;
    const hasSync =
      hasOutbox && db.prepare("SELECT 1 FROM pragma_table_info('outbox') WHERE name = 'resolution'").get();
    if (!hasSync) return { integrity, inFlight: 0, open: 0, confirmed: 0 };
    const count = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
    return {
      integrity,
      inFlight: count("SELECT count(*) FROM outbox WHERE state = 'in_flight'"),
      open: count("SELECT count(*) FROM outbox WHERE state IN ('pending', 'in_flight', 'failed')"),
      confirmed: count("SELECT count(*) FROM outbox WHERE resolution = 'confirmed'"),
    };
  } finally {
    db.close();
  }
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

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type Store } from '../../../electron/station/store/db.js';
import { OutboxRepo, type OutboxRow } from '../../../electron/station/store/outbox.js';
import type { Clock } from '../../../electron/station/sync/clock.js';
import { SyncEngine, type SyncEngineOptions } from '../../../electron/station/sync/engine.js';
import {
  DeliveryError,
  type Resolution,
  type SyncTarget,
  type Verdict,
} from '../../../electron/station/sync/target.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A clock that moves only when told; timers fire in time order as it passes them. */
export class ManualClock implements Clock {
  /** A day ahead of real time: rows queued now (stamped with Date.now()) are due at once. */
  t = Date.now() + 24 * 60 * 60 * 1000;
  #timers: Array<{ at: number; fn: () => void; id: number }> = [];
  #next = 0;

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const id = this.#next++;
    this.#timers.push({ at: this.t + Math.max(0, ms), fn, id });
    return () => {
      this.#timers = this.#timers.filter((t) => t.id !== id);
    };
  }

  /** Moves time on, firing the timers that fall due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t.id !== due.id);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }
}

type Step = 'ok' | DeliveryError | Error;

/**
 * A target with a script: each row's attempts succeed or fail as told, ambiguous attempts are
 * resolved with the verdicts given. It records what it was asked, in order.
 */
export class FakeTarget implements SyncTarget {
  readonly name: string;
  up = true;
  probes = 0;
  /** Row ids in the order they were delivered (successfully or not). */
  readonly attempts: number[] = [];
  readonly delivered: number[] = [];
  readonly resolved: number[] = [];
  readonly prepared: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Ordering keys in flight now: two of one key at once would be a bug. */
  readonly keysInFlight = new Set<string>();
  overlapOfOneKey = false;
  readonly steps = new Map<number, Step[]>();
  readonly verdicts = new Map<number, Verdict[]>();
  /** ms a delivery takes (real time). */
  latencyMs = 0;
  onDeliver: ((row: OutboxRow) => void) | null = null;
  close?: () => Promise<void>;
  prepareValue: ((row: OutboxRow) => unknown) | null = null;

  constructor(name = 'fake') {
    this.name = name;
  }

  script(id: number, ...steps: Step[]): this {
    this.steps.set(id, steps);
    return this;
  }

  verdict(id: number, ...verdicts: Verdict[]): this {
    this.verdicts.set(id, verdicts);
    return this;
  }

  async probe(): Promise<boolean> {
    this.probes++;
    return this.up;
  }

  async prepare(row: OutboxRow): Promise<unknown> {
    this.prepared.push(row.id);
    return this.prepareValue ? this.prepareValue(row) : undefined;
  }

  async deliver(row: OutboxRow): Promise<unknown> {
    this.attempts.push(row.id);
    if (!this.up) throw new DeliveryError('unreachable', 'connection refused');
    const key = row.orderingKey ?? `#${row.id}`;
    if (this.keysInFlight.has(key)) this.overlapOfOneKey = true;
    this.keysInFlight.add(key);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      this.onDeliver?.(row);
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      else await Promise.resolve();
      const step = this.steps.get(row.id)?.shift() ?? 'ok';
      if (step !== 'ok') throw step;
      this.delivered.push(row.id);
      return { ok: true, id: row.id };
    } finally {
      this.inFlight--;
      this.keysInFlight.delete(key);
    }
  }

  async resolve(row: OutboxRow): Promise<Resolution> {
    this.resolved.push(row.id);
    const verdict = this.verdicts.get(row.id)?.shift() ?? 'not_taken';
    return verdict === 'took_effect'
      ? { verdict, outcome: { confirmed: row.id } }
      : verdict === 'unknown'
        ? { verdict, detail: 'cannot tell' }
        : { verdict };
  }
}

export interface Setup {
  dir: string;
  store: Store;
  outbox: OutboxRepo;
  clock: ManualClock;
  engine: SyncEngine;
  target: FakeTarget;
}

export function tempStore(): { dir: string; store: Store; outbox: OutboxRepo } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-sync-unit-'));
  const store = openStore({ dataDir: dir });
  cleanups.push(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir, store, outbox: new OutboxRepo(store.db, dir) };
}

export function setup(
  options: Partial<SyncEngineOptions> & { concurrency?: number; target?: FakeTarget } = {},
): Setup {
  const { dir, store, outbox } = tempStore();
  const clock = new ManualClock();
  const target = options.target ?? new FakeTarget();
  const engine = new SyncEngine({
    db: store.db,
    outbox,
    clock,
    random: () => 0.5,
    backoff: { baseMs: 1_000, maxMs: 60_000, jitter: 0.5 },
    settleMs: 500,
    probeIntervalMs: 10_000,
    pollIntervalMs: 5_000,
    maxAttempts: 5,
    statusIntervalMs: 0,
    ...options,
  });
  engine.registerTarget(target, { concurrency: options.concurrency ?? 4 });
  cleanups.unshift(() => engine.close());
  return { dir, store, outbox, clock, engine, target };
}

export function enqueue(
  s: { outbox: OutboxRepo; clock?: ManualClock },
  key: string | null,
  extra: { target?: string; maybeSent?: boolean; payload?: unknown } = {},
): OutboxRow {
  return s.outbox.enqueue({
    idempotencyKey: randomUUID(),
    target: extra.target ?? 'fake',
    orderingKey: key,
    payload: extra.payload ?? { n: Math.random() },
    eventTime: new Date(s.clock?.now() ?? Date.now()),
    maybeSent: extra.maybeSent,
  });
}

/**
 * Waits (real time, up to 5 s) for a condition. Commits become durable when an fsync in the
 * thread pool returns, which takes real milliseconds, so a count of event-loop turns is not enough.
 */
export async function until(check: () => boolean, what = 'condition'): Promise<void> {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Lets pending promise chains and write batches run. */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

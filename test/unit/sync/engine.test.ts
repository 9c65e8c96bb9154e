import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/station/store/data-dir.js';
import { SyncEngine } from '../../../electron/station/sync/engine.js';
import { SyncBusyError } from '../../../electron/station/sync/lease.js';
import { DeliveryError } from '../../../electron/station/sync/target.js';
import { enqueue, FakeTarget, settle, setup, tempStore, until } from './fakes.js';

describe('order within an ordering key', () => {
  it('delivers each key strictly in order, keys side by side up to the concurrency, never two of one key at once', async () => {
    const s = setup({ concurrency: 3 });
    s.target.latencyMs = 3;
    const ids: Record<string, number[]> = { A: [], B: [], C: [], D: [] };
    for (let i = 0; i < 5; i++) for (const key of Object.keys(ids)) ids[key]!.push(enqueue(s, key).id);
    await s.engine.runOnce('fake');
    expect(s.target.delivered).toHaveLength(20);
    for (const key of Object.keys(ids)) {
      expect(s.target.delivered.filter((id) => ids[key]!.includes(id))).toEqual(ids[key]);
    }
    expect(s.target.maxInFlight).toBe(3);
    expect(s.target.overlapOfOneKey).toBe(false);
  });

  it('a failed row holds back the later rows of its key only; they follow once it is through', async () => {
    const s = setup();
    const a1 = enqueue(s, 'A');
    const a2 = enqueue(s, 'A');
    const b1 = enqueue(s, 'B');
    s.target.script(a1.id, new DeliveryError('transient', 'busy'));
    await s.engine.runOnce('fake');
    expect(s.target.delivered).toEqual([b1.id]);
    expect(s.outbox.byId(a1.id)).toMatchObject({ state: 'failed', attempts: 1, lastError: 'busy' });
    expect(s.outbox.byId(a2.id)?.state).toBe('pending');
    s.clock.advance(1_000);
    await s.engine.runOnce('fake');
    expect(s.target.delivered).toEqual([b1.id, a1.id, a2.id]);
  });

  it('a dead row does not hold back the rows after it', async () => {
    const s = setup();
    const a1 = enqueue(s, 'A');
    const a2 = enqueue(s, 'A');
    s.target.script(a1.id, new DeliveryError('permanent', 'malformed'));
    await s.engine.runOnce('fake');
    expect(s.outbox.byId(a1.id)).toMatchObject({
      state: 'dead',
      lastError: 'Cannot be delivered: malformed',
    });
    expect(s.target.delivered).toEqual([a2.id]);
  });

  it('rows without an ordering key are independent', async () => {
    const s = setup({ concurrency: 2 });
    const a = enqueue(s, null);
    const b = enqueue(s, null);
    s.target.script(a.id, new DeliveryError('transient', 'busy'));
    await s.engine.runOnce('fake');
    expect(s.target.delivered).toEqual([b.id]);
  });
});

describe('claim before send', () => {
  it('the row is in flight with its attempt counted, committed, before the target sees it', async () => {
    const s = setup();
    const row = enqueue(s, 'A');
    const seen: unknown[] = [];
    const other = new Database(`${s.dir}/${DATABASE_FILE}`, { readonly: true });
    s.target.onDeliver = (r) => {
      seen.push(other.prepare('SELECT state, attempts FROM outbox WHERE id = ?').get(r.id));
      seen.push(r.attempts);
    };
    await s.engine.runOnce('fake');
    other.close();
    expect(seen).toEqual([{ state: 'in_flight', attempts: 1 }, 1]);
    expect(s.outbox.byId(row.id)).toMatchObject({
      state: 'done',
      resolution: 'delivered',
      outcome: { ok: true, id: row.id },
    });
  });
});

describe('backoff, dead letter, staff actions', () => {
  it('waits the backoff with jitter between attempts, then gives up after the attempt limit with the reason kept', async () => {
    const s = setup({ maxAttempts: 3, random: () => 0 });
    const row = enqueue(s, 'A');
    s.target.script(row.id, ...[1, 2, 3].map((n) => new DeliveryError('transient', `busy ${n}`)));
    const start = s.clock.now();
    await s.engine.runOnce('fake');
    // jitter 0.5 with random 0: half of base·2^(n-1).
    expect(s.outbox.byId(row.id)?.nextAttemptAt).toBe(start + 500);
    s.clock.advance(499);
    await s.engine.runOnce('fake');
    expect(s.target.attempts).toEqual([row.id]);
    s.clock.advance(1);
    await s.engine.runOnce('fake');
    expect(s.outbox.byId(row.id)?.nextAttemptAt).toBe(s.clock.now() + 1_000);
    s.clock.advance(1_000);
    await s.engine.runOnce('fake');
    expect(s.outbox.byId(row.id)).toMatchObject({ state: 'dead', attempts: 3, lastError: 'busy 3' });
    expect(s.engine.status().targets.fake?.counts.dead).toBe(1);

    // Staff: retry now gives it a fresh set of attempts, at once.
    s.engine.retryNow(row.id, 'network fixed');
    expect(s.outbox.byId(row.id)).toMatchObject({ state: 'failed', attempts: 0, staffNote: 'network fixed' });
    await s.engine.runOnce('fake');
    expect(s.outbox.byId(row.id)).toMatchObject({ state: 'done', resolution: 'delivered', attempts: 1 });
  });

  it('discard needs a reason and finishes a dead row as discarded', async () => {
    const s = setup();
    const row = enqueue(s, 'A');
    s.target.script(row.id, new DeliveryError('permanent', 'no such patron'));
    await s.engine.runOnce('fake');
    expect(() => s.engine.discard(row.id, '  ')).toThrow(/reason/);
    const done = s.engine.discard(row.id, 'Checked out at the desk instead');
    expect(done).toMatchObject({
      state: 'done',
      resolution: 'discarded',
      staffNote: 'Checked out at the desk instead',
    });
    expect(done.doneAt).not.toBeNull();
  });
});

describe('a target that is down', () => {
  it('pauses (no attempts), probes every interval, and resumes when the probe answers', async () => {
    const s = setup({ probeIntervalMs: 10_000 });
    s.target.up = false;
    const rows = [enqueue(s, 'A'), enqueue(s, 'B'), enqueue(s, 'C')];
    s.engine.start();
    await until(() => s.engine.status().targets.fake?.paused === true, 'paused');
    await until(() => s.engine.status().targets.fake?.counts.in_flight === 0, 'attempts recorded');
    await until(() => rows.every((r) => s.outbox.byId(r.id)?.attempts === 0), 'attempts taken back');
    const tried = s.target.attempts.length;
    expect(tried).toBeGreaterThanOrEqual(1);
    // Nothing was sent, so nothing counts towards the dead letter.
    for (const row of rows) expect(s.outbox.byId(row.id)?.attempts).toBe(0);
    expect(s.engine.status().targets.fake).toMatchObject({ online: false, paused: true });

    s.clock.advance(9_999);
    expect(s.target.probes).toBe(0);
    s.clock.advance(1);
    await until(() => s.target.probes === 1, 'first probe');
    await settle();
    s.clock.advance(10_000);
    await until(() => s.target.probes === 2, 'second probe');
    await settle();
    expect(s.target.attempts.length).toBe(tried);

    s.target.up = true;
    s.clock.advance(10_000);
    await until(() => s.target.delivered.length === 3, 'delivered after resuming');
    expect(s.engine.status().targets.fake).toMatchObject({ online: true, paused: false });
  });

  it('runOnce on a paused target probes once and returns at once when it is still down', async () => {
    const s = setup();
    s.target.up = false;
    enqueue(s, 'A');
    await s.engine.runOnce('fake');
    expect(s.engine.status().targets.fake?.paused).toBe(true);
    await s.engine.runOnce('fake');
    expect(s.target.probes).toBe(1);
    s.target.up = true;
    await s.engine.runOnce('fake');
    expect(s.target.delivered).toHaveLength(1);
  });
});

describe('ambiguous attempts', () => {
  it('an attempt without an answer is resolved before anything is sent: took effect → done, never resent', async () => {
    const s = setup();
    const row = enqueue(s, 'A');
    const later = enqueue(s, 'A');
    s.target.script(row.id, new DeliveryError('ambiguous', 'timeout'));
    s.target.verdict(row.id, 'took_effect');
    await s.engine.runOnce('fake');
    expect(s.outbox.byId(row.id)).toMatchObject({ state: 'failed', ambiguous: true, attempts: 1 });
    // The later row of the same item waits.
    expect(s.outbox.byId(later.id)?.state).toBe('pending');
    expect(s.engine.status().targets.fake?.paused).toBe(true);
    // Not before the settle time and backoff.
    s.target.up = true;
    await s.engine.runOnce('fake');
    expect(s.target.resolved).toEqual([]);
    s.clock.advance(1_000);
    await s.engine.runOnce('fake');
    expect(s.target.resolved).toEqual([row.id]);
    expect(s.target.attempts.filter((id) => id === row.id)).toHaveLength(1);
    expect(s.outbox.byId(row.id)).toMatchObject({
      state: 'done',
      resolution: 'confirmed',
      ambiguous: false,
      outcome: { confirmed: row.id },
    });
    expect(s.target.delivered).toEqual([later.id]);
  });

  it('not taken → sent again (a fresh, prepared attempt)', async () => {
    const s = setup();
    const row = enqueue(s, 'A');
    s.target.script(row.id, new DeliveryError('ambiguous', 'closed'));
    s.target.verdict(row.id, 'not_taken');
    await s.engine.runOnce('fake');
    s.clock.advance(1_000);
    await s.engine.runOnce('fake');
    expect(s.target.resolved).toEqual([row.id]);
    expect(s.target.prepared).toEqual([row.id, row.id]);
    expect(s.outbox.byId(row.id)).toMatchObject({
      state: 'done',
      resolution: 'delivered',
      attempts: 2,
      ambiguous: false,
    });
  });

  it('unknown → stays failed and is checked again later, never sent blindly; dead after the attempt limit', async () => {
    const s = setup({ maxAttempts: 3 });
    const row = enqueue(s, 'A');
    s.target.script(row.id, new DeliveryError('ambiguous', 'timeout'));
    s.target.verdict(row.id, 'unknown', 'unknown', 'unknown');
    await s.engine.runOnce('fake');
    for (let i = 0; i < 5; i++) {
      s.clock.advance(60_000);
      await s.engine.runOnce('fake');
    }
    expect(s.target.attempts).toEqual([row.id]);
    expect(s.target.resolved).toEqual([row.id, row.id]);
    expect(s.outbox.byId(row.id)).toMatchObject({ state: 'dead', ambiguous: true, attempts: 3 });
    expect(s.outbox.byId(row.id)?.lastError).toMatch(/Could not tell whether the last attempt took effect/);
  });

  it('an exception that is not a DeliveryError during sending is taken as ambiguous', async () => {
    const s = setup();
    const row = enqueue(s, 'A');
    s.target.script(row.id, new Error('socket hang up'));
    await s.engine.runOnce('fake');
    expect(s.outbox.byId(row.id)).toMatchObject({ state: 'failed', ambiguous: true });
  });

  it('rows a dead process left in flight are resolved first when an engine takes over', async () => {
    const { store, outbox, dir } = tempStore();
    const row = enqueue({ outbox }, 'A');
    store.db.prepare("UPDATE outbox SET state = 'in_flight', attempts = 1 WHERE id = ?").run(row.id);
    const target = new FakeTarget().verdict(row.id, 'took_effect');
    const engine = new SyncEngine({ db: store.db, outbox, settleMs: 0 });
    engine.registerTarget(target);
    await engine.runOnce('fake');
    await engine.close();
    expect(target.resolved).toEqual([row.id]);
    expect(target.attempts).toEqual([]);
    expect(outbox.byId(row.id)).toMatchObject({ state: 'done', resolution: 'confirmed' });
    void dir;
  });

  it('a row queued with maybeSent (a live attempt lost its answer) is resolved before any send', async () => {
    const s = setup();
    const row = enqueue(s, 'A', { maybeSent: true });
    expect(row.ambiguous).toBe(true);
    s.target.verdict(row.id, 'not_taken');
    await s.engine.runOnce('fake');
    expect(s.target.resolved).toEqual([row.id]);
    expect(s.target.delivered).toEqual([row.id]);
  });
});

describe('replacing a target', () => {
  it('waits for the old one to finish, closes it, and the new one takes the queued rows', async () => {
    const s = setup();
    s.target.latencyMs = 20;
    let closed = false;
    s.target.close = async () => {
      closed = true;
    };
    const first = enqueue(s, 'A');
    s.engine.start();
    await until(() => s.target.inFlight === 1, 'sending');
    const second = enqueue(s, 'B');
    const next = new FakeTarget();
    await s.engine.replaceTarget(next);
    expect(closed).toBe(true);
    expect(s.target.delivered).toEqual([first.id]);
    s.engine.wake('fake');
    await until(() => next.delivered.length === 1, 'the new target delivers');
    expect(next.delivered).toEqual([second.id]);
  });
});

describe('one engine per database', () => {
  it('a second engine is refused while the first runs, and takes over after it stops', async () => {
    const s = setup();
    s.engine.start();
    const second = new SyncEngine({ db: s.store.db, outbox: s.outbox });
    second.registerTarget(new FakeTarget());
    await expect(second.runOnce('fake')).rejects.toBeInstanceOf(SyncBusyError);
    await s.engine.stop();
    await second.runOnce('fake');
    await second.close();
  });

  it('takes over at once from a holder whose process is gone', async () => {
    const s = setup();
    s.store.db
      .prepare('INSERT INTO sync_lease (id, pid, token, heartbeat_at, acquired_at) VALUES (1, ?, ?, ?, ?)')
      .run(2 ** 22 + 12_345, 'gone', s.clock.now(), new Date().toISOString());
    enqueue(s, 'A');
    await s.engine.runOnce('fake');
    expect(s.target.delivered).toHaveLength(1);
  });
});

describe('status for the screens', () => {
  it('counts per state and target, the row being worked on, the last error, paused and online', async () => {
    const s = setup();
    const seen: string[] = [];
    s.engine.onStatus((status) => seen.push(JSON.stringify(status.targets.fake?.working.map((w) => w.step))));
    const a = enqueue(s, 'A');
    enqueue(s, 'B', { target: 'other' });
    let during: unknown;
    s.target.onDeliver = () => {
      during = s.engine.status().targets.fake?.working;
    };
    s.target.script(a.id, new DeliveryError('transient', 'busy'));
    await s.engine.runOnce('fake');
    expect(during).toEqual([
      expect.objectContaining({ id: a.id, orderingKey: 'A', step: 'sending', attempt: 1 }),
    ]);
    const status = s.engine.status();
    expect(status.targets.fake).toMatchObject({
      registered: true,
      online: null,
      paused: false,
      counts: { pending: 0, failed: 1, done: 0, dead: 0, in_flight: 0 },
      lastError: { rowId: a.id, message: 'busy' },
    });
    expect(status.targets.other).toMatchObject({ registered: false, counts: { pending: 1 } });
    expect(status.totals).toMatchObject({ pending: 1, failed: 1 });
    s.clock.advance(1);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('forward() says whether anything is left for the target, or for one item', async () => {
    const s = setup();
    const a = enqueue(s, 'A');
    enqueue(s, 'B');
    s.target.script(a.id, new DeliveryError('transient', 'busy'));
    expect(await s.engine.forward('fake')).toBe(false);
    expect(await s.engine.forward('fake', 'B')).toBe(true);
    expect(await s.engine.forward('fake', 'A')).toBe(false);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/station/sync/backoff.js';
import { exportKoc, kocTime } from '../../../electron/station/sync/koc.js';
import { formatReplayReport, replayReport } from '../../../electron/station/sync/report.js';
import { inThreadCommitter, WriteBatch } from '../../../electron/station/sync/write-batch.js';
import { enqueue, tempStore } from './fakes.js';

describe('backoff with jitter', () => {
  const policy = { baseMs: 1_000, maxMs: 8_000, jitter: 0.5 };
  it('doubles per failure up to the ceiling; jitter takes off up to half', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(1_500);
  });
  it('no jitter gives the plain delay; huge failure counts do not overflow', () => {
    expect(backoffDelay(3, { ...policy, jitter: 0 }, Math.random)).toBe(4_000);
    expect(backoffDelay(10_000, policy, () => 0.5)).toBe(6_000);
  });
});

describe('write batch', () => {
  it('writes queued in one turn share a commit; one that throws is undone alone', async () => {
    const { store } = tempStore();
    store.db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    const batch = new WriteBatch(inThreadCommitter(store.db, (op: () => unknown) => op()));
    let commits = 0;
    const original = store.db.transaction.bind(store.db);
    // Count outermost transactions: nested ones are savepoints.
    store.db.transaction = ((fn: (...args: unknown[]) => unknown) => {
      const tx = original(fn);
      return Object.assign((...args: unknown[]) => {
        if (!store.db.inTransaction) commits++;
        return tx(...args);
      }, tx);
    }) as typeof store.db.transaction;
    const insert = store.db.prepare('INSERT INTO t (x) VALUES (?)');
    const results = await Promise.allSettled([
      batch.run(() => insert.run(1).changes),
      batch.run(() => insert.run(1).changes),
      batch.run(() => insert.run(2).changes),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(commits).toBe(1);
    expect(store.db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2]);
  });
});

describe('write batch: lazy writes', () => {
  it('a lazy write rides with the next urgent one, or is committed alone after a moment', async () => {
    const { store } = tempStore();
    store.db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    const batch = new WriteBatch(
      inThreadCommitter(store.db, (op: () => unknown) => op()),
      {
        lazyMs: 30,
        maxLazy: 3,
      },
    );
    const insert = store.db.prepare('INSERT INTO t (x) VALUES (?)');
    const count = () => store.db.prepare('SELECT count(*) FROM t').pluck().get();
    const lazy = batch.run(() => insert.run(1), { lazy: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(count()).toBe(0);
    await batch.run(() => insert.run(2));
    await lazy;
    expect(count()).toBe(2);
    const alone = batch.run(() => insert.run(3), { lazy: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(count()).toBe(2);
    await alone;
    expect(count()).toBe(3);
    // Enough lazy writes make a commit worth it at once.
    const started = Date.now();
    await Promise.all([4, 5, 6].map((x) => batch.run(() => insert.run(x), { lazy: true })));
    expect(Date.now() - started).toBeLessThan(25);
    expect(count()).toBe(6);
  });
});

describe('Koha offline circulation export (.koc)', () => {
  const sip2 = (
    action: 'checkout' | 'checkin' | 'renew',
    itemId: string,
    patronId: string | null = 'P1',
  ) => ({
    action,
    patronId: action === 'checkin' ? null : patronId,
    itemId,
    promisedDueDate: action === 'checkin' ? null : '2025-03-20T18:59:59.000Z',
  });

  it('writes the header and one line per transaction in local time; renewals as issues; marks the rows exported', () => {
    const { store, outbox, dir } = tempStore();
    // 09:05:07.042 in Tashkent (UTC+5), whatever zone the machine running the test is in.
    const at = new Date('2025-03-10T04:05:07.042Z');
    const add = (payload: ReturnType<typeof sip2>) =>
      outbox.enqueue({
        idempotencyKey: `${payload.action}-${payload.itemId}-${Math.random()}`,
        target: 'sip2',
        orderingKey: payload.itemId,
        payload,
        eventTime: at,
      });
    const a = add(sip2('checkout', 'I1'));
    const b = add(sip2('checkin', 'I2'));
    const c = add(sip2('renew', 'I3', 'P2'));
    const file = path.join(dir, 'out', 'offline.koc');
    const result = exportKoc(store.db, outbox, {
      file,
      generatorVersion: '0.1.0',
      timeZone: 'Asia/Tashkent',
    });
    expect(result).toMatchObject({ file, lines: 3, ids: [a.id, b.id, c.id], skipped: [] });
    expect(fs.readFileSync(file, 'utf8')).toBe(
      [
        'Version=1.0\tGenerator=bitig\tGeneratorVersion=0.1.0',
        '2025-03-10 09:05:07 042\tissue\tP1\tI1',
        '2025-03-10 09:05:07 042\treturn\tI2',
        '2025-03-10 09:05:07 042\tissue\tP2\tI3',
        '',
      ].join('\n'),
    );
    for (const id of [a.id, b.id, c.id]) {
      expect(outbox.byId(id)).toMatchObject({ state: 'done', resolution: 'exported' });
      expect(outbox.byId(id)?.exportedAt).not.toBeNull();
    }
    // Exported rows are not exported (or replayed) again.
    expect(
      exportKoc(store.db, outbox, { file, generatorVersion: '0.1.0', timeZone: 'Asia/Tashkent' }),
    ).toMatchObject({
      file: null,
      lines: 0,
    });
  });

  it('leaves out rows that may have reached the library system, and every later row of the same item', () => {
    const { store, outbox, dir } = tempStore();
    const add = (payload: ReturnType<typeof sip2>, maybeSent = false) =>
      outbox.enqueue({
        idempotencyKey: `${Math.random()}`,
        target: 'sip2',
        orderingKey: payload.itemId,
        payload,
        eventTime: new Date(),
        maybeSent,
      });
    const lost = add(sip2('checkout', 'I1'), true);
    const after = add(sip2('checkin', 'I1'));
    const flying = add(sip2('checkout', 'I2'));
    store.db.prepare("UPDATE outbox SET state = 'in_flight' WHERE id = ?").run(flying.id);
    const free = add(sip2('checkout', 'I3'));
    const result = exportKoc(store.db, outbox, {
      file: path.join(dir, 'x.koc'),
      generatorVersion: '1',
      timeZone: 'Asia/Tashkent',
    });
    expect(result.ids).toEqual([free.id]);
    expect(result.skipped.map((s) => s.id)).toEqual([lost.id, after.id, flying.id]);
    expect(outbox.byId(after.id)?.state).toBe('pending');
  });

  it('the file is removed when marking the rows fails, and the rows stay queued', () => {
    const { store, outbox, dir } = tempStore();
    const row = enqueue({ outbox }, 'I1', { target: 'sip2', payload: sip2('checkout', 'I1') });
    store.db.exec(
      "CREATE TRIGGER no_export BEFORE UPDATE OF resolution ON outbox WHEN NEW.resolution = 'exported' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const file = path.join(dir, 'x.koc');
    expect(() =>
      exportKoc(store.db, outbox, { file, generatorVersion: '1', timeZone: 'Asia/Tashkent' }),
    ).toThrow(/disk full/);
    expect(fs.existsSync(file)).toBe(false);
    expect(outbox.byId(row.id)?.state).toBe('pending');
  });

  it("time stamps as Koha writes them, on the library's wall clock", () => {
    // 23:59:58.007 on New Year's Eve in Tashkent is 18:59 UTC; Berlin's clocks jump from 02:00 to
    // 03:00 on 30 March 2025.
    const eve = new Date('2024-12-31T18:59:58.007Z');
    expect(kocTime(eve, 'Asia/Tashkent')).toBe('2024-12-31 23:59:58 007');
    expect(kocTime(eve, 'UTC')).toBe('2024-12-31 18:59:58 007');
    expect(kocTime(new Date('2025-03-30T00:30:00.000Z'), 'Europe/Berlin')).toBe('2025-03-30 01:30:00 000');
    expect(kocTime(new Date('2025-03-30T01:30:00.000Z'), 'Europe/Berlin')).toBe('2025-03-30 03:30:00 000');
  });
});

describe('replay report', () => {
  it('shows what was promised beside what the library system decided, refusals and changes marked', () => {
    const { store, outbox } = tempStore();
    const add = (
      payload: unknown,
      outcome: unknown,
      state = 'done',
      resolution: string | null = 'delivered',
    ) => {
      const row = outbox.enqueue({
        idempotencyKey: `${Math.random()}`,
        target: 'sip2',
        orderingKey: 'I1',
        payload,
        // 00:20 in Tashkent: still the day before in UTC.
        eventTime: new Date('2025-03-06T00:20:05+05:00'),
      });
      store.db
        .prepare('UPDATE outbox SET state = ?, resolution = ?, outcome = ?, last_error = ? WHERE id = ?')
        .run(state, resolution, JSON.stringify(outcome), state === 'dead' ? 'gave up' : null, row.id);
      return row.id;
    };
    const payload = {
      action: 'checkout',
      patronId: 'P1',
      itemId: 'I1',
      promisedDueDate: '2025-03-20T18:59:59.000Z',
    };
    const ok = add(payload, { accepted: true, dueDate: '2025-03-20T18:59:59.000Z', dueDateChanged: false });
    const changed = add(payload, {
      accepted: true,
      dueDate: '2025-03-27T18:59:59.000Z',
      dueDateChanged: true,
    });
    const refused = add(payload, { accepted: false, reason: 'ON_HOLD_OTHER', screenMessages: ['On hold'] });
    const dead = add(payload, null, 'dead', null);
    const rows = replayReport(outbox);
    expect(rows.map((r) => [r.id, r.decision, r.attention])).toEqual([
      [ok, 'accepted', false],
      [changed, 'accepted', true],
      [refused, 'refused', true],
      [dead, 'dead', true],
    ]);
    expect(rows[0]).toMatchObject({
      action: 'checkout',
      itemId: 'I1',
      patronId: 'P1',
      promisedDueDate: payload.promisedDueDate,
    });
    expect(replayReport(outbox, { attentionOnly: true })).toHaveLength(3);
    const text = formatReplayReport(rows, 'Asia/Tashkent');
    expect(text).toContain(
      `#${ok} 2025-03-06 00:20:05 checkout item I1 patron P1 promised 2025-03-20 → accepted due 2025-03-20`,
    );
    expect(formatReplayReport(rows, 'UTC')).toContain(`#${ok} 2025-03-05 19:20:05 checkout`);
    expect(text).toContain('(CHANGED)');
    expect(text).toContain('refused ON_HOLD_OTHER — "On hold"');
    expect(text).toContain('4 transaction(s), 3 needing attention');
  });
});

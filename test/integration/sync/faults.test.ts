import { describe, expect, it } from 'vitest';
import type { Sip2ReplayOutcome } from '../../../electron/station/circulation/sip2-replay.js';
import type { Fault, TestAcs } from '../../../electron/station/sip2/acs/index.js';
import { sip2Thread } from '../../helpers/bundle.js';
import {
  type AppliedLog,
  acs,
  drain,
  itemId,
  offline,
  patronId,
  recordApplied,
  rowsOf,
  type Station,
  station,
  tempDir,
} from './helpers.js';

const HOUR = 60 * 60 * 1000;

interface Plan {
  items: string[];
  /** The promised due date of each item's last checkout. */
  lastDue: Map<string, string>;
}

/**
 * Four offline transactions per item, as a busy reading room makes them: a loan, its renewal, the
 * return, and a new loan to the next reader.
 */
function queuePlan(s: Station, items: number[]): Plan {
  const t0 = Date.now() - 5 * HOUR;
  const lastDue = new Map<string, string>();
  for (const i of items) {
    const item = itemId(i);
    offline(s.outbox, { action: 'checkout', itemId: item, patronId: patronId(i % 3), at: new Date(t0) });
    offline(s.outbox, { action: 'renew', itemId: item, patronId: patronId(i % 3), at: new Date(t0 + HOUR) });
    offline(s.outbox, { action: 'checkin', itemId: item, at: new Date(t0 + 2 * HOUR) });
    const again = offline(s.outbox, {
      action: 'checkout',
      itemId: item,
      patronId: patronId((i + 1) % 3),
      at: new Date(t0 + 3 * HOUR),
    });
    lastDue.set(item, (again.payload as { promisedDueDate: string }).promisedDueDate);
  }
  return { items: items.map(itemId), lastDue };
}

/** Every queued transaction took effect exactly once: nothing lost, nothing doubled. */
function expectExactlyOnce(s: Station, servers: TestAcs[], logs: AppliedLog[], plan: Plan): void {
  for (const row of rowsOf(s.outbox)) {
    expect(row.state, `row ${row.id}: ${row.lastError}`).toBe('done');
    expect(['delivered', 'confirmed']).toContain(row.resolution);
    // A refusal here would mean a transaction was sent after it had already taken effect.
    expect((row.outcome as Sip2ReplayOutcome).accepted, JSON.stringify(row.outcome)).toBe(true);
  }
  const count = (action: 'checkout' | 'checkin' | 'renew', item: string) =>
    logs.reduce((n, log) => n + log.count(action, item), 0);
  const library = servers.at(-1)!.state;
  for (const item of plan.items) {
    expect([count('checkout', item), count('renew', item), count('checkin', item)], item).toEqual([2, 1, 1]);
    const loan = library.item(item)?.loan;
    const i = Number(item.slice(1));
    expect(loan?.patron).toBe(patronId((i + 1) % 3));
    expect(loan?.renewals).toBe(0);
    expect(Date.parse(loan!.due)).toBe(Math.floor(Date.parse(plan.lastDue.get(item)!) / 1000) * 1000);
  }
}

async function faultRun(fault: Fault, options: { timeoutMs?: number } = {}) {
  const server = await acs();
  const log = recordApplied(server);
  const s = station(server, { client: { requestTimeoutMs: options.timeoutMs ?? 1_000 } });
  const plan = queuePlan(s, [0, 1, 2, 3, 4, 5]);
  server.injectFault(fault);
  await drain(s);
  expectExactlyOnce(s, [server], [log], plan);
  return { server, s, log };
}

describe('replay under faults: every transaction exactly once', () => {
  it('connection dropped after the library applied a checkout, renewal or return: found done by item information', async () => {
    const { s } = await faultRun({ kind: 'drop', when: 'after', codes: ['11', '29', '09'], count: 9 });
    const confirmed = rowsOf(s.outbox).filter((r) => r.resolution === 'confirmed');
    expect(confirmed.length).toBe(9);
    for (const row of confirmed)
      expect((row.outcome as Sip2ReplayOutcome).confirmedBy).toBe('item-information');
  });

  it('connection dropped before the library applied it: found not done, sent again once', async () => {
    const { s } = await faultRun({ kind: 'drop', when: 'before', codes: ['11', '29', '09'], count: 9 });
    const rows = rowsOf(s.outbox);
    // Each dropped request cost its row one more attempt, and nothing else.
    expect(rows.reduce((n, r) => n + r.attempts - 1, 0)).toBe(9);
    expect(rows.every((r) => r.resolution === 'delivered')).toBe(true);
  });

  it('an answer delayed past the timeout (applied, answered too late): no second checkout', async () => {
    const { s } = await faultRun(
      { kind: 'delay', ms: 600, codes: ['11', '29', '09'], count: 6 },
      { timeoutMs: 250 },
    );
    expect(rowsOf(s.outbox).filter((r) => r.resolution === 'confirmed').length).toBe(6);
  });

  it('garbage instead of the answer (applied): resolved, not resent', async () => {
    const { s } = await faultRun({ kind: 'garbage', codes: ['11', '29', '09'], count: 6 });
    expect(rowsOf(s.outbox).filter((r) => r.resolution === 'confirmed').length).toBe(6);
  });

  it("a bad checksum (the client's 97) and a 96 from the server are recovered within the attempt", async () => {
    const { s } = await faultRun({ kind: 'badChecksum', codes: ['11', '09'], count: 4 });
    expect(rowsOf(s.outbox).every((r) => r.attempts === 1)).toBe(true);
    // Three 96s in a row are within the client's resend budget.
    const again = await faultRun({ kind: 'resend', codes: ['11', '29'], count: 3 });
    expect(rowsOf(again.s.outbox).every((r) => r.attempts === 1)).toBe(true);
  });

  it('the library system restarted mid-replay keeps its state file; the queue drains exactly once', async () => {
    const dir = tempDir('bitig-acs-state-');
    const stateFile = `${dir}/state.json`;
    let server = await acs({ stateFile });
    const logs = [recordApplied(server)];
    const servers = [server];
    const s = station(server, { client: { requestTimeoutMs: 300 } });
    const plan = queuePlan(s, [0, 1, 2, 3, 4, 5, 6, 7]);
    // Every answer is slow, so the restart catches transactions applied but not yet answered.
    server.injectFault({ kind: 'delay', ms: 150, count: 1_000 });
    s.engine.start();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const port = server.port;
    await server.close();
    // Down for a while: the engine pauses and probes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(s.engine.status().targets.sip2?.paused).toBe(true);
    server = await acs({ stateFile, port });
    servers.push(server);
    logs.push(recordApplied(server));
    await s.engine.stop();
    await drain(s);
    expectExactlyOnce(s, servers, logs, plan);
  });

  it.each([
    ['on this thread', false],
    ['on threads of their own, as the station has them', true],
  ])('random faults of every kind while draining, then cleared (connections %s)', async (_, onThreads) => {
    const server = await acs();
    const log = recordApplied(server);
    const s = station(server, {
      client: { requestTimeoutMs: 200 },
      connections: 2,
      concurrency: 4,
      thread: onThreads ? await sip2Thread() : undefined,
    });
    const plan = queuePlan(
      s,
      Array.from({ length: 25 }, (_, i) => i),
    );
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const kinds: Fault[] = [
      { kind: 'drop', when: 'after' },
      { kind: 'drop', when: 'before' },
      { kind: 'delay', ms: 350 },
      { kind: 'garbage' },
      { kind: 'badChecksum' },
      { kind: 'resend' },
    ];
    const inject = () =>
      server.injectFault({
        ...kinds[Math.floor(random() * kinds.length)]!,
        codes: ['11', '29', '09', '17', '99'],
      });
    // Faults waiting from the first request on, then more while the queue drains.
    for (let i = 0; i < 40; i++) inject();
    s.engine.start();
    const until = Date.now() + 1_500;
    while (Date.now() < until) {
      inject();
      await new Promise((resolve) => setTimeout(resolve, 5 + random() * 40));
    }
    server.clearFaults();
    await s.engine.stop();
    await drain(s, 30_000);
    expectExactlyOnce(s, [server], [log], plan);
    expect(rowsOf(s.outbox).some((r) => r.resolution === 'confirmed')).toBe(true);
  });
});

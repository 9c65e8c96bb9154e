import { describe, expect, it } from 'vitest';
import type { Sip2ReplayOutcome } from '../../../electron/station/circulation/sip2-replay.js';
import { formatSipDate } from '../../../electron/station/sip2/codec/dates.js';
import { replayReport } from '../../../electron/station/sync/report.js';
import { SIP2_TARGET } from '../../../electron/station/sync/sip2-payload.js';
import { sip2Thread } from '../../helpers/bundle.js';
import { acs, itemId, offline, patronId, recordApplied, rowsOf, station, syncSeed } from './helpers.js';

const HOUR = 60 * 60 * 1000;

describe('SIP2 replay against the test library system', () => {
  it.each([
    ['on this thread', false],
    ['on a thread of its own, as the station has it', true],
  ])(
    'replays checkouts, renewals and returns in order with no block, the original date and the promised due date (connection %s)',
    async (_, onThread) => {
      const server = await acs();
      const applied = recordApplied(server);
      const s = station(server, { thread: onThread ? await sip2Thread() : undefined });
      const t0 = new Date(Date.now() - 3 * HOUR);
      const checkout = offline(s.outbox, {
        action: 'checkout',
        itemId: itemId(1),
        patronId: patronId(1),
        at: t0,
      });
      const renew = offline(s.outbox, {
        action: 'renew',
        itemId: itemId(1),
        patronId: patronId(1),
        at: new Date(t0.getTime() + HOUR),
        promisedDays: 10,
      });
      const checkin = offline(s.outbox, {
        action: 'checkin',
        itemId: itemId(1),
        at: new Date(t0.getTime() + 2 * HOUR),
      });
      const other = offline(s.outbox, {
        action: 'checkout',
        itemId: itemId(2),
        patronId: patronId(2),
        at: t0,
      });

      await s.engine.runOnce(SIP2_TARGET);

      const rows = new Map(rowsOf(s.outbox).map((r) => [r.id, r]));
      for (const row of rows.values()) {
        expect(row.state).toBe('done');
        expect(row.resolution).toBe('delivered');
        expect(row.attempts).toBe(1);
      }
      const out = (id: number) => rows.get(id)!.outcome as Sip2ReplayOutcome;
      // The test library honours "no block" with the nb due date: the promised date stands.
      expect(out(checkout.id)).toMatchObject({
        accepted: true,
        dueDateChanged: false,
        confirmedBy: 'answer',
      });
      expect(Date.parse(out(checkout.id).dueDate!)).toBe(
        Math.floor(Date.parse(out(checkout.id).promisedDueDate!) / 1000) * 1000,
      );
      // A renewal is computed by the library's own rules: the report shows the change.
      expect(out(renew.id)).toMatchObject({ accepted: true, dueDateChanged: true });
      expect(out(checkin.id)).toMatchObject({ accepted: true, alert: false });
      expect(out(other.id).accepted).toBe(true);

      expect(applied.entries.filter((e) => e.includes(itemId(1)))).toEqual([
        `checkout ${itemId(1)} ${patronId(1)}`,
        `renew ${itemId(1)} ${patronId(1)}`,
        `checkin ${itemId(1)} ${patronId(1)}`,
      ]);
      expect(server.state.item(itemId(1))?.loan).toBeUndefined();
      expect(server.state.item(itemId(2))?.loan?.patron).toBe(patronId(2));
      expect(server.state.item(itemId(2))?.loan?.due).toBe(
        new Date(Math.floor(Date.parse(out(other.id).promisedDueDate!) / 1000) * 1000).toISOString(),
      );
    },
  );

  it('sends no block = Y, the original transaction date and the promised due date on the wire', async () => {
    const server = await acs();
    const s = station(server);
    const at = new Date('2025-03-10T09:15:30.000Z');
    const row = offline(s.outbox, { action: 'checkout', itemId: itemId(3), at, promisedDays: 7 });
    const trace: string[] = [];
    for (const c of s.clients) c.on('trace', (e) => e.direction === 'sent' && trace.push(e.text));
    await s.engine.runOnce(SIP2_TARGET);
    const promised = new Date((row.payload as { promisedDueDate: string }).promisedDueDate);
    const checkout = trace.find((t) => t.startsWith('11'));
    expect(checkout).toBeDefined();
    expect(checkout!.slice(0, 4)).toBe('11NY');
    expect(checkout!.slice(4, 22)).toBe(formatSipDate(at));
    expect(checkout!.slice(22, 40)).toBe(formatSipDate(promised));
  });

  it('records refusals as decided outcomes for the staff report, not as errors', async () => {
    const server = await acs({ seed: syncSeed(10, 3) });
    const s = station(server);
    const unknownItem = offline(s.outbox, { action: 'checkout', itemId: 'NO-SUCH-BOOK' });
    const notOnLoan = offline(s.outbox, { action: 'checkin', itemId: itemId(4) });
    const notYours = offline(s.outbox, { action: 'renew', itemId: itemId(5), patronId: patronId(1) });
    const fine = offline(s.outbox, { action: 'checkout', itemId: itemId(6) });
    await s.engine.runOnce(SIP2_TARGET);

    const byId = new Map(rowsOf(s.outbox).map((r) => [r.id, r]));
    for (const id of [unknownItem.id, notOnLoan.id, notYours.id]) {
      expect(byId.get(id)).toMatchObject({ state: 'done', resolution: 'delivered', attempts: 1 });
      expect((byId.get(id)!.outcome as Sip2ReplayOutcome).accepted).toBe(false);
    }
    expect((byId.get(unknownItem.id)!.outcome as Sip2ReplayOutcome).reason).toBe('ITEM_UNKNOWN');
    expect((byId.get(notOnLoan.id)!.outcome as Sip2ReplayOutcome).reason).toBe('NOT_ON_LOAN');
    expect((byId.get(notYours.id)!.outcome as Sip2ReplayOutcome).screenMessages).toEqual([
      'This item is not on loan to you',
    ]);

    const report = replayReport(s.outbox);
    expect(report.map((r) => r.id).sort()).toEqual(
      [unknownItem.id, notOnLoan.id, notYours.id, fine.id].sort(),
    );
    expect(report.filter((r) => r.attention).map((r) => r.decision)).toEqual([
      'refused',
      'refused',
      'refused',
    ]);
    expect(report.find((r) => r.id === fine.id)).toMatchObject({ decision: 'accepted', attention: false });
  });

  it('a return that fills a hold is accepted with an alert for staff', async () => {
    const seed = syncSeed(5, 3);
    seed.items[1] = { ...seed.items[1]!, holds: [{ patron: patronId(2), ready: false }] };
    const server = await acs({ seed });
    const s = station(server);
    offline(s.outbox, { action: 'checkout', itemId: itemId(1), patronId: patronId(1) });
    const back = offline(s.outbox, { action: 'checkin', itemId: itemId(1) });
    await s.engine.runOnce(SIP2_TARGET);
    const row = s.outbox.byId(back.id)!;
    expect(row.outcome).toMatchObject({ accepted: true, alert: true });
    expect(replayReport(s.outbox, { attentionOnly: true }).map((r) => r.id)).toEqual([back.id]);
  });
});

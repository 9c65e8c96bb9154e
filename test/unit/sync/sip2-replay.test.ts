import { describe, expect, it } from 'vitest';
import {
  asDeliveryError,
  type Sip2ReplayClient,
  Sip2ReplayTarget,
} from '../../../electron/station/circulation/sip2-replay.js';
import { CIRCULATION_STATUS } from '../../../electron/station/sip2/codec/constants.js';
import { formatSipDate } from '../../../electron/station/sip2/codec/dates.js';
import type { Sip2Decoded } from '../../../electron/station/sip2/codec/messages.js';
import { Sip2Error } from '../../../electron/station/sip2/sip2-error.js';
import type { OutboxRow } from '../../../electron/station/store/outbox.js';
import { Sip2TransactionPayload } from '../../../electron/station/sync/sip2-payload.js';
import { DeliveryError } from '../../../electron/station/sync/target.js';

const PROMISED = '2025-03-17T18:59:59.000Z';
const AT = '2025-03-10T09:15:30.000Z';

function row(payload: Partial<Sip2TransactionPayload>, extra: Partial<OutboxRow> = {}): OutboxRow {
  return {
    id: 1,
    idempotencyKey: 'k',
    target: 'sip2',
    orderingKey: payload.itemId ?? 'I1',
    payload: { action: 'checkout', patronId: 'P1', itemId: 'I1', promisedDueDate: PROMISED, ...payload },
    state: 'failed',
    attempts: 1,
    nextAttemptAt: 0,
    lastError: null,
    outcome: null,
    eventTime: AT,
    createdAt: AT,
    updatedAt: AT,
    files: [],
    ambiguous: true,
    checkedBefore: null,
    resolution: null,
    staffNote: null,
    exportedAt: null,
    doneAt: null,
    ...extra,
  };
}

function item(status: string, due?: string): Sip2Decoded<'18'> {
  return {
    code: '18',
    fixed: { circulationStatus: status, securityMarker: '02', feeType: '01', transactionDate: new Date() },
    fields: {
      itemIdentifier: 'I1',
      titleIdentifier: 'A book',
      dueDate: due ? formatSipDate(new Date(due)) : undefined,
    },
  } as unknown as Sip2Decoded<'18'>;
}

/** A client that answers item information from a fixed state and records every other request. */
function fakeClient(state: Sip2Decoded<'18'>) {
  const calls: Array<{ op: string; input: unknown }> = [];
  const loan = (ok: boolean) =>
    ({
      code: '12',
      fixed: { ok, renewalOk: false, magneticMedia: false, desensitize: ok, transactionDate: new Date() },
      fields: {
        dueDate: ok ? formatSipDate(new Date(PROMISED)) : undefined,
        screenMessage: ok ? [] : ['No'],
      },
    }) as unknown as Sip2Decoded<'12'>;
  const client: Sip2ReplayClient = {
    scStatus: async () => ({ fixed: { onlineStatus: true } }) as unknown as Sip2Decoded<'98'>,
    checkout: async (input) => {
      calls.push({ op: 'checkout', input });
      return loan(true);
    },
    renew: async (input) => {
      calls.push({ op: 'renew', input });
      return loan(true) as unknown as Sip2Decoded<'30'>;
    },
    checkin: async (input) => {
      calls.push({ op: 'checkin', input });
      return {
        code: '10',
        fixed: {
          ok: true,
          resensitize: true,
          magneticMedia: false,
          alert: false,
          transactionDate: new Date(),
        },
        fields: {},
      } as unknown as Sip2Decoded<'10'>;
    },
    itemInformation: async () => {
      calls.push({ op: 'item', input: null });
      return state;
    },
    close: async () => {},
  };
  return { client, calls };
}

const resolveWith = (state: Sip2Decoded<'18'>, r: OutboxRow) =>
  new Sip2ReplayTarget({ clients: [fakeClient(state).client] }).resolve(r);

describe('judging an attempt that got no answer, from item information', () => {
  it('checkout: on loan with the promised due date → took effect; available → not taken; other due date → unknown', async () => {
    const took = await resolveWith(item(CIRCULATION_STATUS.CHARGED, PROMISED), row({}));
    expect(took.verdict).toBe('took_effect');
    expect(took.outcome).toMatchObject({
      accepted: true,
      confirmedBy: 'item-information',
      dueDateChanged: false,
    });
    expect((await resolveWith(item(CIRCULATION_STATUS.AVAILABLE), row({}))).verdict).toBe('not_taken');
    const other = await resolveWith(item(CIRCULATION_STATUS.CHARGED, '2025-04-01T10:00:00Z'), row({}));
    expect(other.verdict).toBe('unknown');
    expect(other.detail).toMatch(/not on the promised/);
    expect(
      (await resolveWith(item(CIRCULATION_STATUS.CHARGED), row({ promisedDueDate: null }))).verdict,
    ).toBe('took_effect');
  });

  it('checkin: no longer on loan → took effect; still on loan → not taken', async () => {
    const checkin = row({ action: 'checkin', patronId: null, promisedDueDate: null });
    expect((await resolveWith(item(CIRCULATION_STATUS.AVAILABLE), checkin)).verdict).toBe('took_effect');
    expect((await resolveWith(item(CIRCULATION_STATUS.WAITING_ON_HOLD_SHELF), checkin)).verdict).toBe(
      'took_effect',
    );
    expect((await resolveWith(item(CIRCULATION_STATUS.CHARGED, PROMISED), checkin)).verdict).toBe(
      'not_taken',
    );
  });

  it('renew: due date moved past the one seen before → took effect; unchanged → not taken; nothing seen → unknown', async () => {
    const before = { circulationStatus: '04', dueDate: '2025-03-17T18:59:59.000Z' };
    const renew = row(
      { action: 'renew', promisedDueDate: '2025-03-24T18:59:59.000Z' },
      { checkedBefore: before },
    );
    expect((await resolveWith(item(CIRCULATION_STATUS.CHARGED, '2025-03-24T18:59:59Z'), renew)).verdict).toBe(
      'took_effect',
    );
    expect((await resolveWith(item(CIRCULATION_STATUS.CHARGED, before.dueDate), renew)).verdict).toBe(
      'not_taken',
    );
    expect((await resolveWith(item(CIRCULATION_STATUS.AVAILABLE), renew)).verdict).toBe('not_taken');
    expect(
      (await resolveWith(item(CIRCULATION_STATUS.CHARGED, PROMISED), row({ action: 'renew' }))).verdict,
    ).toBe('unknown');
  });

  it('renew that promised the due date the loan already had (renewed the day it was lent): unchanged → unknown, never sent again', async () => {
    const before = { circulationStatus: '04', dueDate: PROMISED };
    const renew = row({ action: 'renew', promisedDueDate: PROMISED }, { checkedBefore: before });
    const verdict = await resolveWith(item(CIRCULATION_STATUS.CHARGED, PROMISED), renew);
    expect(verdict).toMatchObject({ verdict: 'unknown', detail: expect.stringContaining('cannot be seen') });
    expect((await resolveWith(item(CIRCULATION_STATUS.AVAILABLE), renew)).verdict).toBe('not_taken');
  });
});

describe('sending', () => {
  it('a checkout goes with no block, SC renewal policy N, the original date and the promised due date', async () => {
    const { client, calls } = fakeClient(item(CIRCULATION_STATUS.AVAILABLE));
    const out = await new Sip2ReplayTarget({ clients: [client] }).deliver(row({}, { ambiguous: false }));
    expect(calls[0]).toEqual({
      op: 'checkout',
      input: {
        patronIdentifier: 'P1',
        itemIdentifier: 'I1',
        noBlock: true,
        scRenewalPolicy: false,
        transactionDate: new Date(AT),
        nbDueDate: new Date(PROMISED),
      },
    });
    expect(out).toMatchObject({
      action: 'checkout',
      accepted: true,
      dueDateChanged: false,
      confirmedBy: 'answer',
    });
  });

  it('a return carries its own time as the return date', async () => {
    const { client, calls } = fakeClient(item(CIRCULATION_STATUS.CHARGED));
    await new Sip2ReplayTarget({ clients: [client] }).deliver(
      row({ action: 'checkin', patronId: null, promisedDueDate: null }),
    );
    expect(calls[0]).toEqual({
      op: 'checkin',
      input: { itemIdentifier: 'I1', noBlock: true, transactionDate: new Date(AT), returnDate: new Date(AT) },
    });
  });

  it('records the due date seen before a renewal (prepare), and nothing for other actions', async () => {
    const target = new Sip2ReplayTarget({
      clients: [fakeClient(item(CIRCULATION_STATUS.CHARGED, PROMISED)).client],
    });
    expect(await target.prepare(row({ action: 'renew' }))).toEqual({
      circulationStatus: '04',
      dueDate: PROMISED,
    });
    expect(await target.prepare(row({}))).toBeUndefined();
  });

  it('a payload that is not a SIP2 transaction is a permanent error', async () => {
    const target = new Sip2ReplayTarget({ clients: [fakeClient(item('03')).client] });
    await expect(target.deliver(row({ action: 'checkout', patronId: null }))).rejects.toMatchObject({
      kind: 'permanent',
    });
  });

  it('SIP2 failures map to what the engine must do', () => {
    const kind = (e: Sip2Error) => asDeliveryError(e).kind;
    expect(kind(new Sip2Error('unreachable', 'refused'))).toBe('unreachable');
    expect(kind(new Sip2Error('login_refused', 'no'))).toBe('unreachable');
    expect(kind(new Sip2Error('timeout', 'slow'))).toBe('ambiguous');
    expect(kind(new Sip2Error('closed', 'gone'))).toBe('ambiguous');
    expect(kind(new Sip2Error('protocol', 'garbage'))).toBe('ambiguous');
    expect(kind(new Sip2Error('protocol', 'cannot encode', { reason: 'INVALID_MESSAGE' }))).toBe('permanent');
    expect(asDeliveryError(new DeliveryError('transient', 'x')).kind).toBe('transient');
  });
});

describe('the payload schema the kiosk queues', () => {
  it('accepts what the kiosk writes and refuses a loan without a patron', () => {
    expect(
      Sip2TransactionPayload.safeParse({
        action: 'checkin',
        patronId: null,
        itemId: 'I1',
        promisedDueDate: null,
      }).success,
    ).toBe(true);
    expect(
      Sip2TransactionPayload.safeParse({
        action: 'renew',
        patronId: 'P1',
        itemId: 'I1',
        promisedDueDate: new Date().toISOString(),
      }).success,
    ).toBe(true);
    expect(
      Sip2TransactionPayload.safeParse({
        action: 'checkout',
        patronId: null,
        itemId: 'I1',
        promisedDueDate: null,
      }).success,
    ).toBe(false);
    expect(
      Sip2TransactionPayload.safeParse({ action: 'lend', patronId: 'P', itemId: 'I1', promisedDueDate: null })
        .success,
    ).toBe(false);
  });
});

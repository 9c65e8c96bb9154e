import { describe, expect, it } from 'vitest';
import type { Sip2TraceEntry, Sip2Warning } from '../../../electron/station/sip2/client.js';
import { CIRCULATION_STATUS } from '../../../electron/station/sip2/codec/constants.js';
import { parseSipDate } from '../../../electron/station/sip2/codec/dates.js';
import { acs, client, closedPort, count, failure, sleep } from './helpers.js';

describe('session', () => {
  it('logs in, asks the status, and reports the ACS status', async () => {
    const server = await acs();
    const c = client(server);
    const status = await c.connect();
    expect(status.fixed).toMatchObject({
      onlineStatus: true,
      checkoutOk: true,
      timeoutPeriod: 60,
      protocolVersion: '2.00',
    });
    expect(status.fields.institutionId).toBe('BITIG-DEMO');
    expect(status.fields.libraryName).toBe('Bitig namunaviy kutubxonasi');
    expect(c.connected).toBe(true);
    expect(server.received).toEqual(['93', '99']);
    const again = await c.scStatus();
    expect(again.code).toBe('98');
    expect(c.status?.fixed.timeoutPeriod).toBe(60);
  });

  it('reports a refused login as login_refused, for connect and for any request', async () => {
    const server = await acs();
    const c = client(server, { login: { userId: 'kiosk', password: 'wrong' } });
    await failure(c.connect(), 'login_refused');
    await failure(c.patronStatus({ patronIdentifier: '2100001' }), 'login_refused');
    expect(c.connected).toBe(false);
  });

  it('logs in again on demand', async () => {
    const server = await acs();
    const c = client(server);
    await c.connect();
    const login = await c.login();
    expect(login.fixed.ok).toBe(true);
    expect(count(server.received, '93')).toBe(2);
  });

  it('reports a server that is not there as unreachable', async () => {
    const c = client({ host: '127.0.0.1', port: await closedPort() });
    await failure(c.itemInformation('3100001'), 'unreachable');
  });

  it('fails everything after close with closed', async () => {
    const server = await acs();
    const c = client(server);
    await c.connect();
    await c.close();
    await failure(c.itemInformation('3100001'), 'closed');
  });

  it('closes a connection that is still logging in', async () => {
    const server = await acs();
    server.injectFault({ kind: 'delay', ms: 300, codes: ['93'] });
    const c = client(server);
    const connecting = c.connect();
    await sleep(50);
    await c.close();
    await failure(connecting, 'closed');
    await sleep(50);
    expect(server.connections).toBe(0);
  });

  it('refuses a request it cannot encode without dropping the session', async () => {
    const server = await acs();
    const c = client(server);
    await c.connect();
    const err = await failure(
      c.feePaid({ patronIdentifier: '2100006', feeAmount: '1', currencyType: 'UZ' }),
      'protocol',
    );
    expect(err.reason).toBe('INVALID_MESSAGE');
    expect((await c.itemInformation('3100001')).code).toBe('18');
    expect(count(server.received, '93')).toBe(1);
  });

  it('sends keep-alives at half the timeout period the server announces', async () => {
    const server = await acs({ timeoutPeriod: 1 });
    const c = client(server);
    await c.connect();
    await sleep(1_300);
    // 99 at login, then one every 500 ms.
    expect(count(server.received, '99')).toBeGreaterThanOrEqual(3);
    await c.close();
    const after = count(server.received, '99');
    await sleep(700);
    expect(count(server.received, '99')).toBe(after);
  });

  it('wraps the sequence number after 9 (the ACS checks every AY and checksum)', async () => {
    const server = await acs();
    const c = client(server);
    const sent: string[] = [];
    c.on('trace', (t: Sip2TraceEntry) => {
      if (t.direction === 'sent') sent.push(t.text.slice(-7, -6));
    });
    for (let i = 0; i < 12; i++) expect((await c.itemInformation('3100001')).code).toBe('18');
    expect(sent.join('')).toBe('01234567890123');
  });

  it('works with error detection off on both sides, and with CR LF terminators', async () => {
    const plain = await acs({ errorDetection: false, terminator: '\r\n' });
    const c = client(plain, { errorDetection: false, terminator: '\r\n' });
    for (let i = 0; i < 3; i++) {
      const info = await c.itemInformation('3100019');
      expect(info.fields.titleIdentifier).toBe('Преступление и наказание');
      expect(info.checksum).toBeNull();
    }
  });
});

describe('patrons', () => {
  it('gives patron information with a Cyrillic name, holds ready and PIN check', async () => {
    const c = client(await acs());
    const info = await c.patronInformation({
      patronIdentifier: '2100003',
      patronPassword: '3456',
      summary: 'holdItems',
    });
    expect(info.fields.personalName).toBe('Қодиров Ғайрат Ҳамидович');
    expect(info.fields.validPatron).toBe(true);
    expect(info.fields.validPatronPassword).toBe(true);
    expect(info.fields.holdItems).toEqual(['3100006']);
    expect(info.fixed.holdItemsCount).toBe(1);
    expect(info.fixed.chargedItemsCount).toBe(1);

    const wrongPin = await c.patronInformation({ patronIdentifier: '2100003', patronPassword: '0000' });
    expect(wrongPin.fields.validPatronPassword).toBe(false);
    const unknown = await c.patronInformation({ patronIdentifier: '9999999' });
    expect(unknown.fields.validPatron).toBe(false);
    expect(unknown.fixed.patronStatus.chargePrivilegesDenied).toBe(true);
  });

  it('pages item lists; a page past the end is no item, not an empty one', async () => {
    const c = client(await acs());
    const first = await c.patronInformation({
      patronIdentifier: '2100001',
      summary: 'chargedItems',
      startItem: 1,
      endItem: 1,
    });
    expect(first.fields.chargedItems).toEqual(['3100002']);
    const past = await c.patronInformation({
      patronIdentifier: '2100001',
      summary: 'chargedItems',
      startItem: 5,
      endItem: 9,
    });
    expect(past.raw).toContain('|AU|');
    expect(past.fields.chargedItems).toEqual([]);
  });

  it('reports status, fines and blocks', async () => {
    const c = client(await acs());
    const fined = await c.patronStatus({ patronIdentifier: '2100004', patronPassword: '4567' });
    expect(fined.fixed.patronStatus.excessiveOutstandingFines).toBe(true);
    expect(fined.fields.feeAmount).toBe('25000.00');
    expect(fined.fields.currencyType).toBe('UZS');
    const blocked = await c.patronStatus({ patronIdentifier: '2100005' });
    expect(blocked.fixed.patronStatus.chargePrivilegesDenied).toBe(true);
    expect(blocked.fixed.patronStatus.cardReportedLost).toBe(true);
    expect(blocked.fields.personalName).toBe('Toʻxtayev Oʻtkir Shavkatovich');
  });

  it('takes a fee payment, blocks a patron on request, and ends the session', async () => {
    const server = await acs();
    const c = client(server);
    const paid = await c.feePaid({ patronIdentifier: '2100006', feeAmount: '3000.00', currencyType: 'UZS' });
    expect(paid.fixed.paymentAccepted).toBe(true);
    expect(server.state.patron('2100006')?.fines).toEqual([]);
    const tooMuch = await c.feePaid({ patronIdentifier: '2100006', feeAmount: '1.00', currencyType: 'UZS' });
    expect(tooMuch.fixed.paymentAccepted).toBe(false);

    const blocked = await c.blockPatron({ patronIdentifier: '2100007', blockedCardMessage: 'Card retained' });
    expect(blocked.code).toBe('24');
    expect(blocked.fixed.patronStatus.chargePrivilegesDenied).toBe(true);
    expect(server.state.patron('2100007')?.blocked).toBe('Card retained');

    const end = await c.endPatronSession({ patronIdentifier: '2100007' });
    expect(end.fixed.endSession).toBe(true);
  });
});

describe('circulation', () => {
  it.each([
    ['00:20', '2026-12-07T00:20:00+05:00'],
    ['11:59', '2026-12-07T11:59:00+05:00'],
    ['12:01', '2026-12-07T12:01:00+05:00'],
    ['23:40', '2026-12-07T23:40:00+05:00'],
  ])(
    'checks out at %s in Tashkent until the end of the day 14 days on, and says to desensitize',
    async (_hour, local) => {
      const now = () => new Date(local);
      const server = await acs({ now, timeZone: 'Asia/Tashkent' });
      const c = client(server, { now, timeZone: 'Asia/Tashkent' });
      const out = await c.checkout({ patronIdentifier: '2100007', itemIdentifier: '3100001' });
      expect(out.fixed).toMatchObject({ ok: true, renewalOk: false, desensitize: true });
      expect(out.fields.titleIdentifier).toBe('Oʻtkan kunlar');
      // Sent in the library's local time, as SIP2 servers do, and read back as the same instant.
      expect(out.fields.dueDate).toBe('20261221    235959');
      expect(parseSipDate(out.fields.dueDate ?? '', { timeZone: 'Asia/Tashkent' })?.toISOString()).toBe(
        '2026-12-21T18:59:59.000Z',
      );
      expect(server.state.item('3100001')?.loan?.patron).toBe('2100007');
      expect((await c.itemInformation('3100001')).fixed.circulationStatus).toBe(CIRCULATION_STATUS.CHARGED);
    },
  );

  it('refuses a checkout of an item on hold for another patron, or not for loan, with a reason', async () => {
    const server = await acs();
    const c = client(server);
    const onHold = await c.checkout({ patronIdentifier: '2100007', itemIdentifier: '3100006' });
    expect(onHold.fixed).toMatchObject({ ok: false, desensitize: false });
    expect(onHold.fields.screenMessage).toEqual(['This item is on hold for another reader']);
    expect(onHold.fields.dueDate).toBe('');
    const reference = await c.checkout({ patronIdentifier: '2100007', itemIdentifier: '3100011' });
    expect(reference.fixed.ok).toBe(false);
    expect(reference.fields.screenMessage).toEqual(['This item is not for loan']);
    const blocked = await c.checkout({ patronIdentifier: '2100005', itemIdentifier: '3100001' });
    expect(blocked.fixed.ok).toBe(false);
    expect(server.state.item('3100006')?.loan).toBeUndefined();
    expect((await c.itemInformation('3100006')).fixed.circulationStatus).toBe(
      CIRCULATION_STATUS.WAITING_ON_HOLD_SHELF,
    );

    const holder = await c.checkout({
      patronIdentifier: '2100003',
      itemIdentifier: '3100006',
      patronPassword: '3456',
    });
    expect(holder.fixed.ok).toBe(true);
  });

  it('checks in, says to resensitize, and flags a returned item someone has on hold', async () => {
    const c = client(await acs());
    const back = await c.checkin({ itemIdentifier: '3100002' });
    expect(back.fixed).toMatchObject({ ok: true, resensitize: true, alert: false });
    expect(back.fields.patronIdentifier).toBe('2100001');
    expect(back.fields.currentLocation).toBeUndefined();
    const held = await c.checkin({ itemIdentifier: '3100007' });
    expect(held.fixed.alert).toBe(true);
    expect(held.fields).toMatchObject({
      alertType: '01',
      holdPatronId: '2100007',
      holdPatronName: 'Jumaniyozova Shahzoda',
    });
    const notOut = await c.checkin({ itemIdentifier: '3100001' });
    expect(notOut.fixed.ok).toBe(false);
  });

  it('renews one item, refuses past the limit, renews all', async () => {
    const c = client(await acs());
    const renewed = await c.renew({ patronIdentifier: '2100001', itemIdentifier: '3100002' });
    expect(renewed.fixed).toMatchObject({ ok: true, renewalOk: true });
    const limit = await c.renew({ patronIdentifier: '2100001', itemIdentifier: '3100003' });
    expect(limit.fixed.ok).toBe(false);
    expect(limit.fields.screenMessage).toEqual(['Renewal limit reached']);
    const all = await c.renewAll({ patronIdentifier: '2100001' });
    expect(all.fixed).toMatchObject({ ok: true, renewedCount: 1, unrenewedCount: 1 });
    expect(all.fields.renewedItems).toEqual(['3100002']);
    expect(all.fields.unrenewedItems).toEqual(['3100003']);
  });

  it('updates item properties and answers a hand-written message', async () => {
    const server = await acs();
    const c = client(server);
    const update = await c.itemStatusUpdate({ itemIdentifier: '3100009', itemProperties: 'Maps inside' });
    expect(update.fixed.itemPropertiesOk).toBe(true);
    expect((await c.itemInformation('3100009')).fields.itemProperties).toBe('Maps inside');
    const raw = await c.raw('9900802.00');
    expect(raw.code).toBe('98');
  });
});

describe('code pages', () => {
  it('talks CP1251 when both sides are set to it, and warns about what it cannot carry', async () => {
    const server = await acs({ encoding: 'cp1251' });
    const c = client(server, { encoding: 'cp1251' });
    const warnings: Sip2Warning[] = [];
    c.on('warning', (w) => warnings.push(w));
    const info = await c.patronInformation({ patronIdentifier: '2100002' });
    expect(info.fields.personalName).toBe('Иванов Сергей Петрович');
    const uz = await c.itemInformation('3100001');
    expect(uz.fields.titleIdentifier).toBe('O?tkan kunlar');
    expect(warnings).toEqual([]);
    await c.itemInformation('Қ-1');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.unrepresentable.characters).toEqual(['Қ']);
    expect(warnings[0]?.message).toContain('cp1251');
  });
});

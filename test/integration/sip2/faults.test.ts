import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CIRCULATION_STATUS } from '../../../electron/station/sip2/codec/constants.js';
import { acs, client, count, failure, onCleanup } from './helpers.js';

const CHECKOUT = { patronIdentifier: '2100007', itemIdentifier: '3100001' };

describe('faults injected by the test ACS', () => {
  it('drop before applying: checkout fails as closed, nothing happened, the next request reconnects and logs in', async () => {
    const server = await acs();
    const c = client(server);
    await c.connect();
    server.injectFault({ kind: 'drop', when: 'before', codes: ['11'] });
    await failure(c.checkout(CHECKOUT), 'closed');
    expect(server.state.item('3100001')?.loan).toBeUndefined();
    // What a kiosk must do after a lost answer: ask the item's status, never resend blindly.
    const info = await c.itemInformation('3100001');
    expect(info.fixed.circulationStatus).toBe(CIRCULATION_STATUS.AVAILABLE);
    expect(count(server.received, '93')).toBe(2);
  });

  it('drop after applying: checkout fails as closed, but item information shows the loan', async () => {
    const server = await acs();
    const c = client(server);
    server.injectFault({ kind: 'drop', when: 'after', codes: ['11'] });
    await failure(c.checkout(CHECKOUT), 'closed');
    const info = await c.itemInformation('3100001');
    expect(info.fixed.circulationStatus).toBe(CIRCULATION_STATUS.CHARGED);
    expect(server.state.item('3100001')?.loan?.patron).toBe('2100007');
  });

  it('a read-only request whose connection drops is sent again on a new connection', async () => {
    const server = await acs();
    const c = client(server);
    server.injectFault({ kind: 'drop', when: 'before', codes: ['17'] });
    const info = await c.itemInformation('3100002');
    expect(info.fixed.circulationStatus).toBe(CIRCULATION_STATUS.CHARGED);
    expect(count(server.received, '17')).toBe(2);
  });

  it('a reply slower than the timeout: timeout error, connection reset, the next request works', async () => {
    const server = await acs();
    const c = client(server, { requestTimeoutMs: 300 });
    await c.connect();
    server.injectFault({ kind: 'delay', ms: 900, codes: ['63'] });
    const started = Date.now();
    await failure(c.patronInformation({ patronIdentifier: '2100001' }), 'timeout');
    expect(Date.now() - started).toBeLessThan(800);
    const info = await c.patronInformation({ patronIdentifier: '2100001' });
    expect(info.fields.personalName).toBe('Gʻulomova Dilnoza Rustamovna');
    expect(count(server.received, '93')).toBe(2);
  });

  it('a reply slower than usual but within the timeout is fine', async () => {
    const server = await acs();
    const c = client(server, { requestTimeoutMs: 1000 });
    server.injectFault({ kind: 'delay', ms: 200, codes: ['17'] });
    expect((await c.itemInformation('3100001')).code).toBe('18');
  });

  it('garbage instead of a reply: protocol error, connection reset, the next request works', async () => {
    const server = await acs();
    const c = client(server);
    await c.connect();
    server.injectFault({ kind: 'garbage', codes: ['63'] });
    await failure(c.patronInformation({ patronIdentifier: '2100001' }), 'protocol');
    expect((await c.patronInformation({ patronIdentifier: '2100001' })).fields.validPatron).toBe(true);
    server.injectFault({ kind: 'garbage', bytes: Buffer.from('HTTP/1.1 400 Bad Request'), codes: ['17'] });
    const err = await failure(c.itemInformation('3100001'), 'protocol');
    expect(err.reason).toBe('UNKNOWN_CODE');
  });

  it('a wrong checksum: the client sends 97, gets the answer again, and the checkout happened once', async () => {
    const server = await acs();
    const c = client(server);
    server.injectFault({ kind: 'badChecksum', codes: ['11'] });
    const out = await c.checkout(CHECKOUT);
    expect(out.fixed.ok).toBe(true);
    expect(count(server.received, '97')).toBe(1);
    expect(count(server.received, '11')).toBe(1);
    expect(server.state.item('3100001')?.loan?.patron).toBe('2100007');
  });

  it('a checksum that stays wrong: protocol error after the bounded 97s', async () => {
    const server = await acs();
    const c = client(server, { maxRetries: 3 });
    await c.connect();
    server.injectFault({ kind: 'badChecksum', count: 10 });
    const err = await failure(c.itemInformation('3100001'), 'protocol');
    expect(err.reason).toBe('BAD_CHECKSUM');
    expect(count(server.received, '97')).toBe(3);
    server.clearFaults();
    expect((await c.itemInformation('3100001')).code).toBe('18');
  });

  it('the server answers 96: the client resends its message and recovers', async () => {
    const server = await acs();
    const c = client(server);
    server.injectFault({ kind: 'resend', count: 2, codes: ['11'] });
    const out = await c.checkout(CHECKOUT);
    expect(out.fixed.ok).toBe(true);
    expect(count(server.received, '11')).toBe(3);
    expect(server.state.loansOf('2100007').map((i) => i.barcode)).toEqual(['3100001']);
  });

  it('the server answers 96 forever: protocol error after the bounded resends', async () => {
    const server = await acs();
    const c = client(server, { maxRetries: 2 });
    await c.connect();
    server.injectFault({ kind: 'resend', count: 10, codes: ['17'] });
    await failure(c.itemInformation('3100001'), 'protocol');
    expect(count(server.received, '17')).toBe(3);
  });
});

describe('reconnection and restarts', () => {
  it('reconnects and logs in again by itself after the server drops the connection', async () => {
    const server = await acs();
    const c = client(server);
    await c.connect();
    const events: string[] = [];
    c.on('disconnected', (reason) => events.push(`disconnected:${reason.kind}`));
    const reconnected = new Promise<void>((resolve) => c.on('connected', () => resolve()));
    server.dropConnections();
    await reconnected;
    expect(events).toEqual(['disconnected:closed']);
    expect(count(server.received, '93')).toBe(2);
    expect(c.connected).toBe(true);
    expect((await c.patronStatus({ patronIdentifier: '2100002' })).fields.personalName).toBe(
      'Иванов Сергей Петрович',
    );
  });

  it('keeps its state across a restart when it has a state file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-acs-'));
    onCleanup(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const stateFile = path.join(dir, 'state.json');

    const first = await acs({ stateFile });
    const c = client(first);
    expect((await c.checkout(CHECKOUT)).fixed.ok).toBe(true);
    expect(
      (await c.feePaid({ patronIdentifier: '2100006', feeAmount: '3000', currencyType: 'UZS' })).fixed
        .paymentAccepted,
    ).toBe(true);
    await first.close();
    expect(
      JSON.parse(fs.readFileSync(stateFile, 'utf8')).items.find(
        (i: { barcode: string }) => i.barcode === '3100001',
      ).loan.patron,
    ).toBe('2100007');

    const second = await acs({ stateFile, port: first.port });
    const info = await c.itemInformation('3100001');
    expect(info.fixed.circulationStatus).toBe(CIRCULATION_STATUS.CHARGED);
    expect(second.state.item('3100001')?.loan?.patron).toBe('2100007');
    expect(second.state.patron('2100006')?.fines).toEqual([]);
    // Without the state file, a restart is back to the seed.
    const fresh = await acs();
    expect(fresh.state.item('3100001')?.loan).toBeUndefined();
  });
});

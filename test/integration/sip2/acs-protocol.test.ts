import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { formatSipDate } from '../../../electron/station/sip2/codec/dates.js';
import { decodeResponse } from '../../../electron/station/sip2/codec/decode.js';
import { encodeRequest } from '../../../electron/station/sip2/codec/encode.js';
import { Framer } from '../../../electron/station/sip2/framer.js';
import { acs, KIOSK } from './helpers.js';

/** A bare socket speaking to the test ACS, to see how strict it is. */
async function rawSession(port: number) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const framer = new Framer();
  const frames: Buffer[] = [];
  const waiters: Array<(b: Buffer) => void> = [];
  let closed = false;
  socket.on('data', (chunk) => {
    for (const frame of framer.push(chunk).frames) {
      const waiter = waiters.shift();
      if (waiter) waiter(frame);
      else frames.push(frame);
    }
  });
  socket.on('close', () => {
    closed = true;
  });
  return {
    send: (bytes: Buffer | string) => socket.write(bytes),
    next: () =>
      new Promise<Buffer>((resolve, reject) => {
        const queued = frames.shift();
        if (queued) return resolve(queued);
        const timer = setTimeout(() => reject(new Error('no reply')), 1000);
        waiters.push((b) => {
          clearTimeout(timer);
          resolve(b);
        });
      }),
    closed: () => closed,
    end: () => socket.destroy(),
  };
}

const login = (sequence: number) =>
  encodeRequest(
    {
      code: '93',
      fixed: { uidAlgorithm: '0', pwdAlgorithm: '0' },
      fields: { loginUserId: KIOSK.userId, loginPassword: KIOSK.password },
    },
    { errorDetection: true, sequence },
  ).bytes;

const checkout = (sequence: number) =>
  encodeRequest(
    {
      code: '11',
      fixed: { scRenewalPolicy: true, noBlock: false, transactionDate: new Date(), nbDueDate: null },
      fields: {
        institutionId: 'BITIG-DEMO',
        patronIdentifier: '2100007',
        itemIdentifier: '3100001',
        terminalPassword: '',
      },
    },
    { errorDetection: true, sequence },
  ).bytes;

describe('the test ACS follows the protocol', () => {
  it('closes a connection that sends a transaction before logging in', async () => {
    const server = await acs();
    const s = await rawSession(server.port);
    s.send(checkout(0));
    await new Promise((r) => setTimeout(r, 100));
    expect(s.closed()).toBe(true);
    expect(server.state.item('3100001')?.loan).toBeUndefined();
  });

  it('answers 96 to a request with a bad checksum or without error detection, and 97 with the last response', async () => {
    const server = await acs();
    const s = await rawSession(server.port);
    s.send(login(0));
    expect(decodeResponse(await s.next(), { errorDetection: true, expectedSequence: 0 }).code).toBe('94');

    const good = checkout(1);
    const bad = Buffer.from(good);
    bad[bad.length - 2] = bad[bad.length - 2] === 0x30 ? 0x31 : 0x30;
    s.send(bad);
    expect((await s.next()).toString()).toBe('96AZFEF6');
    s.send(`17${formatSipDate(new Date())}AOBITIG-DEMO|AB3100001|\r`);
    expect((await s.next()).toString()).toBe('96AZFEF6');
    expect(server.state.item('3100001')?.loan).toBeUndefined();

    s.send(good);
    const answer = await s.next();
    expect(decodeResponse(answer, { errorDetection: true, expectedSequence: 1 }).code).toBe('12');
    s.send('97AZFEF5\r');
    expect((await s.next()).equals(answer)).toBe(true);
    s.end();
  });

  it('treats the same bytes again (same AY and AZ) as a retry: same answer, applied once', async () => {
    const server = await acs();
    const s = await rawSession(server.port);
    s.send(login(0));
    await s.next();
    const request = checkout(1);
    s.send(request);
    const first = await s.next();
    s.send(request);
    const second = await s.next();
    expect(second.equals(first)).toBe(true);
    expect(decodeResponse(first, { errorDetection: true }).code === '12').toBe(true);
    expect(server.state.loansOf('2100007')).toHaveLength(1);
    // A new sequence number is a new request: now the patron already has the item, so it renews.
    s.send(checkout(2));
    const third = decodeResponse(await s.next(), { errorDetection: true, expectedSequence: 2 });
    expect(third.code === '12' && third.fixed.renewalOk).toBe(true);
    s.end();
  });
});

import { randomBytes, randomInt } from 'node:crypto';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { Sip2Client } from '../../../electron/station/sip2/client.js';
import { decodeRequest, decodeResponse } from '../../../electron/station/sip2/codec/decode.js';
import { encodeResponse } from '../../../electron/station/sip2/codec/encode.js';
import { RESPONSE_TO, type Sip2Request } from '../../../electron/station/sip2/codec/messages.js';
import { Framer } from '../../../electron/station/sip2/framer.js';
import { Sip2Error, type Sip2ErrorKind } from '../../../electron/station/sip2/sip2-error.js';
import { INSTITUTION, KIOSK, onCleanup } from './helpers.js';

/**
 * The client against a hostile server: it logs the kiosk in properly (so sessions come up), then
 * answers every other request with something broken. Every call must end in a typed error, within
 * a bound, and the client must stay usable.
 */

const CALLS = 1_000;
const CLIENTS = 25;
const TIMEOUT_MS = 250;
const MAX_FRAME = 4_096;

type Hostility =
  | 'randomLine'
  | 'randomNoTerminator'
  | 'mutated'
  | 'wrongSequence'
  | 'wrongCode'
  | 'resendForever'
  | 'tooLong'
  | 'close'
  | 'halfThenClose';

const HOSTILITIES: Hostility[] = [
  'randomLine',
  'randomNoTerminator',
  'mutated',
  'wrongSequence',
  'wrongCode',
  'resendForever',
  'tooLong',
  'close',
  'halfThenClose',
];

function validAnswer(request: Sip2Request, sequence: number | null): Buffer {
  const now = new Date();
  const code = request.code === '97' ? '18' : (RESPONSE_TO[request.code as keyof typeof RESPONSE_TO] ?? '18');
  const byCode = {
    '94': { code: '94', fixed: { ok: true } },
    '98': {
      code: '98',
      fixed: {
        onlineStatus: true,
        checkinOk: true,
        checkoutOk: true,
        acsRenewalPolicy: true,
        statusUpdateOk: true,
        offlineOk: false,
        timeoutPeriod: 60,
        retriesAllowed: 3,
        dateTimeSync: now,
        protocolVersion: '2.00',
      },
      fields: { institutionId: INSTITUTION, supportedMessages: 'YYYYYYYYYYYYYYYY' },
    },
  } as const;
  const message =
    code in byCode
      ? byCode[code as keyof typeof byCode]
      : {
          code: '18' as const,
          fixed: { circulationStatus: '03', securityMarker: '02', feeType: '01', transactionDate: now },
          fields: { itemIdentifier: 'B1', titleIdentifier: 'Ufq' },
        };
  return encodeResponse(message as Parameters<typeof encodeResponse>[0], {
    errorDetection: true,
    sequence: sequence ?? 0,
  }).bytes;
}

function noCr(bytes: Buffer): Buffer {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0d) bytes[i] = 0x20;
  return bytes;
}

/** A broken answer; checked to be broken, since a random mutation may by chance still be valid. */
function hostileAnswer(kind: Hostility, request: Sip2Request): Buffer | 'close' {
  const sequence = request.sequence ?? 0;
  switch (kind) {
    case 'randomLine':
      return Buffer.concat([noCr(randomBytes(randomInt(0, 200))), Buffer.from('\r')]);
    case 'randomNoTerminator':
      return noCr(randomBytes(randomInt(1, 200)));
    case 'mutated': {
      const valid = validAnswer(request, sequence);
      const body = Buffer.from(valid.subarray(0, valid.length - 1));
      const at = randomInt(0, body.length);
      body[at] = (body[at] as number) ^ (1 << randomInt(0, 8));
      const mutated = Buffer.concat([noCr(body), Buffer.from('\r')]);
      try {
        decodeResponse(mutated, { errorDetection: true, expectedSequence: sequence });
        return Buffer.from('XX\r');
      } catch {
        return mutated;
      }
    }
    case 'wrongSequence':
      return validAnswer(request, (sequence + 1) % 10);
    case 'wrongCode':
      return encodeResponse({ code: '94', fixed: { ok: true } }, { errorDetection: true, sequence }).bytes;
    case 'resendForever':
      return Buffer.from('96AZFEF6\r');
    case 'tooLong':
      return noCr(randomBytes(MAX_FRAME + 100));
    case 'close':
      return 'close';
    case 'halfThenClose': {
      const valid = validAnswer(request, sequence);
      return valid.subarray(0, randomInt(1, valid.length - 1));
    }
  }
}

async function hostileServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const framer = new Framer(1 << 20);
    socket.on('data', (chunk) => {
      for (const frame of framer.push(chunk).frames) {
        let request: Sip2Request;
        try {
          request = decodeRequest(frame, { errorDetection: true });
        } catch {
          socket.destroy();
          return;
        }
        if (request.code === '93' || request.code === '99') {
          socket.write(validAnswer(request, request.sequence));
          continue;
        }
        const kind = HOSTILITIES[randomInt(0, HOSTILITIES.length)] as Hostility;
        const answer = hostileAnswer(kind, request);
        if (answer === 'close') socket.destroy();
        else if (kind === 'halfThenClose') socket.end(answer);
        else socket.write(answer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('the client against a hostile server', () => {
  it(`ends each of ${CALLS} calls in a typed error, in bounded time`, async () => {
    const server = await hostileServer();
    onCleanup(server.close);
    const kinds: Record<string, number> = {};
    let slowest = 0;
    // Worst case per call: a read-only retry, each attempt with its resends and timeouts.
    const bound = 2 * (1 + 2 * 3) * TIMEOUT_MS + 1_000;
    const started = performance.now();

    const worker = async (index: number, calls: number) => {
      const c = new Sip2Client({
        host: '127.0.0.1',
        port: server.port,
        institutionId: INSTITUTION,
        login: KIOSK,
        requestTimeoutMs: TIMEOUT_MS,
        connectTimeoutMs: 1_000,
        maxRetries: 3,
        maxFrameBytes: MAX_FRAME,
        reconnect: false,
        keepAlive: false,
      });
      try {
        for (let i = 0; i < calls; i++) {
          const t0 = performance.now();
          const call = [
            () => c.itemInformation(`B${index}-${i}`),
            () => c.checkout({ patronIdentifier: 'P1', itemIdentifier: 'B1' }),
            () => c.patronInformation({ patronIdentifier: 'P1', summary: 'chargedItems' }),
            () => c.renew({ patronIdentifier: 'P1', itemIdentifier: 'B1' }),
          ][i % 4] as () => Promise<unknown>;
          let error: unknown = null;
          try {
            await call();
          } catch (err) {
            error = err;
          }
          const elapsed = performance.now() - t0;
          slowest = Math.max(slowest, elapsed);
          if (!(error instanceof Sip2Error))
            throw new Error(`call ${i} ended in ${String(error)}, not a typed error`);
          kinds[error.kind] = (kinds[error.kind] ?? 0) + 1;
          expect(elapsed).toBeLessThan(bound);
        }
      } finally {
        await c.close();
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => worker(i, CALLS / CLIENTS)));

    const total = Object.values(kinds).reduce((a, b) => a + b, 0);
    console.info(
      `sip2 client fuzz: ${total} calls in ${((performance.now() - started) / 1000).toFixed(1)} s, slowest ${Math.round(slowest)} ms, ${JSON.stringify(kinds)}`,
    );
    expect(total).toBe(CALLS);
    const expectedKinds: Sip2ErrorKind[] = ['protocol', 'timeout', 'closed'];
    for (const kind of expectedKinds) expect(kinds[kind]).toBeGreaterThan(0);
  });
});

import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { Sip2ProtocolError } from '../../../electron/station/sip2/codec/errors.js';
import { Sip2Connection } from '../../../electron/station/sip2/connection.js';
import { Framer } from '../../../electron/station/sip2/framer.js';
import { keepAliveInterval } from '../../../electron/station/sip2/keep-alive.js';
import { SerialQueue } from '../../../electron/station/sip2/serial-queue.js';
import { asSip2Error, Sip2Error } from '../../../electron/station/sip2/sip2-error.js';
import { maskSecrets } from '../../../electron/station/sip2/trace.js';

describe('framer', () => {
  it('cuts at CR, across chunks, keeping a LF of CR LF for the decoder and dropping blank frames', () => {
    const framer = new Framer();
    expect(framer.push(Buffer.from('941')).frames).toEqual([]);
    const first = framer.push(Buffer.from('\r\n98YY'));
    expect(first.frames.map(String)).toEqual(['941']);
    const second = framer.push(Buffer.from('\r\n\r\n  \r24x\r'));
    expect(second.frames.map(String)).toEqual(['\n98YY', '24x']);
    expect(second.overflow).toBe(false);
  });

  it('reports a peer that sends more than the limit without a terminator', () => {
    const framer = new Framer(16);
    expect(framer.push(Buffer.alloc(10, 0x41)).overflow).toBe(false);
    expect(framer.push(Buffer.alloc(10, 0x41)).overflow).toBe(true);
    expect(new Framer(4).push(Buffer.from('123456\r')).overflow).toBe(true);
  });
});

describe('sequence numbers', () => {
  it('count 0 to 9 and wrap to 0', () => {
    const conn = new Sip2Connection(new net.Socket());
    const seen = Array.from({ length: 23 }, () => conn.nextSequence());
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2]);
    conn.destroy();
  });
});

describe('keep-alive interval', () => {
  it('is half the timeout period, in seconds by default, tenths on request', () => {
    expect(keepAliveInterval(60)).toBe(30_000);
    expect(keepAliveInterval(60, 'tenths')).toBe(3_000);
    expect(keepAliveInterval(1)).toBe(500);
    expect(keepAliveInterval(1, 'tenths')).toBe(500);
  });

  it('falls back when the server says offline (000), unknown (999) or nothing', () => {
    expect(keepAliveInterval(0, 'seconds', 1234)).toBe(1234);
    expect(keepAliveInterval(999, 'seconds', 1234)).toBe(1234);
    expect(keepAliveInterval(null, 'seconds', 1234)).toBe(1234);
  });
});

describe('trace masking', () => {
  it('hides the login password, terminal password and PIN, keeps the rest', () => {
    expect(maskSecrets('9300CNkiosk|COsecret|CPk1|AY0AZF000')).toBe('9300CNkiosk|CO***|CPk1|AY0AZF000');
    expect(maskSecrets('11YN...AOlib|AA21|AB31|ACterm|AD1234|')).toBe('11YN...AOlib|AA21|AB31|AC***|AD***|');
    expect(maskSecrets('11YN...AOlib|AA21|AC|')).toBe('11YN...AOlib|AA21|AC|');
  });
});

describe('serial queue', () => {
  it('runs one task at a time, in order, and goes on after a failure', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run(task('a', 20)),
      queue.run(task('b', 1, true)),
      queue.run(task('c', 1)),
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(queue.size).toBe(0);
  });
});

describe('errors', () => {
  it('turns codec errors and anything else into typed Sip2Errors', () => {
    const fromCodec = asSip2Error(new Sip2ProtocolError('BAD_CHECKSUM', 'x'));
    expect(fromCodec).toBeInstanceOf(Sip2Error);
    expect(fromCodec.kind).toBe('protocol');
    expect(fromCodec.reason).toBe('BAD_CHECKSUM');
    expect(asSip2Error(new TypeError('boom')).kind).toBe('protocol');
    const timeout = new Sip2Error('timeout', 't');
    expect(asSip2Error(timeout)).toBe(timeout);
  });
});

import { EventEmitter } from 'node:events';
import type { Answer } from 'dns-packet';
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { discoverEsclScanners } from '../../../electron/station/devices/scanner/escl/discovery.js';
import type { DnsSdQuestion } from '../../../electron/station/devices/scanner/escl/dns-sd-records.js';
import type {
  MdnsSocket,
  MdnsSocketFactory,
} from '../../../electron/station/devices/scanner/escl/mdns-browser.js';

/**
 * The browse's handling of its sockets, with a fake in place of multicast-dns: what is asked, what
 * a failing socket does to the answer, and that every socket is closed.
 */

type Script = {
  /** What the fake answers to each query, as records. */
  answer?: (questions: DnsSdQuestion[]) => Answer[][];
  /** Fail instead of becoming ready. */
  fail?: Error;
  /** The query callback's error. */
  sendError?: Error;
  /** Emitted right after ready. */
  warnings?: Error[];
};

class FakeSocket extends EventEmitter implements MdnsSocket {
  asked: DnsSdQuestion[][] = [];
  destroyed = false;
  constructor(private readonly script: Script) {
    super();
    setImmediate(() => {
      if (script.fail) return this.emit('error', script.fail);
      for (const w of script.warnings ?? []) this.emit('warning', w);
      this.emit('ready');
    });
  }
  query(packet: { questions: DnsSdQuestion[] }, callback: (err: Error | null) => void): void {
    this.asked.push(packet.questions);
    setImmediate(() => {
      callback(this.script.sendError ?? null);
      if (this.script.sendError || this.destroyed) return;
      for (const answers of this.script.answer?.(packet.questions) ?? []) {
        const decoded = dnsPacket.decode(dnsPacket.encode({ type: 'response', answers }));
        this.emit('response', decoded, { address: '192.168.1.20' });
      }
    });
  }
  destroy(callback?: () => void): void {
    this.destroyed = true;
    setImmediate(() => callback?.());
  }
}

function fake(script: Script | ((iface: string) => Script)) {
  const sockets: FakeSocket[] = [];
  const create: MdnsSocketFactory = (iface) => {
    const s = new FakeSocket(typeof script === 'function' ? script(iface) : script);
    sockets.push(s);
    return s;
  };
  return { sockets, create };
}

function sysError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

const FQDN = 'Lobby._uscan._tcp.local';
const PTR: Answer = { name: '_uscan._tcp.local', type: 'PTR', ttl: 4500, data: FQDN };
const SRV: Answer = { name: FQDN, type: 'SRV', ttl: 120, data: { port: 8080, target: 'lobby.local' } };
const TXT: Answer = { name: FQDN, type: 'TXT', ttl: 4500, data: ['rs=eSCL', 'ty=Lobby scanner'] };
const A: Answer = { name: 'lobby.local', type: 'A', ttl: 120, data: '192.168.1.20' };

/** A device that answers each question with just the records it asks for (no additionals). */
function terseDevice(questions: DnsSdQuestion[]): Answer[][] {
  const byQuestion: Record<string, Answer[]> = {
    'PTR _uscan._tcp.local': [PTR],
    [`SRV ${FQDN}`]: [SRV],
    [`TXT ${FQDN}`]: [TXT],
    'A lobby.local': [A],
  };
  return questions.map((q) => byQuestion[`${q.type} ${q.name}`] ?? []).filter((a) => a.length > 0);
}

describe('discoverEsclScanners over a fake mDNS socket', () => {
  it('asks for both service types, follows up on a terse device, and closes its sockets', async () => {
    const { sockets, create } = fake({ answer: terseDevice });
    const result = await discoverEsclScanners({
      interfaces: ['192.168.1.10'],
      timeoutMs: 300,
      createSocket: create,
    });
    expect(result.scanners.map((s) => [s.name, s.url, s.makeAndModel])).toEqual([
      ['Lobby', 'http://192.168.1.20:8080/eSCL/', 'Lobby scanner'],
    ]);
    expect(result.interfaces).toEqual(['192.168.1.10']);
    const asked = sockets[0]!.asked.flat().map((q) => `${q.type} ${q.name}`);
    expect(asked.slice(0, 2)).toEqual(['PTR _uscan._tcp.local', 'PTR _uscans._tcp.local']);
    expect(asked).toEqual(expect.arrayContaining([`SRV ${FQDN}`, `TXT ${FQDN}`, 'A lobby.local']));
    expect(sockets.every((s) => s.destroyed)).toBe(true);
  });

  it('browses every interface given, and one that fails does not stop the others', async () => {
    const { sockets, create } = fake((iface) =>
      iface === '10.0.0.2'
        ? { fail: sysError('bind EACCES 0.0.0.0:5353', 'EACCES') }
        : { answer: () => [[PTR, SRV, TXT, A]] },
    );
    const result = await discoverEsclScanners({
      interfaces: ['10.0.0.2', '192.168.1.10'],
      timeoutMs: 200,
      createSocket: create,
    });
    expect(result.scanners).toHaveLength(1);
    expect(result.unavailable).toBeUndefined();
    expect(result.interfaces).toEqual(['192.168.1.10']);
    expect(result.problems).toEqual(['10.0.0.2: bind EACCES 0.0.0.0:5353']);
    expect(sockets.every((s) => s.destroyed)).toBe(true);
  });

  it('where no socket can be used: an empty list and the reason, never an exception', async () => {
    const inUse = fake({ fail: sysError('bind EADDRINUSE 0.0.0.0:5353', 'EADDRINUSE') });
    const busy = await discoverEsclScanners({
      interfaces: ['192.168.1.10'],
      timeoutMs: 100,
      createSocket: inUse.create,
    });
    expect(busy).toMatchObject({ scanners: [], interfaces: [] });
    expect(busy.unavailable).toBe('mDNS could not be used: 192.168.1.10: bind EADDRINUSE 0.0.0.0:5353');
    expect(inUse.sockets[0]!.destroyed).toBe(true);

    const noRoute = fake({ sendError: sysError('send ENETUNREACH 224.0.0.251:5353', 'ENETUNREACH') });
    const unreachable = await discoverEsclScanners({
      interfaces: ['192.168.1.10'],
      timeoutMs: 100,
      createSocket: noRoute.create,
    });
    expect(unreachable.unavailable).toMatch(/ENETUNREACH/);

    const throwing: MdnsSocketFactory = () => {
      throw new Error('socket() failed');
    };
    const broken = await discoverEsclScanners({
      interfaces: ['192.168.1.10'],
      timeoutMs: 100,
      createSocket: throwing,
    });
    expect(broken.unavailable).toBe('mDNS could not be used: 192.168.1.10: socket() failed');

    const none = await discoverEsclScanners({ interfaces: [], timeoutMs: 100, createSocket: throwing });
    expect(none).toEqual({
      scanners: [],
      skipped: [],
      unavailable: 'no network interface with an IPv4 address to browse on',
      interfaces: [],
      problems: [],
      malformedPackets: 0,
    });
  });

  it('counts undecodable packets and notes interface trouble without failing', async () => {
    const { create } = fake({
      warnings: [
        new Error('Cannot decode name (buffer overflow)'),
        sysError('addMembership EINVAL', 'EINVAL'),
      ],
      answer: () => [[PTR, SRV, TXT, A]],
    });
    const result = await discoverEsclScanners({
      interfaces: ['192.168.1.10'],
      timeoutMs: 200,
      createSocket: create,
    });
    expect(result.scanners).toHaveLength(1);
    expect(result.malformedPackets).toBe(1);
    expect(result.problems).toEqual(['192.168.1.10: addMembership EINVAL']);
  });

  it('asks again half-way through (a lost datagram), and stops at once when aborted', async () => {
    const slow = fake({});
    await discoverEsclScanners({ interfaces: ['192.168.1.10'], timeoutMs: 300, createSocket: slow.create });
    expect(slow.sockets[0]!.asked.filter((q) => q[0]!.type === 'PTR')).toHaveLength(2);

    const aborted = fake({ answer: () => [[PTR, SRV, TXT, A]] });
    const abort = new AbortController();
    const started = Date.now();
    setTimeout(() => abort.abort(), 50);
    const result = await discoverEsclScanners({
      interfaces: ['192.168.1.10'],
      timeoutMs: 10_000,
      signal: abort.signal,
      createSocket: aborted.create,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.scanners).toHaveLength(1);
    expect(result.unavailable).toBeUndefined();
    expect(aborted.sockets[0]!.destroyed).toBe(true);

    const already = fake({});
    const none = await discoverEsclScanners({
      interfaces: ['192.168.1.10'],
      signal: AbortSignal.abort(),
      createSocket: already.create,
    });
    expect(none.scanners).toEqual([]);
    expect(already.sockets).toEqual([]);
  });
});

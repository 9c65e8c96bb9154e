import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dnsPacket from 'dns-packet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import { discoverEsclScanners } from '../../../electron/station/devices/scanner/escl/discovery.js';
import { EsclScanner } from '../../../electron/station/devices/scanner/escl/escl-scanner.js';
import type { ScannerListing } from '../../../electron/station/devices/scanner/list-scanners.js';
import { openScanner } from '../../../electron/station/devices/scanner/open-scanner.js';
import { CaptureService } from '../../../electron/station/digitization/capture.js';
import {
  type AnnouncedService,
  multicastProblem,
  type ResponderOptions,
  sendRaw,
  startResponder,
  type TestResponder,
} from './escl-discovery-responder.js';
import { type EsclTestServer, startEsclServer } from './escl-server.js';
import { runScanners } from './run-scanners.js';
import { makeTestBackendConfig } from './sane-env.js';

/**
 * eSCL discovery over real mDNS sockets: real responders (multicast-dns) announce the test eSCL
 * server on the loopback, the station's browser finds them, and the driver talks to what it found.
 * Everything stays on 127.0.0.1: the responders and the browser send out of the loopback only.
 * All tests that use port 5353 live in this one file, so they never hear each other; another run
 * of this file on the same machine would, so every name carries this run's tag and only what this
 * run announced is looked at.
 */

const LO = '127.0.0.1';
const RUN = randomBytes(3).toString('hex');
const NAME = `Bitig Test Scanner ${RUN}`;
const HOST = `bitig-${RUN}.local`;
const UUID = `4509a320-00a0-008f-00b6-0000${RUN}`;
const skip = await multicastProblem(LO);

/** What this run announced, among whatever else is on the loopback's mDNS group. */
function ours<T extends { name: string }>(list: readonly T[]): T[] {
  return list.filter((x) => x.name.endsWith(` ${RUN}`));
}

/**
 * Sockets of this process bound to port 5353 (Linux: /proc/net/udp against /proc/self/fd), to
 * show that discovery closes its own, whatever other programs hold the port.
 */
function ownMdnsSockets(): number | undefined {
  try {
    const bound = new Set<string>();
    for (const table of ['/proc/net/udp', '/proc/net/udp6']) {
      for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols[1]?.endsWith(':14E9')) bound.add(cols[9]!);
      }
    }
    let count = 0;
    for (const fd of fs.readdirSync('/proc/self/fd')) {
      const target = fs.readlinkSync(`/proc/self/fd/${fd}`, { encoding: 'utf8' });
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && bound.has(inode)) count++;
    }
    return count;
  } catch {
    return undefined;
  }
}

let server: EsclTestServer;
let configDir: string;
const responders: TestResponder[] = [];

async function respond(options: Omit<ResponderOptions, 'iface'>): Promise<TestResponder> {
  const r = await startResponder({ iface: LO, ...options });
  responders.push(r);
  return r;
}

function testScanner(p: Partial<AnnouncedService> = {}): AnnouncedService {
  return {
    instance: NAME,
    host: HOST,
    port: server.port,
    addresses: [LO],
    txt: [
      'txtvers=1',
      'rs=eSCL',
      'ty=Bitig Test Scanner',
      `UUID=${UUID}`,
      'is=platen,adf',
      'pdl=image/jpeg,image/png',
      'cs=color,grayscale,binary',
      'note=Reading room 2',
    ],
    ...p,
  };
}

async function bitig(args: string[]): Promise<{ code: number; out: string }> {
  return runScanners(args, { SANE_CONFIG_DIR: configDir });
}

beforeAll(async () => {
  server = await startEsclServer();
  configDir = makeTestBackendConfig();
});

afterEach(async () => {
  await Promise.all(responders.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await server?.close();
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
});

describe.skipIf(skip !== undefined)(`eSCL discovery over mDNS${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('finds the test eSCL server announced on the loopback, and its URL answers ScannerCapabilities', async () => {
    await respond({ services: [testScanner()] });
    const result = await discoverEsclScanners({ interfaces: [LO], timeoutMs: 800 });
    expect(result.unavailable).toBeUndefined();
    expect(result.interfaces).toEqual([LO]);
    expect(ours(result.skipped)).toEqual([]);
    expect(ours(result.scanners)).toEqual([
      {
        id: `escl:${server.url}`,
        key: `uuid:${UUID}`,
        uuid: UUID,
        name: NAME,
        makeAndModel: 'Bitig Test Scanner',
        url: server.url,
        secure: false,
        host: HOST,
        address: LO,
        port: server.port,
        sources: ['flatbed', 'adf'],
        formats: ['image/jpeg', 'image/png'],
        modes: ['color', 'gray', 'lineart'],
        note: 'Reading room 2',
        services: ['_uscan._tcp'],
        alternateUrls: [`http://${HOST}:${server.port}/eSCL/`],
      },
    ]);

    const found = ours(result.scanners)[0]!;
    const scanner = new EsclScanner(found.url);
    expect((await scanner.esclCapabilities()).makeAndModel).toBe('Bitig Test Scanner');
    expect((await openScanner(found.id).capabilities()).sources).toEqual(['flatbed', 'adf']);
    expect(server.log).toContain('GET /eSCL/ScannerCapabilities');
  });

  it('asks for SRV, TXT and the address when the responder answers with the PTR alone', async () => {
    const r = await respond({ services: [testScanner()], additionals: false });
    const result = await discoverEsclScanners({ interfaces: [LO], timeoutMs: 800 });
    expect(ours(result.scanners).map((s) => s.url)).toEqual([server.url]);
    const asked = r.questions.map((q) => `${q.type} ${q.name}`);
    expect(asked).toContain(`SRV ${NAME}._uscan._tcp.local`);
    expect(asked).toContain(`TXT ${NAME}._uscan._tcp.local`);
    expect(asked).toContain(`A ${HOST}`);
  });

  it('lists a device announced twice, under _uscan and _uscans, with IPv4 and IPv6, once', async () => {
    const both = testScanner({ addresses: ['::1', LO] });
    await respond({ services: [both, { ...both, type: '_uscans._tcp' }] });
    // The same device heard again from a second responder (as on a second interface).
    await respond({ services: [both] });
    const result = await discoverEsclScanners({ interfaces: [LO], timeoutMs: 800 });
    expect(ours(result.scanners)).toHaveLength(1);
    const [s] = ours(result.scanners);
    expect(s).toMatchObject({ url: server.url, secure: false, address: LO });
    expect(s!.services).toEqual(['_uscan._tcp', '_uscans._tcp']);
    expect(s!.alternateUrls).toEqual(
      expect.arrayContaining([
        `http://[::1]:${server.port}/eSCL/`,
        `https://127.0.0.1:${server.port}/eSCL/`,
        `https://[::1]:${server.port}/eSCL/`,
      ]),
    );
  });

  it('skips malformed announcements among good ones and keeps going', async () => {
    const other = await startEsclServer({ adf: false });
    try {
      await respond({
        services: [
          {
            instance: `No SRV ${RUN}`,
            host: `nosrv-${RUN}.local`,
            port: 1,
            srv: false,
            addresses: [LO],
            txt: ['rs=eSCL'],
          },
          {
            instance: `No address ${RUN}`,
            host: `nowhere-${RUN}.local`,
            port: 8080,
            addresses: [],
            txt: ['rs=eSCL'],
          },
          { instance: `No TXT ${RUN}`, host: `notxt-${RUN}.local`, port: 8080, addresses: [LO], txt: null },
          {
            instance: `Bad path ${RUN}`,
            host: `bad-${RUN}.local`,
            port: 8080,
            addresses: [LO],
            txt: ['rs=../../etc?x'],
          },
          {
            instance: `Port zero ${RUN}`,
            host: `zero-${RUN}.local`,
            port: 0,
            addresses: [LO],
            txt: ['rs=eSCL'],
          },
          {
            instance: `Garbled TXT ${RUN}`,
            host: `garbled-${RUN}.local`,
            port: other.port,
            addresses: [LO],
            txt: [
              Buffer.from([0xff, 0x00, 0x3d]),
              Buffer.from('=novalue'),
              Buffer.from('rs=eSCL'),
              'ty=Second',
            ],
          },
          testScanner(),
        ],
      });
      const discovery = discoverEsclScanners({ interfaces: [LO], timeoutMs: 1000 });
      // Datagrams no DNS decoder accepts, sent while the browse listens.
      const truncated = dnsPacket.encode({
        type: 'response',
        answers: [{ name: '_uscan._tcp.local', type: 'PTR', data: 'Broken._uscan._tcp.local' }],
      });
      const overflowingTxt = dnsPacket.encode({
        type: 'response',
        answers: [{ name: 'Broken._uscan._tcp.local', type: 'TXT', data: ['rs=eSCL'] }],
      });
      overflowingTxt[overflowingTxt.length - 8] = 200; // the string's length byte now runs past the end
      await new Promise((r) => setTimeout(r, 100));
      await sendRaw(LO, [truncated.subarray(0, truncated.length - 5), overflowingTxt, Buffer.from('hello')]);
      const result = await discovery;

      expect(ours(result.scanners).map((s) => [s.name, s.url])).toEqual([
        [NAME, server.url],
        [`Garbled TXT ${RUN}`, other.url],
      ]);
      expect(ours(result.scanners)[1]!.makeAndModel).toBe('Second');
      const reasons = Object.fromEntries(
        ours(result.skipped).map((s) => [s.name.replace(` ${RUN}`, ''), s.reason]),
      );
      expect(reasons).toEqual({
        'No SRV': 'no SRV record (no host and port)',
        'No address': `no address for nowhere-${RUN}.local`,
        'No TXT': 'no TXT record',
        'Bad path': 'TXT rs "../../etc?x" is not a path',
        'Port zero': 'SRV port 0 is not a port',
      });
      expect(result.malformedPackets).toBeGreaterThanOrEqual(2);
      // What was found still works.
      expect((await new EsclScanner(other.url).esclCapabilities()).platen).toBeDefined();
    } finally {
      await other.close();
    }
  });

  it('returns what was found when the time is up, and sooner when aborted', async () => {
    await respond({ services: [testScanner()] });
    await respond({
      services: [
        testScanner({ instance: `Slow ${RUN}`, txt: ['rs=eSCL', `UUID=slow-${RUN}`], delayMs: 1500 }),
      ],
    });
    let started = Date.now();
    const result = await discoverEsclScanners({ interfaces: [LO], timeoutMs: 500 });
    const elapsed = Date.now() - started;
    expect(ours(result.scanners).map((s) => s.name)).toEqual([NAME]);
    expect(elapsed).toBeGreaterThanOrEqual(490);
    expect(elapsed).toBeLessThan(2500); // closing the sockets included, on a loaded machine

    started = Date.now();
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const early = await discoverEsclScanners({ interfaces: [LO], timeoutMs: 5000, signal: abort.signal });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ours(early.scanners).map((s) => s.name)).toEqual([NAME]);
  });

  it('a scanner named by its UUID is found at whatever address it has now, and scans there', async () => {
    const discovery = { interfaces: [LO], timeoutMs: 800 };
    const first = await respond({ services: [testScanner()] });
    const scanner = openScanner(`escl-uuid:${UUID}`, { discovery });
    expect((await scanner.capabilities()).sources).toEqual(['flatbed', 'adf']);
    expect((scanner as unknown as { url: string }).url).toBe(server.url);
    await scanner.close();

    // The network gives it another address (here: another port, another server process).
    await first.close();
    const moved = await startEsclServer();
    try {
      await respond({ services: [testScanner({ port: moved.port })] });
      const again = openScanner(`escl-uuid:${UUID}`, { discovery });
      const pages: number[] = [];
      const result = await again.scan(
        { device: again.id, source: 'flatbed', mode: 'gray', resolution: 75, pageSize: 'a5' },
        (page) => {
          pages.push(page.sequence);
        },
      );
      expect(pages).toEqual([1]);
      expect(result.pages).toBe(1);
      expect((again as unknown as { url: string }).url).toBe(moved.url);
      expect(moved.log.some((line) => line.startsWith('POST /eSCL/ScanJobs'))).toBe(true);
      await again.close();
    } finally {
      await moved.close();
    }
  });

  it('the station offers a scanner found on the network by its UUID, so saved profiles outlive its address', async () => {
    await respond({ services: [testScanner()] });
    const saved = process.env.BITIG_ESCL_DISCOVERY;
    process.env.BITIG_ESCL_DISCOVERY = LO;
    try {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-capture-escl-'));
      const capture = new CaptureService({
        digitization: () => {
          throw new Error('not used by the listing');
        },
        dataDir,
        demo: () => false,
      });
      const offered = (await capture.scanners()).filter((s) => s.kind === 'escl' && s.name === NAME);
      expect(offered).toEqual([{ id: `escl-uuid:${UUID}`, name: NAME, kind: 'escl' }]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    } finally {
      if (saved === undefined) delete process.env.BITIG_ESCL_DISCOVERY;
      else process.env.BITIG_ESCL_DISCOVERY = saved;
    }
  });

  it('a UUID nobody announces is a clear "unavailable" within the browse time', async () => {
    const scanner = openScanner('escl-uuid:00000000-0000-0000-0000-000000000000', {
      discovery: { interfaces: [LO], timeoutMs: 300 },
    });
    const started = Date.now();
    await expect(scanner.capabilities()).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('did not answer on the network'),
    });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('bitig scanners list shows a discovered scanner once, also when its address is configured', async () => {
    await respond({ services: [testScanner()] });

    const found = await bitig([
      'scanners',
      'list',
      '--json',
      '--discover-on',
      LO,
      '--discover-timeout',
      '800',
    ]);
    expect(found.code).toBe(EXIT.OK);
    const listing = JSON.parse(found.out) as ScannerListing;
    const announced = (l: ScannerListing) => l.escl.filter((e) => !e.mdns || e.mdns.name.endsWith(` ${RUN}`));
    expect(announced(listing)).toEqual([
      {
        id: `escl:${server.url}`,
        url: server.url,
        reachable: true,
        makeAndModel: 'Bitig Test Scanner',
        sources: ['flatbed', 'adf'],
        formats: ['image/jpeg', 'image/png'],
        mdns: {
          name: NAME,
          key: `uuid:${UUID}`,
          uuid: UUID,
          secure: false,
          services: ['_uscan._tcp'],
          note: 'Reading room 2',
          configured: false,
        },
      },
    ]);
    expect(listing.discovery).toMatchObject({ enabled: true, interfaces: [LO] });
    expect(listing.discovery.enabled && ours(listing.discovery.skipped)).toEqual([]);

    const both = await bitig(['scanners', 'list', '--json', '--escl', server.url, '--discover-on', LO]);
    expect(both.code).toBe(EXIT.OK);
    const merged = JSON.parse(both.out) as ScannerListing;
    expect(announced(merged)).toHaveLength(1);
    expect(announced(merged)[0]).toMatchObject({ id: `escl:${server.url}`, mdns: { configured: true } });

    const text = await bitig(['scanners', 'list', '--discover-on', LO, '--discover-timeout', '800']);
    expect(text.out).toContain(
      `ok   escl:${server.url}   Bitig Test Scanner (flatbed, adf; image/jpeg, image/png)   [mDNS: ${NAME}, Reading room 2; also --device escl-uuid:${UUID}]`,
    );

    const off = await bitig(['scanners', 'list', '--json', '--no-discover']);
    const offListing = JSON.parse(off.out) as ScannerListing;
    expect(offListing.escl).toEqual([]);
    expect(offListing.discovery).toEqual({ enabled: false, reason: 'turned off' });
  });

  it('closes its sockets; with port 5353 held by a program that does not share it, an empty list and why', async (ctx) => {
    const r = await startResponder({ iface: LO, services: [] });
    const during = ownMdnsSockets(); // the check sees a socket that is open
    await r.close();
    await discoverEsclScanners({ interfaces: [LO], timeoutMs: 200 });
    if (during !== undefined) {
      expect(during).toBe(1);
      expect(ownMdnsSockets()).toBe(0);
    }

    const holder = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    const bound = await new Promise<Error | undefined>((resolve) => {
      holder.once('error', resolve);
      holder.bind(5353, '0.0.0.0', () => resolve(undefined));
    });
    try {
      // Only another program on this machine (another run of these tests) can hold the port now.
      if (bound) return ctx.skip(`port 5353 is in use by another program: ${bound.message}`);
      const result = await discoverEsclScanners({ interfaces: [LO], timeoutMs: 300 });
      expect(result.scanners).toEqual([]);
      expect(result.unavailable).toMatch(/EADDRINUSE/);
    } finally {
      await new Promise<void>((resolve) => {
        try {
          holder.close(() => resolve());
        } catch {
          resolve(); // never bound
        }
      });
    }
  });
});

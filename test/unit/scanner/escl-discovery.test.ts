import type { Answer } from 'dns-packet';
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { esclDiscoverySetting } from '../../../electron/station/devices/scanner/escl/discovery-setting.js';
import { DnsSdRecords } from '../../../electron/station/devices/scanner/escl/dns-sd-records.js';
import { parseTxt, txtList } from '../../../electron/station/devices/scanner/escl/dns-sd-txt.js';
import {
  type DiscoveredEsclScanner,
  ESCL_SERVICE_TYPES,
  esclFromAnnouncement,
  normalizeUuid,
  resourcePath,
} from '../../../electron/station/devices/scanner/escl/escl-announcement.js';
import { dedupeEsclScanners } from '../../../electron/station/devices/scanner/escl/escl-dedup.js';
import { mdnsInterfaces } from '../../../electron/station/devices/scanner/escl/mdns-interfaces.js';

/** A response as it comes off the wire: encoded and decoded by dns-packet, as multicast-dns does. */
function wire(answers: Answer[], additionals: Answer[] = []): unknown {
  return dnsPacket.decode(dnsPacket.encode({ type: 'response', flags: 0x400, answers, additionals }));
}

function device(
  instance: string,
  o: { type?: string; host?: string; port?: number; txt?: string[]; a?: string[]; aaaa?: string[] } = {},
) {
  const type = o.type ?? '_uscan._tcp';
  const fqdn = `${instance}.${type}.local`;
  const host = o.host ?? 'mfp.local';
  return {
    ptr: { name: `${type}.local`, type: 'PTR', ttl: 4500, data: fqdn } as Answer,
    srv: {
      name: fqdn,
      type: 'SRV',
      ttl: 120,
      data: { port: o.port ?? 80, target: host, priority: 0, weight: 0 },
    } as Answer,
    txt: { name: fqdn, type: 'TXT', ttl: 4500, data: o.txt ?? ['rs=eSCL'] } as Answer,
    addresses: [
      ...(o.a ?? ['192.168.1.20']).map((ip) => ({ name: host, type: 'A', ttl: 120, data: ip }) as Answer),
      ...(o.aaaa ?? []).map((ip) => ({ name: host, type: 'AAAA', ttl: 120, data: ip }) as Answer),
    ],
  };
}

function all(d: ReturnType<typeof device>): Answer[] {
  return [d.ptr, d.srv, d.txt, ...d.addresses];
}

function discover(...packets: unknown[]): { scanners: DiscoveredEsclScanner[]; skipped: unknown[] } {
  const records = new DnsSdRecords(ESCL_SERVICE_TYPES);
  for (const p of packets) records.addResponse(p, '192.168.1.20');
  const scanners: DiscoveredEsclScanner[] = [];
  const skipped: unknown[] = [];
  for (const i of records.instances()) {
    const r = esclFromAnnouncement(i, records.senders);
    if ('scanner' in r) scanners.push(r.scanner);
    else skipped.push(r.skipped);
  }
  return { scanners, skipped };
}

describe('DNS-SD TXT', () => {
  it('reads keys case-insensitively, first occurrence wins, bare keys are booleans', () => {
    const txt = parseTxt([
      Buffer.from('UUID=ABC'),
      Buffer.from('uuid=second'),
      Buffer.from('Duplex'),
      Buffer.from('ty=Epson ET-4850 Series'),
      Buffer.from('note=Зал №2'),
      Buffer.from('empty='),
    ]);
    expect(Object.fromEntries(txt)).toEqual({
      uuid: 'ABC',
      duplex: true,
      ty: 'Epson ET-4850 Series',
      note: 'Зал №2',
      empty: '',
    });
  });

  it('skips what is not a key=value string and keeps the rest', () => {
    const txt = parseTxt([
      Buffer.from([0xff, 0x01, 0x3d, 0x41]), // non-printable key
      Buffer.from('=no key'),
      Buffer.alloc(0),
      42,
      null,
      { rs: 'eSCL' },
      Buffer.from([0x72, 0x73, 0x3d, 0xff, 0x65]), // rs=<bad UTF-8>e
      'pdl=image/jpeg, application/pdf,,',
    ]);
    expect([...txt.keys()]).toEqual(['rs', 'pdl']);
    expect(txt.get('rs')).toBe('\ufffde');
    expect(txtList(txt, 'pdl')).toEqual(['image/jpeg', 'application/pdf']);
    expect(parseTxt(undefined).size).toBe(0);
    expect(parseTxt(Buffer.from('rs=eSCL')).get('rs')).toBe('eSCL');
  });

  it('takes rs as the eSCL root the way sane-airscan does', () => {
    const rs = (v?: string) => resourcePath(parseTxt(v === undefined ? [] : [`rs=${v}`]));
    expect(rs()).toBe('eSCL');
    expect(resourcePath(parseTxt(['rs']))).toBe('eSCL');
    expect(rs('eSCL')).toBe('eSCL');
    expect(rs('/eSCL/')).toBe('eSCL');
    expect(rs('//scan/escl//')).toBe('scan/escl');
    expect(rs('')).toBe('');
    expect(rs('../x')).toBeUndefined();
    expect(rs('a?b')).toBeUndefined();
    expect(rs('a#b')).toBeUndefined();
    expect(rs('a b')).toBeUndefined();
    expect(rs('a\\b')).toBeUndefined();
    expect(rs('http://evil/')).toBeUndefined();
  });
});

describe('DNS-SD records', () => {
  it('puts an instance together from records split over several packets, in any order', () => {
    const d = device('Office MFP', { txt: ['rs=eSCL', 'ty=HP LaserJet MFP M28w'] });
    const records = new DnsSdRecords(ESCL_SERVICE_TYPES);
    records.addResponse(wire(d.addresses));
    records.addResponse(wire([d.txt]));
    records.addResponse(wire([d.ptr]));
    expect(records.missing()).toEqual([{ name: 'Office MFP._uscan._tcp.local', type: 'SRV' }]);
    records.addResponse(wire([d.srv]));
    expect(records.missing()).toEqual([]);
    const [instance] = records.instances();
    expect(instance).toMatchObject({
      serviceType: '_uscan._tcp',
      instance: 'Office MFP',
      srv: { target: 'mfp.local', port: 80 },
      ipv4: ['192.168.1.20'],
      ipv6: [],
    });
  });

  it('asks for what is missing: SRV and TXT of a bare PTR, addresses of an SRV target', () => {
    const d = device('A', { host: 'a.local' });
    const records = new DnsSdRecords(ESCL_SERVICE_TYPES);
    records.addResponse(wire([d.ptr]));
    expect(records.missing()).toEqual([
      { name: 'A._uscan._tcp.local', type: 'SRV' },
      { name: 'A._uscan._tcp.local', type: 'TXT' },
    ]);
    records.addResponse(wire([d.srv, d.txt]));
    expect(records.missing()).toEqual([
      { name: 'a.local', type: 'A' },
      { name: 'a.local', type: 'AAAA' },
    ]);
  });

  it('compares names case-insensitively and forgets records said goodbye to (TTL 0)', () => {
    const d = device('Lobby');
    const records = new DnsSdRecords(ESCL_SERVICE_TYPES);
    records.addResponse(
      wire([{ ...d.ptr, name: '_USCAN._TCP.LOCAL' }, { ...d.srv, name: 'LOBBY._uscan._tcp.local' }, d.txt]),
    );
    records.addResponse(wire([{ ...d.addresses[0]!, name: 'MFP.local' } as Answer]));
    expect(records.instances()).toHaveLength(1);
    expect(records.instances()[0]!.ipv4).toEqual(['192.168.1.20']);
    records.addResponse(wire([{ ...d.ptr, ttl: 0 } as Answer]));
    expect(records.instances()).toEqual([]);
  });

  it('ignores other service types, PTRs pointing outside the type, and records of the wrong shape', () => {
    const records = new DnsSdRecords(ESCL_SERVICE_TYPES);
    records.addResponse(wire([{ name: '_ipp._tcp.local', type: 'PTR', data: 'Printer._ipp._tcp.local' }]));
    records.addResponse(
      wire([{ name: '_uscan._tcp.local', type: 'PTR', data: 'Elsewhere._ipp._tcp.local' }]),
    );
    records.addResponse(wire([{ name: '_uscan._tcp.local', type: 'PTR', data: '_uscan._tcp.local' }]));
    records.addResponse({
      answers: [
        null,
        42,
        { name: 'x', type: 'A', data: 'not an address' },
        { name: 'x', type: 'AAAA', data: '1.2.3.4' },
        { name: 'x._uscan._tcp.local', type: 'SRV', data: 'text' },
        { type: 'PTR', data: 'x' },
      ],
      additionals: 'nope',
    });
    records.addResponse(null);
    records.addResponse('garbage');
    expect(records.instances()).toEqual([]);
    expect(records.missing()).toEqual([]);
  });

  it('prefers the SRV of lowest priority, then highest weight', () => {
    const d = device('Multi');
    const records = new DnsSdRecords(ESCL_SERVICE_TYPES);
    const srv = (port: number, priority: number, weight: number) =>
      ({ ...d.srv, data: { port, target: 'mfp.local', priority, weight } }) as Answer;
    records.addResponse(wire([d.ptr, srv(1, 10, 0), srv(2, 0, 5), srv(3, 0, 50), d.txt, ...d.addresses]));
    expect(records.instances()[0]!.srv!.port).toBe(3);
  });
});

describe('an announcement as an eSCL scanner', () => {
  it('builds the URL, identity and capabilities from SRV, TXT and A', () => {
    const d = device('Office MFP (4F9A2B)', {
      port: 8080,
      txt: [
        'txtvers=1',
        'ty=HP Color LaserJet MFP M281fdw',
        'rs=/eSCL/',
        'UUID=urn:uuid:564E4333-4E30-3953-3835-A0D3C1F01E6B',
        'is=platen,adf,camera',
        'pdl=application/pdf,image/jpeg,bogus',
        'cs=grayscale,color',
        'duplex=T',
        'note=Second floor',
        'representation=http://192.168.1.20/ipp/images/printer.png',
      ],
    });
    const { scanners } = discover(wire(all(d)));
    expect(scanners).toEqual([
      {
        id: 'escl:http://192.168.1.20:8080/eSCL/',
        key: 'uuid:564e4333-4e30-3953-3835-a0d3c1f01e6b',
        uuid: '564e4333-4e30-3953-3835-a0d3c1f01e6b',
        name: 'Office MFP (4F9A2B)',
        makeAndModel: 'HP Color LaserJet MFP M281fdw',
        url: 'http://192.168.1.20:8080/eSCL/',
        secure: false,
        host: 'mfp.local',
        address: '192.168.1.20',
        port: 8080,
        sources: ['flatbed', 'adf'],
        formats: ['application/pdf', 'image/jpeg'],
        modes: ['color', 'gray'],
        duplex: true,
        note: 'Second floor',
        icon: 'http://192.168.1.20/ipp/images/printer.png',
        services: ['_uscan._tcp'],
        alternateUrls: ['http://mfp.local:8080/eSCL/'],
      },
    ]);
  });

  it('uses https for _uscans, drops the default port, and reads a missing rs as eSCL', () => {
    const d = device('Secure', { type: '_uscans._tcp', port: 443, txt: ['ty=X'] });
    const [s] = discover(wire(all(d))).scanners;
    expect(s).toMatchObject({ url: 'https://192.168.1.20/eSCL/', secure: true, services: ['_uscans._tcp'] });
  });

  it('prefers IPv4, and among those the address the answer came from; IPv6 only when routable', () => {
    const d = device('Dual', { a: ['10.0.0.9', '192.168.1.20'], aaaa: ['fe80::1', '2001:db8::20'] });
    const [s] = discover(wire(all(d))).scanners;
    expect(s!.address).toBe('192.168.1.20'); // the sender in discover()
    expect(s!.alternateUrls).toEqual([
      'http://10.0.0.9/eSCL/',
      'http://[2001:db8::20]/eSCL/',
      'http://mfp.local/eSCL/',
    ]);

    const v6 = device('V6', { a: [], aaaa: ['fe80::1', '2001:db8::20'] });
    expect(discover(wire(all(v6))).scanners[0]!.url).toBe('http://[2001:db8::20]/eSCL/');

    const linkLocal = device('LinkLocal', { a: [], aaaa: ['fe80::1'] });
    expect(discover(wire(all(linkLocal))).skipped).toEqual([
      { name: 'LinkLocal', service: '_uscan._tcp', reason: 'no address for mfp.local' },
    ]);
  });

  it('skips what cannot be a scanner, saying why, without throwing', () => {
    const noSrv = device('NoSrv', { host: 'nosrv.local' });
    const noAddr = device('NoAddr', { host: 'noaddr.local' });
    const badRs = device('BadRs', { host: 'badrs.local', txt: ['rs=a?b'] });
    const emptyRs = device('EmptyRs', { host: 'emptyrs.local', txt: ['rs='] });
    const port0 = device('Port0', { host: 'port0.local', port: 0 });
    const noTxt = device('NoTxt', { host: 'notxt.local' });
    const good = device('Good', { host: 'good.local' });
    const { scanners, skipped } = discover(
      wire([noSrv.ptr, noSrv.txt, ...noSrv.addresses]),
      wire([noAddr.ptr, noAddr.srv, noAddr.txt]),
      wire(all(badRs)),
      wire(all(emptyRs)),
      wire(all(port0)),
      wire([noTxt.ptr, noTxt.srv, ...noTxt.addresses]),
      wire(all(good)),
    );
    expect(scanners.map((s) => s.name)).toEqual(['Good']);
    expect(skipped).toEqual([
      { name: 'NoSrv', service: '_uscan._tcp', reason: 'no SRV record (no host and port)' },
      { name: 'NoAddr', service: '_uscan._tcp', reason: 'no address for noaddr.local' },
      { name: 'BadRs', service: '_uscan._tcp', reason: 'TXT rs "a?b" is not a path' },
      {
        name: 'EmptyRs',
        service: '_uscan._tcp',
        reason: 'TXT rs is empty: an eSCL root at the top of the server is not supported',
      },
      { name: 'Port0', service: '_uscan._tcp', reason: 'SRV port 0 is not a port' },
      { name: 'NoTxt', service: '_uscan._tcp', reason: 'no TXT record' },
    ]);
  });

  it('makes names from the network safe to print', () => {
    const d = device('Evil\u001b[2J\u0007 scanner', {
      txt: ['rs=eSCL', 'ty=\u001b]0;x\u0007Model', 'note=  a\n b '],
    });
    const [s] = discover(wire(all(d))).scanners;
    expect(s).toMatchObject({ name: 'Evil [2J scanner', makeAndModel: ']0;x Model', note: 'a b' });
  });

  it('normalizes UUIDs so one device compares equal however it writes it', () => {
    expect(normalizeUuid('564E4333-4E30-3953-3835-A0D3C1F01E6B')).toBe(
      '564e4333-4e30-3953-3835-a0d3c1f01e6b',
    );
    expect(normalizeUuid('urn:uuid:564e43334e3039533835a0d3c1f01e6b')).toBe(
      '564e4333-4e30-3953-3835-a0d3c1f01e6b',
    );
    expect(normalizeUuid('{564E4333-4E30-3953-3835-A0D3C1F01E6B}')).toBe(
      '564e4333-4e30-3953-3835-a0d3c1f01e6b',
    );
    expect(normalizeUuid('Serial-XY12')).toBe('serial-xy12');
    expect(normalizeUuid('')).toBeUndefined();
    expect(normalizeUuid(undefined)).toBeUndefined();
  });
});

describe('one entry per device', () => {
  const UUID = 'UUID=564e4333-4e30-3953-3835-a0d3c1f01e6b';

  it('merges a device announced under _uscan and _uscans into its HTTP entry', () => {
    const http = device('MFP', { txt: ['rs=eSCL', UUID, 'is=platen'] });
    const https = device('MFP', {
      type: '_uscans._tcp',
      port: 443,
      txt: ['rs=eSCL', UUID, 'is=adf', 'ty=M'],
    });
    const { scanners } = discover(wire(all(https)), wire(all(http)));
    const [s, ...rest] = dedupeEsclScanners(scanners);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      url: 'http://192.168.1.20/eSCL/',
      secure: false,
      services: ['_uscan._tcp', '_uscans._tcp'],
      sources: ['flatbed', 'adf'],
      makeAndModel: 'M',
    });
    expect(s!.alternateUrls).toContain('https://192.168.1.20/eSCL/');
  });

  it('keeps the IPv4 entry of a device heard over IPv4 and IPv6', () => {
    const v6 = device('MFP', { txt: ['rs=eSCL', UUID], a: [], aaaa: ['2001:db8::20'] });
    const v4 = device('MFP', { txt: ['rs=eSCL', UUID] });
    const found = [...discover(wire(all(v6))).scanners, ...discover(wire(all(v4))).scanners];
    expect(found).toHaveLength(2);
    const merged = dedupeEsclScanners(found);
    expect(merged.map((s) => s.url)).toEqual(['http://192.168.1.20/eSCL/']);
    expect(merged[0]!.alternateUrls).toContain('http://[2001:db8::20]/eSCL/');
  });

  it('treats two names at one URL as one device, and keeps different devices apart in a stable order', () => {
    const a = device('Scanner', { host: 'a.local' });
    const renamed = device('Scanner (2)', { host: 'a.local' });
    const other = device('Another', { host: 'b.local', a: ['192.168.1.30'] });
    const found = discover(wire(all(a)), wire(all(renamed)), wire(all(other))).scanners;
    expect(dedupeEsclScanners(found).map((s) => [s.name, s.url])).toEqual([
      ['Another', 'http://192.168.1.30/eSCL/'],
      ['Scanner', 'http://192.168.1.20/eSCL/'],
    ]);
  });
});

describe('settings', () => {
  it('reads BITIG_ESCL_DISCOVERY: on by default, off, or a list of interfaces; a typo is off', () => {
    expect(esclDiscoverySetting(undefined)).toEqual({ enabled: true });
    expect(esclDiscoverySetting('on')).toEqual({ enabled: true });
    expect(esclDiscoverySetting('off')).toEqual({
      enabled: false,
      reason: 'turned off (BITIG_ESCL_DISCOVERY=off)',
    });
    expect(esclDiscoverySetting('0')).toMatchObject({ enabled: false });
    expect(esclDiscoverySetting('192.168.1.10, 10.0.0.2')).toEqual({
      enabled: true,
      interfaces: ['192.168.1.10', '10.0.0.2'],
    });
    expect(esclDiscoverySetting('of')).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('"of"'),
    });
  });

  it('browses every non-loopback interface by its first IPv4 address', () => {
    const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
      ({ address, family, internal, netmask: '', mac: '', cidr: null }) as never;
    expect(
      mdnsInterfaces({
        lo: [nic('127.0.0.1', 'IPv4', true)],
        eth0: [nic('fe80::1', 'IPv6'), nic('192.168.1.10', 'IPv4'), nic('192.168.1.11', 'IPv4')],
        wlan0: [nic('10.0.0.2', 'IPv4')],
        tun0: [nic('fd00::2', 'IPv6')],
      }),
    ).toEqual(['192.168.1.10', '10.0.0.2']);
  });
});

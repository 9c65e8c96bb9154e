import { isIPv6 } from 'node:net';
import type { ColorMode, ScanSource } from '../scanner.js';
import type { DnsSdInstance } from './dns-sd-records.js';
import { parseTxt, type TxtAttributes, txtList, txtString } from './dns-sd-txt.js';
import { esclBaseUrl } from './escl-url.js';

/** eSCL over HTTP and over HTTPS (Mopria eSCL, Apple AirScan). */
export const ESCL_SERVICE_TYPES = ['_uscan._tcp', '_uscans._tcp'] as const;
export type EsclServiceType = (typeof ESCL_SERVICE_TYPES)[number];

/** An eSCL scanner found over mDNS, described by its own announcement (nothing fetched yet). */
export interface DiscoveredEsclScanner {
  /** `escl:<url>`, the same form as a configured scanner's id: what `openScanner()` and profiles take. */
  id: string;
  /**
   * The device itself, whatever address or service type it was reached by: `uuid:<UUID>` from its
   * TXT record, else `name:<instance name>`. Stays the same when DHCP gives it a new address.
   */
  key: string;
  uuid?: string;
  /** The instance name it announces (`Office MFP (4F9A2B)`), often set by the site. */
  name: string;
  /** TXT `ty`. */
  makeAndModel?: string;
  /** The eSCL root every request is relative to: `http://192.168.1.20:8080/eSCL/`. */
  url: string;
  /** Reached over HTTPS (`_uscans._tcp`). */
  secure: boolean;
  /** SRV target, e.g. `HP4F9A2B.local`. */
  host: string;
  address: string;
  port: number;
  /** TXT `is`: what it scans from. Empty when the device does not say. */
  sources: ScanSource[];
  /** TXT `pdl`: document formats, as MIME types. */
  formats: string[];
  /** TXT `cs`: color spaces. */
  modes: ColorMode[];
  /** TXT `duplex` (T/F), when given. */
  duplex?: boolean;
  /** TXT `note`: where the device is, as the site wrote it. */
  note?: string;
  /** TXT `representation`: an icon URL. */
  icon?: string;
  /** The service types it was announced under. */
  services: EsclServiceType[];
  /**
   * Other URLs the same device answers at (the other service type, its other addresses, its host
   * name), to recognise a configured address as this device.
   */
  alternateUrls: string[];
}

export interface SkippedAnnouncement {
  name: string;
  service: string;
  reason: string;
}

export type AnnouncementResult = { scanner: DiscoveredEsclScanner } | { skipped: SkippedAnnouncement };

const SOURCES: Record<string, ScanSource> = { platen: 'flatbed', adf: 'adf' };
const MODES: [string, ColorMode][] = [
  ['color', 'color'],
  ['grayscale', 'gray'],
  ['binary', 'lineart'],
];

/**
 * An announcement as a scanner, or why it cannot be one. Never throws: whatever a device on the
 * network sends (no SRV, no address, a TXT `rs` that is not a path) ends as `skipped`.
 *
 * The URL is built as sane-airscan builds it: scheme from the service type, the SRV port, `rs`
 * without its slashes as the root (absent: `eSCL`, empty: `/`). The address is IPv4 where there
 * is one, preferring one the device's answers came from; else a routable IPv6 address (a
 * link-local one would need a zone, which URLs cannot carry).
 */
export function esclFromAnnouncement(
  a: DnsSdInstance,
  senders: ReadonlySet<string> = new Set(),
): AnnouncementResult {
  const name = displayText(a.instance) || displayText(a.fqdn);
  const skip = (reason: string): AnnouncementResult => ({
    skipped: { name, service: a.serviceType, reason },
  });
  try {
    const service = ESCL_SERVICE_TYPES.find((t) => t === a.serviceType);
    if (!service) return skip(`not an eSCL service type`);
    if (!a.srv) return skip('no SRV record (no host and port)');
    const { port, target } = a.srv;
    if (!Number.isInteger(port) || port < 1 || port > 65535) return skip(`SRV port ${port} is not a port`);
    if (a.txt === undefined) return skip('no TXT record');
    const txt = parseTxt(a.txt);
    const root = resourcePath(txt);
    if (root === undefined) return skip(`TXT rs "${displayText(txtString(txt, 'rs') ?? '')}" is not a path`);
    // The driver takes a bare server root as the usual eSCL/ (escl-url.ts), so it could not reach it.
    if (root === '') return skip('TXT rs is empty: an eSCL root at the top of the server is not supported');
    const addresses = orderAddresses(a, senders);
    const address = addresses[0];
    if (!address) return skip(`no address for ${displayText(target) || 'its host'}`);
    const secure = service === '_uscans._tcp';
    const url = baseUrl(secure, address, port, root);
    if (!url) return skip(`no usable URL for ${address}:${port}`);
    const alternates = [...addresses.slice(1), ...(isHostName(target) ? [target] : [])]
      .map((h) => baseUrl(secure, h, port, root))
      .filter((u): u is string => u !== undefined && u !== url);
    const uuid = normalizeUuid(txtString(txt, 'uuid'));
    const makeAndModel = displayText(txtString(txt, 'ty') ?? '');
    const note = displayText(txtString(txt, 'note') ?? '');
    const icon = httpUrl(txtString(txt, 'representation'));
    const duplex = txtString(txt, 'duplex')?.toUpperCase();
    return {
      scanner: {
        id: `escl:${url}`,
        key: uuid ? `uuid:${uuid}` : `name:${a.instance.toLowerCase()}`,
        ...(uuid ? { uuid } : {}),
        name,
        ...(makeAndModel ? { makeAndModel } : {}),
        url,
        secure,
        host: target,
        address,
        port,
        sources: sourcesOf(txt),
        formats: txtList(txt, 'pdl')
          .map((f) => f.toLowerCase())
          .filter((f) => /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(f)),
        modes: modesOf(txt),
        ...(duplex === 'T' || duplex === 'F' ? { duplex: duplex === 'T' } : {}),
        ...(note ? { note } : {}),
        ...(icon ? { icon } : {}),
        services: [service],
        alternateUrls: [...new Set(alternates)],
      },
    };
  } catch (err) {
    return skip(`unreadable announcement: ${(err as Error).message}`);
  }
}

/**
 * TXT `rs` without leading and trailing slashes: `eSCL` when absent, `''` for the server's root,
 * undefined when it is not a plain path (a query, a fragment, `..`, a backslash, a scheme).
 */
export function resourcePath(txt: TxtAttributes): string | undefined {
  const rs = txt.get('rs');
  if (rs === undefined || rs === true) return 'eSCL';
  const trimmed = rs.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return '';
  const segments = trimmed.split('/');
  const plain = /^[A-Za-z0-9._~!$&'()*+,;=:@-]+$/;
  if (segments.some((s) => s === '.' || s === '..' || !plain.test(s))) return undefined;
  return trimmed;
}

function orderAddresses(a: DnsSdInstance, senders: ReadonlySet<string>): string[] {
  const heard = (ip: string) => (senders.has(ip) ? 0 : 1);
  const v4 = [...a.ipv4].sort((x, y) => heard(x) - heard(y));
  // fe80::/10 needs a zone (fe80::1%eth0) that URLs cannot hold.
  const v6 = a.ipv6.filter((ip) => !/^fe[89ab]/i.test(ip)).sort((x, y) => heard(x) - heard(y));
  return [...v4, ...v6];
}

function baseUrl(secure: boolean, host: string, port: number, root: string): string | undefined {
  try {
    const h = isIPv6(host) ? `[${host}]` : host;
    return esclBaseUrl(`${secure ? 'https' : 'http'}://${h}:${port}/${root}/`).href;
  } catch {
    return undefined;
  }
}

function isHostName(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(
    name,
  );
}

function sourcesOf(txt: TxtAttributes): ScanSource[] {
  const found = new Set(txtList(txt, 'is').map((s) => SOURCES[s.toLowerCase()]));
  return (['flatbed', 'adf'] as const).filter((s) => found.has(s));
}

function modesOf(txt: TxtAttributes): ColorMode[] {
  const found = new Set(txtList(txt, 'cs').map((s) => s.toLowerCase()));
  return MODES.filter(([cs]) => found.has(cs)).map(([, mode]) => mode);
}

/**
 * A UUID in its usual form (`urn:uuid:` and braces dropped, lower case, dashed) so that the same
 * device compares equal however it writes it; other non-empty identifiers are kept as written.
 */
export function normalizeUuid(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const text = displayText(raw)
    .replace(/^urn:uuid:/i, '')
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
  const hex = text.replace(/-/g, '');
  if (/^[0-9a-f]{32}$/.test(hex)) {
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return text || undefined;
}

function httpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text from the network made safe to show and print: control characters (a terminal escape in an
 * instance name) removed, whitespace collapsed, length bounded.
 */
export function displayText(raw: string): string {
  return (
    raw
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200)
  );
}

import { DnsSdRecords } from './dns-sd-records.js';
import {
  type DiscoveredEsclScanner,
  ESCL_SERVICE_TYPES,
  esclFromAnnouncement,
  type SkippedAnnouncement,
} from './escl-announcement.js';
import { dedupeEsclScanners } from './escl-dedup.js';
import { browseMdns, type MdnsSocketFactory } from './mdns-browser.js';
import { mdnsInterfaces } from './mdns-interfaces.js';

export type { DiscoveredEsclScanner, SkippedAnnouncement } from './escl-announcement.js';

/** Long enough for responders' 20–120 ms answer delay, a repeat and a round of follow-ups. */
export const DEFAULT_DISCOVERY_TIMEOUT_MS = 1500;

export interface EsclDiscoveryOptions {
  /** How long to listen; what was found by then is the answer. Default 1.5 s. */
  timeoutMs?: number;
  /** Aborting ends the browse early with what was found so far. */
  signal?: AbortSignal;
  /** IPv4 addresses of the interfaces to browse on; default every non-loopback interface's. */
  interfaces?: readonly string[];
  /** Tests: a fake socket instead of multicast-dns. */
  createSocket?: MdnsSocketFactory;
}

export interface EsclDiscoveryResult {
  /** One per device, stable order (name, then URL). */
  scanners: DiscoveredEsclScanner[];
  /** Announcements that could not be used, and why. */
  skipped: SkippedAnnouncement[];
  /** Set when no query could go out at all (no interface, port 5353 taken, no permission). */
  unavailable?: string;
  /** Interfaces a query went out on. */
  interfaces: string[];
  /** Trouble on some interfaces while others worked, for the log. */
  problems: string[];
  /** Datagrams on port 5353 that were not DNS. */
  malformedPackets: number;
}

/**
 * Finds eSCL (AirScan/Mopria) scanners on the local network: browses `_uscan._tcp` and
 * `_uscans._tcp` over mDNS for `timeoutMs`, asks for the SRV, TXT and addresses that did not come
 * with the answers, and turns each complete announcement into a scanner (escl-announcement.ts),
 * one per device (escl-dedup.ts).
 *
 * Never rejects and never throws: a bad announcement is skipped with its reason, and where
 * multicast cannot be used the answer is an empty list with `unavailable` saying why. Its sockets
 * are closed before it resolves.
 */
export async function discoverEsclScanners(options: EsclDiscoveryOptions = {}): Promise<EsclDiscoveryResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS;
  let interfaces: readonly string[];
  try {
    interfaces = options.interfaces ?? mdnsInterfaces();
  } catch (err) {
    return empty(`cannot list the network interfaces: ${(err as Error).message}`);
  }
  if (interfaces.length === 0) return empty('no network interface with an IPv4 address to browse on');

  const records = new DnsSdRecords(ESCL_SERVICE_TYPES);
  const browse = await browseMdns({
    questions: ESCL_SERVICE_TYPES.map((t) => ({ name: `${t}.local`, type: 'PTR' as const })),
    interfaces,
    timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    repeatAtMs: [Math.min(1000, Math.round(timeoutMs / 2))],
    onResponse: (packet, sender) => records.addResponse(packet, sender),
    followUp: () => records.missing(),
    ...(options.createSocket ? { createSocket: options.createSocket } : {}),
  });

  const found: DiscoveredEsclScanner[] = [];
  const skipped: SkippedAnnouncement[] = [];
  for (const instance of records.instances()) {
    const r = esclFromAnnouncement(instance, records.senders);
    if ('scanner' in r) found.push(r.scanner);
    else skipped.push(r.skipped);
  }
  const scanners = dedupeEsclScanners(found);
  const unavailable =
    browse.browsed.length === 0 && scanners.length === 0 && !options.signal?.aborted
      ? `mDNS could not be used: ${browse.problems.join('; ') || 'no query could be sent'}`
      : undefined;
  return {
    scanners,
    skipped,
    ...(unavailable ? { unavailable } : {}),
    interfaces: browse.browsed,
    problems: browse.problems,
    malformedPackets: browse.malformedPackets,
  };
}

function empty(unavailable: string): EsclDiscoveryResult {
  return { scanners: [], skipped: [], unavailable, interfaces: [], problems: [], malformedPackets: 0 };
}

import {
  DEFAULT_DISCOVERY_TIMEOUT_MS,
  type DiscoveredEsclScanner,
  discoverEsclScanners,
  type EsclDiscoveryOptions,
  type SkippedAnnouncement,
} from './escl/discovery.js';
import { ESCL_DISCOVERY_ENV, esclDiscoverySetting } from './escl/discovery-setting.js';
import { type EsclServiceType, normalizeUuid } from './escl/escl-announcement.js';
import { EsclScanner } from './escl/escl-scanner.js';
import { listSaneDevices, type SaneSessionOptions, saneSession, shutdownSane } from './sane/sane-library.js';
import type { ScanSource } from './scanner.js';
import { isScannerError } from './scanner-error.js';

/** How an eSCL scanner announced itself over mDNS (present only on scanners found that way). */
export interface EsclMdnsInfo {
  /** The instance name it announces. */
  name: string;
  /** `uuid:…` or `name:…`: the device whatever its address (see escl/escl-announcement.ts). */
  key: string;
  uuid?: string;
  secure: boolean;
  services: EsclServiceType[];
  note?: string;
  /** Also configured by address: then `id` and `url` are the configured ones. */
  configured: boolean;
}

export type EsclListingEntry = (
  | {
      id: string;
      url: string;
      reachable: true;
      makeAndModel?: string;
      sources: ScanSource[];
      formats: string[];
    }
  | { id: string; url: string; reachable: false; code: string; reason: string }
) & { mdns?: EsclMdnsInfo };

export interface ScannerListing {
  sane:
    | {
        available: true;
        devices: { id: string; name: string; vendor: string; model: string; type: string }[];
      }
    | { available: false; reason: string };
  /** Configured addresses first, in the order given, then scanners found over mDNS. */
  escl: EsclListingEntry[];
  discovery:
    | { enabled: false; reason: string }
    | {
        enabled: true;
        /** Devices found, configured ones included. */
        found: number;
        /** Interfaces the browse went out on. */
        interfaces: string[];
        timeoutMs: number;
        /** Why nothing could be browsed (no interface, port 5353 taken, no permission). */
        unavailable?: string;
        skipped: SkippedAnnouncement[];
      };
}

export interface ListScannersOptions {
  /** eSCL addresses to check (`http://host/eSCL/`). */
  escl?: string[];
  sane?: SaneSessionOptions;
  endSane?: boolean;
  /**
   * eSCL scanners announced over mDNS: the browse's options, or `false` to skip it. Left out, the
   * environment decides (`BITIG_ESCL_DISCOVERY`, see escl/discovery-setting.ts): by default every
   * interface is browsed for 1.5 s.
   */
  discovery?: EsclDiscoveryOptions | false;
}

/**
 * Every scanner this machine can use now: what SANE finds, each configured eSCL address and each
 * eSCL scanner announced over mDNS, all asked for their capabilities. A configured address that is
 * also announced is listed once, as configured, with what its announcement said.
 */
export async function listScanners(options: ListScannersOptions = {}): Promise<ScannerListing> {
  const plan = discoveryPlan(options.discovery);
  const [sane, configured, discovery] = await Promise.all([
    listSane(options),
    Promise.all((options.escl ?? []).map(probeEscl)),
    plan.enabled ? discoverEsclScanners(plan.options) : undefined,
  ]);
  const escl = configured.map((c) => c.entry);
  const extra: DiscoveredEsclScanner[] = [];
  for (const found of discovery?.scanners ?? []) {
    const match = configured.find((c) => isSameScanner(c, found));
    if (match) match.entry.mdns = mdnsInfo(found, true);
    else extra.push(found);
  }
  const probed = await Promise.all(
    extra.map(async (found) => {
      const { entry } = await probeEscl(found.url);
      if (entry.reachable && !entry.makeAndModel && found.makeAndModel)
        entry.makeAndModel = found.makeAndModel;
      return { ...entry, mdns: mdnsInfo(found, false) };
    }),
  );
  return {
    sane,
    escl: [...escl, ...probed],
    discovery: discovery
      ? {
          enabled: true,
          found: discovery.scanners.length,
          interfaces: discovery.interfaces,
          timeoutMs: plan.enabled ? (plan.options.timeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS) : 0,
          ...(discovery.unavailable ? { unavailable: discovery.unavailable } : {}),
          skipped: discovery.skipped,
        }
      : { enabled: false, reason: plan.enabled ? 'not run' : plan.reason },
  };
}

type DiscoveryPlan = { enabled: true; options: EsclDiscoveryOptions } | { enabled: false; reason: string };

function discoveryPlan(option: ListScannersOptions['discovery']): DiscoveryPlan {
  if (option === false) return { enabled: false, reason: 'turned off' };
  if (option) return { enabled: true, options: option };
  const setting = esclDiscoverySetting(process.env[ESCL_DISCOVERY_ENV]);
  if (!setting.enabled) return setting;
  return { enabled: true, options: setting.interfaces ? { interfaces: setting.interfaces } : {} };
}

/** The configured address is one the device announced, or the device's UUID is the same. */
function isSameScanner(configured: Probed, found: DiscoveredEsclScanner): boolean {
  const url = configured.entry.url;
  if (found.url === url || found.alternateUrls.includes(url)) return true;
  return configured.uuid !== undefined && configured.uuid === found.uuid;
}

function mdnsInfo(found: DiscoveredEsclScanner, configured: boolean): EsclMdnsInfo {
  return {
    name: found.name,
    key: found.key,
    ...(found.uuid ? { uuid: found.uuid } : {}),
    secure: found.secure,
    services: found.services,
    ...(found.note ? { note: found.note } : {}),
    configured,
  };
}

async function listSane(options: {
  sane?: SaneSessionOptions;
  endSane?: boolean;
}): Promise<ScannerListing['sane']> {
  try {
    const session = saneSession(options.sane);
    try {
      const devices = await listSaneDevices(session);
      return { available: true, devices: devices.map((d) => ({ id: `sane:${d.name}`, ...d })) };
    } finally {
      if (options.endSane) shutdownSane(session);
    }
  } catch (err) {
    if (isScannerError(err)) return { available: false, reason: err.message };
    throw err;
  }
}

interface Probed {
  entry: EsclListingEntry;
  /** From ScannerCapabilities, to recognise the device when it is also announced. */
  uuid?: string;
}

async function probeEscl(url: string): Promise<Probed> {
  let scanner: EsclScanner;
  try {
    scanner = new EsclScanner(url, {
      timeoutMs: 5000,
      retry: { attempts: 2, initialDelayMs: 250, maxDelayMs: 250 },
    });
  } catch (err) {
    return {
      entry: {
        id: `escl:${url}`,
        url,
        reachable: false,
        code: 'unavailable',
        reason: (err as Error).message,
      },
    };
  }
  try {
    const caps = await scanner.esclCapabilities();
    const general = await scanner.capabilities();
    const uuid = normalizeUuid(caps.uuid);
    return {
      entry: {
        id: scanner.id,
        url: scanner.client.base.href,
        reachable: true,
        ...(caps.makeAndModel ? { makeAndModel: caps.makeAndModel } : {}),
        sources: general.sources,
        formats: general.formats,
      },
      ...(uuid ? { uuid } : {}),
    };
  } catch (err) {
    const code = isScannerError(err) ? err.code : 'protocol';
    return {
      entry: {
        id: scanner.id,
        url: scanner.client.base.href,
        reachable: false,
        code,
        reason: (err as Error).message,
      },
    };
  }
}

import { EsclScanner } from './escl/escl-scanner.js';
import { listSaneDevices, type SaneSessionOptions, saneSession, shutdownSane } from './sane/sane-library.js';
import type { ScanSource } from './scanner.js';
import { isScannerError } from './scanner-error.js';

export interface ScannerListing {
  sane:
    | {
        available: true;
        devices: { id: string; name: string; vendor: string; model: string; type: string }[];
      }
    | { available: false; reason: string };
  escl: (
    | {
        id: string;
        url: string;
        reachable: true;
        makeAndModel?: string;
        sources: ScanSource[];
        formats: string[];
      }
    | { id: string; url: string; reachable: false; code: string; reason: string }
  )[];
}

/**
 * Every scanner this machine can use now: what SANE finds and each configured eSCL address,
 * asked for its capabilities. mDNS discovery of eSCL devices is not done here; sane-airscan, when
 * installed, finds them and they show up among the SANE devices.
 */
export async function listScanners(
  options: { escl?: string[]; sane?: SaneSessionOptions; endSane?: boolean } = {},
): Promise<ScannerListing> {
  const [sane, escl] = await Promise.all([
    listSane(options),
    Promise.all((options.escl ?? []).map(probeEscl)),
  ]);
  return { sane, escl };
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

async function probeEscl(url: string): Promise<ScannerListing['escl'][number]> {
  let scanner: EsclScanner;
  try {
    scanner = new EsclScanner(url, {
      timeoutMs: 5000,
      retry: { attempts: 2, initialDelayMs: 250, maxDelayMs: 250 },
    });
  } catch (err) {
    return { id: `escl:${url}`, url, reachable: false, code: 'unavailable', reason: (err as Error).message };
  }
  try {
    const caps = await scanner.esclCapabilities();
    const general = await scanner.capabilities();
    return {
      id: scanner.id,
      url: scanner.client.base.href,
      reachable: true,
      ...(caps.makeAndModel ? { makeAndModel: caps.makeAndModel } : {}),
      sources: general.sources,
      formats: general.formats,
    };
  } catch (err) {
    const code = isScannerError(err) ? err.code : 'protocol';
    return {
      id: scanner.id,
      url: scanner.client.base.href,
      reachable: false,
      code,
      reason: (err as Error).message,
    };
  }
}

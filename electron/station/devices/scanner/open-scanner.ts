import type { EsclDiscoveryOptions } from './escl/discovery.js';
import { ESCL_UUID_PREFIX, EsclByUuidScanner } from './escl/escl-by-uuid.js';
import type { EsclClientOptions } from './escl/escl-client.js';
import { EsclScanner } from './escl/escl-scanner.js';
import { type SaneSessionOptions, saneSession } from './sane/sane-library.js';
import { SaneScanner } from './sane/sane-scanner.js';
import type { Scanner } from './scanner.js';
import { ScannerError } from './scanner-error.js';

export interface OpenScannerOptions {
  sane?: SaneSessionOptions;
  escl?: EsclClientOptions;
  /** For `escl-uuid:` scanners: how the network is browsed for them. */
  discovery?: EsclDiscoveryOptions;
}

/**
 * The scanner a profile's `device` names: `sane:<SANE device>` (e.g. `sane:test:0`,
 * `sane:airscan:e0:Office`), `escl:<URL>`, or `escl-uuid:<UUID>` (a network scanner found over
 * mDNS, looked up by the UUID it announces, wherever it is now). Opening is lazy: nothing talks to the device until
 * `capabilities()` or `scan()`. Throws `unavailable` for SANE where the addon is not built.
 */
export function openScanner(device: string, options: OpenScannerOptions = {}): Scanner {
  if (device.startsWith('sane:'))
    return new SaneScanner(saneSession(options.sane), device.slice('sane:'.length));
  if (device.startsWith(ESCL_UUID_PREFIX))
    return new EsclByUuidScanner(device.slice(ESCL_UUID_PREFIX.length), {
      ...(options.escl ? { escl: options.escl } : {}),
      ...(options.discovery ? { discovery: options.discovery } : {}),
    });
  if (device.startsWith('escl:')) {
    try {
      return new EsclScanner(device.slice('escl:'.length), options.escl);
    } catch (err) {
      throw new ScannerError('unavailable', `not an eSCL address: ${device}`, { cause: err });
    }
  }
  throw new ScannerError(
    'unavailable',
    `unknown scanner '${device}' (expected sane:…, escl:… or escl-uuid:…)`,
  );
}

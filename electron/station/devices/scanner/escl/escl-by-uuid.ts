import type { ScanProfile, ScanProfileInput } from '../profile.js';
import type { PageHandler, ScanEvents, Scanner, ScannerCapabilities, ScanResult } from '../scanner.js';
import { ScannerError } from '../scanner-error.js';
import { discoverEsclScanners, type EsclDiscoveryOptions } from './discovery.js';
import { ESCL_DISCOVERY_ENV, type EsclDiscoverySetting, esclDiscoverySetting } from './discovery-setting.js';
import type { EsclClientOptions } from './escl-client.js';
import { EsclScanner } from './escl-scanner.js';

/** The id of a network scanner that keeps working when DHCP moves it: `escl-uuid:<UUID>`. */
export const ESCL_UUID_PREFIX = 'escl-uuid:';

export interface EsclByUuidOptions {
  escl?: EsclClientOptions;
  /**
   * How to browse. Interfaces given here are the caller's explicit choice (as the command's
   * `--discover-on`); otherwise the site's `BITIG_ESCL_DISCOVERY` setting decides.
   */
  discovery?: EsclDiscoveryOptions;
  /** The environment holding `BITIG_ESCL_DISCOVERY` (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/**
 * An eSCL scanner named by the UUID it announces over mDNS rather than by its address: a scan
 * profile saved with it still finds the scanner after the network gives it another address.
 * The address is looked up at the first `capabilities()` or `scan()` (one browse, 1.5 s at most),
 * then everything goes to an `EsclScanner` at that address.
 */
export class EsclByUuidScanner implements Scanner {
  readonly driver = 'escl' as const;
  readonly id: string;
  readonly #uuid: string;
  readonly #o: EsclByUuidOptions;
  #resolved: Promise<EsclScanner> | null = null;
  #scanner: EsclScanner | null = null;
  readonly #abort = new AbortController();

  constructor(uuid: string, options: EsclByUuidOptions = {}) {
    this.#uuid = uuid.trim().toLowerCase();
    if (this.#uuid === '') throw new ScannerError('unavailable', 'an eSCL scanner id needs a UUID');
    this.id = `${ESCL_UUID_PREFIX}${this.#uuid}`;
    this.#o = options;
  }

  async capabilities(): Promise<ScannerCapabilities> {
    return (await this.#resolve()).capabilities();
  }

  async scan(
    profile: ScanProfile | ScanProfileInput,
    onPage: PageHandler,
    events?: ScanEvents,
  ): Promise<ScanResult> {
    const scanner = await this.#resolve();
    // The profile names this scanner by its UUID; the one at the address is asked under its own id.
    const device = profile.device === this.id ? scanner.id : profile.device;
    return scanner.scan({ ...profile, device }, onPage, events);
  }

  cancel(): void {
    this.#abort.abort();
    this.#scanner?.cancel();
  }

  async close(): Promise<void> {
    this.#abort.abort();
    await this.#scanner?.close();
  }

  /** The address this scanner was found at, once it was (for logs and the screens). */
  get url(): string | undefined {
    return this.#scanner?.client.base.href;
  }

  #resolve(): Promise<EsclScanner> {
    this.#resolved ??= this.#find().catch((err: unknown) => {
      // A later call browses again: the scanner may be back on the network by then.
      this.#resolved = null;
      throw err;
    });
    return this.#resolved;
  }

  async #find(): Promise<EsclScanner> {
    const setting: EsclDiscoverySetting = this.#o.discovery?.interfaces
      ? { enabled: true }
      : esclDiscoverySetting((this.#o.env ?? process.env)[ESCL_DISCOVERY_ENV]);
    if (!setting.enabled)
      throw new ScannerError(
        'unavailable',
        `the scanner ${this.#uuid} is named by its UUID, which is looked up on the network, but discovery is ${setting.reason}; configure it by address (escl:<URL>) instead`,
      );
    const result = await discoverEsclScanners({
      ...(setting.interfaces ? { interfaces: setting.interfaces } : {}),
      ...this.#o.discovery,
      signal: this.#abort.signal,
    });
    if (this.#abort.signal.aborted)
      throw new ScannerError('cancelled', 'cancelled while looking for the scanner');
    const found = result.scanners.find((s) => s.uuid === this.#uuid);
    if (!found) {
      const why = result.unavailable ? ` (${result.unavailable})` : '';
      throw new ScannerError(
        'unavailable',
        `the scanner ${this.#uuid} did not answer on the network${why}: is it switched on and on this network?`,
      );
    }
    this.#scanner = new EsclScanner(found.url, this.#o.escl);
    return this.#scanner;
  }
}

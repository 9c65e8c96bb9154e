import { ScannerError } from '../scanner-error.js';
import { loadSaneAddon } from './addon-loader.js';
import type { SaneAddon, SaneDeviceInfo, SaneVersion } from './addon-types.js';
import { SaneDevice } from './sane-device.js';
import { asSaneError, saneToScannerError } from './sane-error.js';

export interface SaneSession {
  addon: SaneAddon;
  version: SaneVersion;
}

export interface SaneSessionOptions {
  /** A private SANE configuration folder (SANE_CONFIG_DIR): it must be set before SANE starts. */
  configDir?: string;
  /** The addon file, for tests; by default native/sane/build/Release/sane.node. */
  addonFile?: string;
}

/**
 * SANE is initialised once per process and stays up: backends are slow to start (USB probing,
 * network discovery) and sane_exit would close every device another part of the app holds.
 * Throws `unavailable` where the addon is not built or libsane is missing.
 */
export function saneSession(options: SaneSessionOptions = {}): SaneSession {
  const loaded = loadSaneAddon(options.addonFile);
  if (!loaded.available) throw new ScannerError('unavailable', loaded.reason);
  try {
    const version = loaded.addon.init(
      options.configDir === undefined ? {} : { configDir: options.configDir },
    );
    return { addon: loaded.addon, version };
  } catch (err) {
    throw saneToScannerError(err);
  }
}

/** Devices SANE sees now. `localOnly` skips network backends (net, airscan's discovery). */
export async function listSaneDevices(session: SaneSession, localOnly = false): Promise<SaneDeviceInfo[]> {
  try {
    return await session.addon.getDevices(localOnly);
  } catch (err) {
    throw saneToScannerError(err);
  }
}

export async function openSaneDevice(session: SaneSession, name: string): Promise<SaneDevice> {
  try {
    return await SaneDevice.open(session.addon, name);
  } catch (err) {
    // sane_open answers INVAL for a device name no backend knows.
    if (asSaneError(err)?.code === 'invalid') {
      throw new ScannerError('unavailable', `no SANE device named '${name}'`, {
        cause: err,
        detail: 'SANE_STATUS_INVAL',
      });
    }
    throw saneToScannerError(err);
  }
}

/** Ends SANE for this process (tests, and `bitig scanners list` before it exits). */
export function shutdownSane(session: SaneSession): void {
  try {
    session.addon.exit();
  } catch (err) {
    throw saneToScannerError(err);
  }
}

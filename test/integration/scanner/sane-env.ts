import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSaneAddon } from '../../../electron/station/devices/scanner/sane/addon-loader.js';

const HEADER_DIRS = ['/usr/include', '/usr/local/include', '/opt/homebrew/include', '/opt/local/include'];
const TEST_CONF = [
  '/etc/sane.d/test.conf',
  '/usr/local/etc/sane.d/test.conf',
  '/opt/homebrew/etc/sane.d/test.conf',
];

/**
 * Why the SANE tests cannot run here, or undefined when they can. Only a missing component skips
 * them: no libsane headers (so the addon cannot be built) or no test backend. With the headers
 * present, an unbuilt addon is a failure, not a skip.
 */
export function saneSkipReason(): string | undefined {
  if (process.platform === 'win32') return 'SANE is not used on Windows';
  const header = HEADER_DIRS.some((d) => fs.existsSync(path.join(d, 'sane', 'sane.h')));
  const addon = loadSaneAddon();
  if (!addon.available && !header) return 'libsane-dev is not installed, so the SANE addon is not built';
  if (!TEST_CONF.some((f) => fs.existsSync(f)))
    return "SANE's test backend is not installed (test.conf missing)";
  return undefined;
}

export function requireAddonBuilt(): void {
  const addon = loadSaneAddon();
  if (!addon.available)
    throw new Error(`${addon.reason}. libsane-dev is installed: build it with node scripts/build-native.mjs`);
}

/**
 * A private SANE configuration with only the test backend (Debian ships it disabled): dll.conf
 * naming `test`, and the system's test.conf. SANE_CONFIG_DIR without a trailing ':' keeps
 * /etc/sane.d out.
 */
export function makeTestBackendConfig(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-sane-'));
  fs.writeFileSync(path.join(dir, 'dll.conf'), 'test\n');
  const conf = TEST_CONF.find((f) => fs.existsSync(f));
  if (conf) fs.copyFileSync(conf, path.join(dir, 'test.conf'));
  return dir;
}

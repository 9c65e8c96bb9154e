import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../../../package-root.js';
import type { SaneAddon } from './addon-types.js';

export type SaneAvailability =
  | { available: true; addon: SaneAddon; file: string }
  | { available: false; reason: string };

/** Where `node scripts/build-native.mjs` leaves the addon, from source and from the dist/ bundle alike. */
export function defaultAddonFile(root: string = packageRoot()): string {
  return path.join(root, 'native', 'sane', 'build', 'Release', 'sane.node');
}

let cached: SaneAvailability | undefined;

/**
 * Loads the SANE addon on first use. Scanners via SANE are optional: where libsane-dev was missing
 * at install, or on Windows, this says why instead of throwing, and the rest of the app runs.
 * `file` is for tests; the default location is loaded once and remembered.
 */
export function loadSaneAddon(file?: string): SaneAvailability {
  if (file === undefined && cached) return cached;
  const result = load(file);
  if (file === undefined) cached = result;
  return result;
}

function load(file: string | undefined): SaneAvailability {
  if (process.platform === 'win32')
    return { available: false, reason: 'SANE not available: not used on Windows' };
  let target: string;
  try {
    target = file ?? defaultAddonFile();
  } catch (err) {
    return { available: false, reason: `SANE not available: ${(err as Error).message}` };
  }
  if (!fs.existsSync(target)) {
    return {
      available: false,
      reason: `SANE not available: the scanner addon is not built (${target}); install libsane-dev and run node scripts/build-native.mjs`,
    };
  }
  try {
    // createRequire from the addon's own path: works in the ESM sources and in the CommonJS bundle.
    const addon = createRequire(target)(target) as SaneAddon;
    return { available: true, addon, file: target };
  } catch (err) {
    // Typically libsane.so.1 missing at run time although the addon was built elsewhere.
    return { available: false, reason: `SANE not available: ${(err as Error).message.split('\n')[0]}` };
  }
}

import fs from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { available: true; path: string } | { available: false; reason: string };

/**
 * Finds Electron's executable without loading the electron package: since Electron 42 loading it
 * downloads the binary on first use, which hangs or fails on machines without internet access.
 * We only look at what is on disk, so `npm start` decides at once.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
    return { available: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return fs.existsSync(candidate)
      ? { available: true, path: candidate }
      : { available: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path.basename(candidate)}` };
  }
  if (!relative) return { available: false, reason: "Electron's binary has not been downloaded" };
  const executable = path.join(pkgDir, 'dist', relative);
  return fs.existsSync(executable)
    ? { available: true, path: executable }
    : { available: false, reason: `Electron's binary is missing (${executable})` };
}

import os from 'node:os';
import path from 'node:path';

const APP_DIR_NAME = 'Bitig';

/**
 * Where the station keeps its database and files: `BITIG_DATA_DIR` when set, otherwise the OS's
 * per-user app-data folder, the same folder Electron's `app.getPath('userData')` gives, so the
 * desktop and web hosts share one station.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.BITIG_DATA_DIR) return path.resolve(env.BITIG_DATA_DIR);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
  }
}

export const DATABASE_FILE = 'bitig.sqlite';

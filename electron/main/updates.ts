/**
 * Automatic updates for packaged builds. Stations are often offline or behind a library's proxy, so
 * every failure here is logged and forgotten: an update check must never take the station down.
 */
import type { AppUpdater } from 'electron-updater';

export type Updater = Pick<AppUpdater, 'on' | 'checkForUpdatesAndNotify'>;

/**
 * `getUpdater` is a function because electron-updater builds its updater when first touched, and
 * that must not happen in development runs.
 */
export function startAutoUpdates(
  packaged: boolean,
  getUpdater: () => Updater,
  log: (message: string, err?: unknown) => void,
): void {
  if (!packaged) return;
  try {
    const updater = getUpdater();
    // An EventEmitter 'error' with no listener throws; electron-updater emits one when offline.
    updater.on('error', (err) => log('update check failed', err));
    updater.checkForUpdatesAndNotify().catch((err: unknown) => log('update check failed', err));
  } catch (err) {
    log('update check failed', err);
  }
}

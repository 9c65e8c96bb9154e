/**
 * One Bitig per user session: two processes would open the same database and drive the same
 * scanner or RFID pad. A second launch (a double-click, a kiosk autostart firing twice) quits at
 * once and brings the running window forward instead.
 */
import type { App, BrowserWindow } from 'electron';

/** Returns false when another instance holds the lock; this process is then already quitting. */
export function acquireSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  currentWindow: () => BrowserWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = currentWindow();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}

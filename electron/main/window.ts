/**
 * The app's one window, in the shape its role needs: a locked-down full-screen kiosk for patrons, or
 * an ordinary resizable window for the digitization operator (and for first-run setup, before a role
 * is chosen).
 */
import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import type { Role } from '../station/contract/index.js';
import { type KioskOptions, lockDownKiosk } from './kiosk.js';
import { APP_ENTRY_URL } from './origin.js';
import { secureWebPreferences } from './security.js';

export type WindowMode = 'kiosk' | 'station';

/** Not yet set up is an operator at the keyboard, so it gets the ordinary window. */
export function windowModeFor(role: Role | null): WindowMode {
  return role === 'kiosk' ? 'kiosk' : 'station';
}

export interface MainWindowOptions {
  role: Role | null;
  /** `app.isPackaged`: developer tools only in an unpackaged operator build. */
  packaged: boolean;
  /** Absolute path to the built preload. */
  preload: string;
  kiosk?: KioskOptions;
  platform?: NodeJS.Platform;
  log?: (message: string, err?: unknown) => void;
}

/**
 * The operator's menu: editing (on macOS the Edit menu is what makes Cmd+C/V work), zoom for
 * small screens, and reload/devtools only in development. The kiosk has no menu at all.
 */
export function stationMenuTemplate(
  packaged: boolean,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!packaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const mode = windowModeFor(options.role);
  const log = options.log ?? (() => {});
  const common = {
    title: 'Bitig',
    show: false,
    backgroundColor: '#ffffff',
  };
  const win =
    mode === 'kiosk'
      ? new BrowserWindow({
          ...common,
          kiosk: true,
          fullscreen: true,
          frame: false,
          autoHideMenuBar: true,
          webPreferences: secureWebPreferences({ preload: options.preload, devTools: false }),
        })
      : new BrowserWindow({
          ...common,
          width: 1280,
          height: 800,
          minWidth: 1024,
          minHeight: 640,
          webPreferences: secureWebPreferences({ preload: options.preload, devTools: !options.packaged }),
        });

  if (mode === 'kiosk') {
    // No menu means no menu accelerators either (Cmd+Q, Cmd+W, reload) on any platform.
    Menu.setApplicationMenu(null);
    win.setMenuBarVisibility(false);
    lockDownKiosk(win, { ...options.kiosk, log: options.kiosk?.log ?? ((m) => log(m)) });
  } else {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(stationMenuTemplate(options.packaged, options.platform ?? process.platform)),
    );
  }

  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => log('the UI did not load', err));
  return win;
}

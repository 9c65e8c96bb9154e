/**
 * Keeps the app's one window in the mode its role needs. Choosing "kiosk" at first run (or an admin
 * changing the role later) replaces the ordinary window by a locked-down one, and back.
 */
import type { BrowserWindow, WebContents } from 'electron';
import type { Role } from '../station/contract/index.js';
import type { EventHub } from '../station/events.js';
import { forwardEvents } from './ipc.js';
import { createMainWindow, type MainWindowOptions, type WindowMode, windowModeFor } from './window.js';

export interface WindowControllerOptions {
  events: Pick<EventHub, 'on'>;
  packaged: boolean;
  preload: string;
  log?: (message: string, err?: unknown) => void;
  create?: (options: MainWindowOptions) => BrowserWindow;
}

export interface WindowController {
  current(): BrowserWindow | null;
  /** True for the webContents of the window currently shown: the only one trusted over IPC. */
  owns(contents: WebContents): boolean;
  /** Shows a window for `role`, replacing the current one only when the mode differs. */
  show(role: Role | null): BrowserWindow;
}

export function createWindowController(options: WindowControllerOptions): WindowController {
  const create = options.create ?? createMainWindow;
  let current: { win: BrowserWindow; mode: WindowMode } | null = null;

  const live = () => (current && !current.win.isDestroyed() ? current : null);

  return {
    current: () => live()?.win ?? null,
    owns: (contents) => live()?.win.webContents === contents,
    show(role) {
      const mode = windowModeFor(role);
      const previous = live();
      if (previous && previous.mode === mode) return previous.win;
      const win = create({ role, packaged: options.packaged, preload: options.preload, log: options.log });
      const entry = { win, mode };
      current = entry;
      const stopEvents = forwardEvents(options.events, win.webContents);
      win.on('closed', () => {
        stopEvents();
        if (current === entry) current = null;
      });
      // The new window exists before the old one goes, so 'window-all-closed' (quit) never fires.
      // destroy(), not close(): a kiosk window may refuse to close, and this one must go.
      previous?.win.destroy();
      return win;
    },
  };
}

/**
 * The composition of the desktop app: which piece starts when. Everything here runs in Electron's
 * main process; every piece it wires lives in its own module and is tested on its own, and this
 * order is tested with fakes of Electron (test/unit/electron/startup.test.ts).
 */
import path from 'node:path';
import { app, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { Station } from '../station/station.js';
import { createSenderCheck, registerContract } from './ipc.js';
import { openFileWith } from './open-file.js';
import { openStationOrExit, resolveDataDir, resolveSqliteBinding } from './open-station.js';
import { handleAppProtocol, registerAppScheme } from './protocol.js';
import { createSecretBox } from './safe-storage-box.js';
import { hardenSession, installSecurity } from './security.js';
import { acquireSingleInstance } from './single-instance.js';
import { startAutoUpdates } from './updates.js';
import { createWindowController, type WindowController } from './window-controller.js';

export type Log = (message: string, err?: unknown) => void;

const defaultLog: Log = (message, err) => {
  if (err === undefined) console.error(`[bitig] ${message}`);
  else console.error(`[bitig] ${message}:`, err);
};

/** Where the build puts things, relative to the app's root (the asar archive when packaged). */
export function appFiles(appPath: string): { preload: string; renderer: string } {
  return {
    preload: path.join(appPath, 'dist', 'main', 'preload.cjs'),
    renderer: path.join(appPath, 'dist', 'renderer'),
  };
}

export interface Running {
  station: Station;
  windows: WindowController;
}

export interface BootOptions {
  env?: NodeJS.ProcessEnv;
  resourcesPath?: string;
  log?: Log;
}

/**
 * Starts the desktop app. Resolves with the running station and its window controller, or null
 * when this process quit instead (another instance runs, or the database could not be opened).
 */
export function boot(options: BootOptions = {}): Promise<Running | null> {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  let windows: WindowController | null = null;

  if (!acquireSingleInstance(app, () => windows?.current() ?? null)) return Promise.resolve(null);

  // Both must happen before 'ready': scheme privileges are fixed at startup, and hardening has to
  // be in place before the first webContents exists.
  registerAppScheme(protocol);
  installSecurity(app);
  // Kiosk and operator station alike: no window means no app (also on macOS).
  app.on('window-all-closed', () => app.quit());

  return app.whenReady().then(() => {
    const packaged = app.isPackaged;
    const dataDir = resolveDataDir(env, app);
    const station = openStationOrExit(
      {
        dataDir,
        secrets: createSecretBox(safeStorage, dataDir),
        host: 'electron',
        sqliteBinding: resolveSqliteBinding(packaged, options.resourcesPath ?? process.resourcesPath),
        openFile: openFileWith(shell),
        log,
      },
      { app, dialog },
    );
    if (!station) return null;

    const files = appFiles(app.getAppPath());
    hardenSession(session.defaultSession);
    handleAppProtocol(protocol, files.renderer);

    const controller = createWindowController({
      events: station.events,
      packaged,
      preload: files.preload,
      log,
    });
    windows = controller;
    const isTrusted = createSenderCheck((contents) => controller.owns(contents));
    const unregister = registerContract(ipcMain, station, isTrusted, log);

    controller.show(station.settings.get().role);
    station.start().catch((err) => log('background services did not start', err));
    // Deferred: the change is announced from inside the window's own IPC call, and that call should
    // get its answer before the window it came from is replaced.
    let quitting = false;
    const stopWatchingRole = station.events.on('settings.changed', (settings) => {
      setImmediate(() => {
        if (!quitting) controller.show(settings.role);
      });
    });

    // The first will-quit holds the quit until the station has closed (replay connections wound
    // down, the database closed); the quit it then asks for passes straight through.
    let closing: Promise<void> | null = null;
    app.on('will-quit', (event?: { preventDefault(): void }) => {
      if (closing) return;
      event?.preventDefault();
      quitting = true;
      stopWatchingRole();
      unregister();
      closing = station
        .close()
        .catch((err) => log('the station did not close cleanly', err))
        .finally(() => app.quit());
    });

    startAutoUpdates(packaged, () => autoUpdater, log);
    return { station, windows: controller };
  });
}

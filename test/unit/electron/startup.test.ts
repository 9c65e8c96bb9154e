import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  openStationOrExit,
  resolveDataDir,
  resolveSqliteBinding,
  SQLITE_BINDING_RELATIVE,
} from '../../../electron/main/open-station.js';
import { acquireSingleInstance } from '../../../electron/main/single-instance.js';
import { boot, type Running } from '../../../electron/main/startup.js';
import { languageFromLocales } from '../../../electron/main/startup-messages.js';
import { startAutoUpdates } from '../../../electron/main/updates.js';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL, type Result } from '../../../electron/station/contract/index.js';
import { electronFake, FakeBrowserWindow, ipcEvent, resetElectronFake } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).electronFake);

const updater = vi.hoisted(() => {
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  const emitter = new EventEmitter();
  return Object.assign(emitter, {
    checkForUpdatesAndNotify: (() => Promise.resolve(null)) as (...args: unknown[]) => Promise<unknown>,
  });
});
vi.mock('electron-updater', () => ({ autoUpdater: updater }));

const app = electronFake.app;
const INDEX = '<!doctype html><title>Bitig</title>';
let dir: string;
let running: Running | null = null;

beforeEach(() => {
  resetElectronFake();
  updater.removeAllListeners();
  updater.checkForUpdatesAndNotify = vi.fn(() => Promise.resolve(null));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-startup-'));
  app.appPath = path.join(dir, 'app');
  fs.mkdirSync(path.join(app.appPath, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(app.appPath, 'dist', 'renderer', 'index.html'), INDEX);
  app.userData = path.join(dir, 'userData');
});

afterEach(() => {
  // will-quit closes the station, as on a real quit.
  app.emit('will-quit');
  running = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

const log = vi.fn();
const env = () => ({ BITIG_DATA_DIR: path.join(dir, 'data') });

async function started(options: Parameters<typeof boot>[0] = {}): Promise<Running> {
  running = await boot({ env: env(), resourcesPath: path.join(dir, 'resources'), log, ...options });
  expect(running).not.toBeNull();
  return running!;
}

function call(win: FakeBrowserWindow, method: string, input: unknown): Promise<Result<unknown>> {
  return electronFake.ipcMain.invoke(IPC_CALL_PREFIX + method, ipcEvent(win.webContents), input) as Promise<
    Result<unknown>
  >;
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('single instance', () => {
  it('quits a second instance before anything starts', async () => {
    app.gotLock = false;
    await expect(boot({ env: env(), log })).resolves.toBeNull();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('brings the running window forward when a second instance starts', () => {
    const win = new FakeBrowserWindow();
    win.minimized = true;
    expect(acquireSingleInstance(app as never, () => win as never)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, [], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });
});

describe('where the station lives', () => {
  it('uses BITIG_DATA_DIR when set, else userData', () => {
    expect(resolveDataDir({ BITIG_DATA_DIR: '/srv/bitig' }, app as never)).toBe(path.resolve('/srv/bitig'));
    expect(resolveDataDir({}, app as never)).toBe(app.userData);
    expect(app.getPath).toHaveBeenCalledWith('userData');
  });

  it('uses the shipped Electron-ABI SQLite binary only when packaged and present', () => {
    const file = path.join('/res', SQLITE_BINDING_RELATIVE);
    expect(resolveSqliteBinding(true, '/res', (f) => f === file)).toBe(file);
    expect(resolveSqliteBinding(true, '/res', () => false)).toBeUndefined();
    expect(resolveSqliteBinding(false, '/res', () => true)).toBeUndefined();
    expect(resolveSqliteBinding(true, undefined, () => true)).toBeUndefined();
  });
});

describe('a database that cannot be opened', () => {
  it('is explained in a dialog, exits with 1, and is left untouched', () => {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const file = path.join(dataDir, 'bitig.sqlite');
    const garbage = Buffer.from('this is not a database, but it may be someone’s queue');
    fs.writeFileSync(file, garbage);
    const station = openStationOrExit({ dataDir, host: 'electron', log }, electronFake as never);
    expect(station).toBeNull();
    expect(electronFake.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, message] = electronFake.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toMatch(/Bitig/);
    expect(message).toContain(file);
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(fs.readFileSync(file)).toEqual(garbage);
  });

  it('is explained in the language of the operating system', () => {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'bitig.sqlite'), 'garbage garbage garbage garbage');
    const ru = JSON.parse(fs.readFileSync('renderer/i18n/locales/ru.json', 'utf8'));
    openStationOrExit({ dataDir, host: 'electron' }, {
      ...electronFake,
      app: { ...electronFake.app, getPreferredSystemLanguages: () => ['ru-KZ', 'en-US'] },
    } as never);
    const [title, message] = electronFake.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toContain(ru.app.startupFailed);
    // The Russian sentence names the damaged file, then the English detail follows.
    const file = path.join(dataDir, 'bitig.sqlite');
    expect(message).toContain(ru.storage.STORE_CORRUPT.replace('{path}', file));
  });

  it('refuses an emptied database beside a station’s files in the OS language, naming it, and keeps it empty', () => {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(path.join(dataDir, 'jobs', '1', 'master'), { recursive: true });
    const file = path.join(dataDir, 'bitig.sqlite');
    fs.writeFileSync(file, '');
    const kk = JSON.parse(fs.readFileSync('renderer/i18n/locales/kk.json', 'utf8'));
    const station = openStationOrExit({ dataDir, host: 'electron' }, {
      ...electronFake,
      app: { ...electronFake.app, getPreferredSystemLanguages: () => ['kk-KZ'] },
    } as never);
    expect(station).toBeNull();
    const [title, message] = electronFake.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toContain(kk.app.startupFailed);
    expect(message).toContain(kk.storage.STORE_EMPTY.replace('{path}', file));
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(fs.statSync(file).size).toBe(0);
  });

  it('maps OS locales to the station languages', () => {
    expect(languageFromLocales(['uz-Cyrl-UZ'])).toBe('uz-Cyrl');
    expect(languageFromLocales(['uz-UZ'])).toBe('uz-Latn');
    expect(languageFromLocales(['kk-KZ', 'ru-RU'])).toBe('kk');
    expect(languageFromLocales(['de-DE', 'ru-RU'])).toBe('ru');
    expect(languageFromLocales(['de-DE'])).toBe('en');
  });

  it('explains errors that are not StationErrors with the data folder', () => {
    openStationOrExit({ dataDir: '/data/here', host: 'electron' }, {
      ...electronFake,
      open: () => {
        throw new Error('was compiled against a different Node.js version');
      },
    } as never);
    const [, message] = electronFake.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(message).toContain('/data/here');
    expect(message).toContain('different Node.js version');
    expect(app.exit).toHaveBeenCalledWith(1);
  });

  it('stops boot before any window or protocol exists', async () => {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'bitig.sqlite'), 'garbage');
    await expect(boot({ env: env(), log })).resolves.toBeNull();
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(electronFake.protocol.handle).not.toHaveBeenCalled();
    expect(electronFake.ipcMain.handlers.size).toBe(0);
  });
});

describe('boot', () => {
  it('registers the scheme and hardening before ready, then serves, wires IPC and opens a window', async () => {
    const { station } = await started();
    const order = (fn: { mock: { invocationCallOrder: number[] } }) => fn.mock.invocationCallOrder[0]!;
    expect(order(electronFake.protocol.registerSchemesAsPrivileged)).toBeLessThan(order(app.whenReady));
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(electronFake.session.defaultSession.requestHandler).not.toBeNull();

    const served = await electronFake.protocol.handlers.get('app')!(new Request('app://bitig/'));
    expect(await served.text()).toBe(INDEX);
    expect(served.headers.get('content-security-policy')).toBeTruthy();

    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.options.kiosk).toBeUndefined();
    expect((win.options.webPreferences as { preload: string }).preload).toBe(
      path.join(app.appPath, 'dist', 'main', 'preload.cjs'),
    );
    expect(station.info().dataDir).toBe(path.join(dir, 'data'));
    await expect(call(win, 'app.info', {})).resolves.toMatchObject({ ok: true, value: { host: 'electron' } });
  });

  it('trusts only the current window', async () => {
    await started();
    const stranger = new FakeBrowserWindow();
    await expect(call(stranger, 'settings.get', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('replaces the window by a kiosk when setup chooses the kiosk role, and back', async () => {
    await started();
    const first = FakeBrowserWindow.instances[0]!;
    const done = await call(first, 'setup.complete', { role: 'kiosk', language: 'uz-Latn', mode: 'demo' });
    expect(done.ok).toBe(true);
    await nextTick();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    const kiosk = FakeBrowserWindow.instances[1]!;
    expect(kiosk.options.kiosk).toBe(true);
    expect(first.isDestroyed()).toBe(true);
    expect(kiosk.isDestroyed()).toBe(false);
    expect(running!.windows.current()).toBe(kiosk);
    first.webContents.send.mockClear();

    // The old window's webContents is no longer trusted; the new one's is, and gets the events.
    await expect(call(first, 'settings.get', {})).resolves.toMatchObject({ error: { code: 'FORBIDDEN' } });
    await expect(call(kiosk, 'settings.setLanguage', { language: 'ru' })).resolves.toMatchObject({
      ok: true,
    });
    expect(kiosk.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, {
      topic: 'settings.changed',
      payload: expect.objectContaining({ language: 'ru', role: 'kiosk' }),
    });
    expect(first.webContents.send).not.toHaveBeenCalledWith(IPC_EVENT_CHANNEL, expect.anything());
    // A change that keeps the role keeps the window.
    await nextTick();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    // An operator role again (no contract method does this yet) gets the ordinary window back.
    const operator = running!.windows.show('station') as unknown as FakeBrowserWindow;
    expect(operator.options.kiosk).toBeUndefined();
    expect(kiosk.isDestroyed()).toBe(true);
    expect(electronFake.powerSaveBlocker.started.size).toBe(0);
  });

  it('keeps the same window when setup chooses the operator role', async () => {
    await started();
    const first = FakeBrowserWindow.instances[0]!;
    await call(first, 'setup.complete', { role: 'station', language: 'en', mode: 'demo' });
    await nextTick();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(first.isDestroyed()).toBe(false);
  });

  it('opens a kiosk straight away for a station set up as a kiosk', async () => {
    const first = await started();
    await call(FakeBrowserWindow.instances[0]!, 'setup.complete', {
      role: 'kiosk',
      language: 'en',
      mode: 'demo',
    });
    app.emit('will-quit');
    await vi.waitFor(() => expect(first.station.store.db.open).toBe(false));
    resetElectronFake();
    Object.assign(app, { appPath: path.join(dir, 'app'), userData: path.join(dir, 'userData') });
    await started();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(FakeBrowserWindow.instances[0]!.options.kiosk).toBe(true);
  });

  it('focuses the window on a second launch and quits when the last window closes', async () => {
    await started();
    const win = FakeBrowserWindow.instances[0]!;
    app.emit('second-instance', {}, [], '/');
    expect(win.focus).toHaveBeenCalled();
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalled();
  });

  it('closes the station on will-quit and unregisters IPC', async () => {
    const { station } = await started();
    const quitEvent = { preventDefault: vi.fn() };
    app.emit('will-quit', quitEvent);
    // The quit waits for the station to close, then goes ahead.
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    expect(electronFake.ipcMain.handlers.size).toBe(0);
    await vi.waitFor(() => expect(station.store.db.open).toBe(false));
    expect(app.quit).toHaveBeenCalled();
  });

  it('does not look for updates in development', async () => {
    await started();
    expect(updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();
  });

  it('looks for updates when packaged and loads the shipped SQLite binary', async () => {
    app.isPackaged = true;
    // A Node-ABI build stands in for the Electron one: what matters is that this file is the one used.
    const resources = path.join(dir, 'resources');
    fs.mkdirSync(path.join(resources, 'native'), { recursive: true });
    const real = path.join(process.cwd(), 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    fs.copyFileSync(real, path.join(resources, SQLITE_BINDING_RELATIVE));
    const open = vi.spyOn((await import('../../../electron/station/station.js')).Station, 'open');
    await started({ resourcesPath: resources });
    expect(open).toHaveBeenCalledWith(
      expect.objectContaining({ sqliteBinding: path.join(resources, SQLITE_BINDING_RELATIVE) }),
    );
    open.mockRestore();
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
    expect(updater.listenerCount('error')).toBe(1);
  });
});

describe('startAutoUpdates', () => {
  it('swallows an offline failure, whether rejected, emitted or thrown', async () => {
    const fake = Object.assign(new EventEmitter(), {
      checkForUpdatesAndNotify: vi.fn(() => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'))),
    });
    const failures = vi.fn();
    startAutoUpdates(true, () => fake as never, failures);
    await nextTick();
    expect(failures).toHaveBeenCalledWith('update check failed', expect.any(Error));
    // An 'error' event with no listener would throw from emit.
    expect(() => fake.emit('error', new Error('offline'))).not.toThrow();
    expect(() =>
      startAutoUpdates(
        true,
        () => {
          throw new Error('no app-update.yml');
        },
        failures,
      ),
    ).not.toThrow();
  });
});

/**
 * Hand-made fakes of the parts of Electron that electron/main uses. Electron's binary cannot run in
 * the test environment, so every test file mocks 'electron' with `electronFake` below:
 *
 *   vi.mock('electron', async () => (await import('./fakes.js')).electronFake);
 *
 * The fakes keep state (handlers, listeners, created windows) so a test can drive them the way
 * Electron would, and `resetElectronFake()` clears it between tests.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type AnyFn = (...args: never[]) => unknown;

/** A DOM-ish event whose preventDefault is observable. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeSession {
  requestHandler: AnyFn | null = null;
  checkHandler: AnyFn | null = null;
  deviceHandler: AnyFn | null = null;
  setPermissionRequestHandler = vi.fn((handler: AnyFn | null) => {
    this.requestHandler = handler;
  });
  setPermissionCheckHandler = vi.fn((handler: AnyFn | null) => {
    this.checkHandler = handler;
  });
  setDevicePermissionHandler = vi.fn((handler: AnyFn | null) => {
    this.deviceHandler = handler;
  });
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  destroyed = false;
  session = new FakeSession();
  windowOpenHandler: ((details: unknown) => { action: string }) | null = null;
  send = vi.fn();
  reload = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  setVisualZoomLevelLimits = vi.fn(() => Promise.resolve());
  setZoomLevel = vi.fn();
  getURL = vi.fn(() => 'app://bitig/');
  setWindowOpenHandler(handler: (details: unknown) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  loadURL = vi.fn((_url: string) => Promise.resolve());
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  setMenuBarVisibility = vi.fn();
  isMinimized = vi.fn(() => this.minimized);

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.instances.find((w) => w.webContents === contents && !w.destroyed) ?? null;
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  gotLock = true;
  userData = '/nonexistent/userData';
  appPath = '/nonexistent/app';
  requestSingleInstanceLock = vi.fn(() => this.gotLock);
  quit = vi.fn();
  exit = vi.fn();
  whenReady = vi.fn(() => Promise.resolve());
  getPath = vi.fn((_name: string) => this.userData);
  getAppPath = vi.fn(() => this.appPath);
}

/** ipcMain: records handlers by channel; `invoke` calls one the way Electron would. */
export class FakeIpcMain {
  handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle = vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

/** ipcRenderer: `invoke` is scripted by each test; `on`/`removeListener` are real. */
export class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined);
}

export const electronFake = {
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  ipcMain: new FakeIpcMain(),
  ipcRenderer: new FakeIpcRenderer(),
  contextBridge: {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      electronFake.contextBridge.exposed.set(key, api);
    }),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      electronFake.protocol.handlers.set(scheme, handler);
    }),
  },
  session: { defaultSession: new FakeSession() },
  Menu: {
    setApplicationMenu: vi.fn(),
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  },
  powerSaveBlocker: {
    started: new Set<number>(),
    nextId: 1,
    start: vi.fn((_type: string) => {
      const id = electronFake.powerSaveBlocker.nextId++;
      electronFake.powerSaveBlocker.started.add(id);
      return id;
    }),
    stop: vi.fn((id: number) => electronFake.powerSaveBlocker.started.delete(id)),
    isStarted: vi.fn((id: number) => electronFake.powerSaveBlocker.started.has(id)),
  },
  dialog: { showErrorBox: vi.fn() },
  shell: { openPath: vi.fn(async (_path: string) => '') },
  // A reversible stand-in for the OS keychain: enough to see that secrets go through it.
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    encryptString: vi.fn((plain: string) => Buffer.from(`sealed:${plain}`, 'utf8')),
    decryptString: vi.fn((sealed: Buffer) => sealed.toString('utf8').replace(/^sealed:/, '')),
  },
};

/** Clears every fake's state and recorded calls; call in beforeEach. */
export function resetElectronFake(): void {
  vi.clearAllMocks();
  const f = electronFake;
  f.app.removeAllListeners();
  Object.assign(f.app, {
    isPackaged: false,
    gotLock: true,
    userData: '/nonexistent/userData',
    appPath: '/nonexistent/app',
  });
  f.ipcMain.handlers.clear();
  f.ipcRenderer.removeAllListeners();
  f.ipcRenderer.invoke.mockImplementation(async () => undefined);
  f.contextBridge.exposed.clear();
  f.protocol.handlers.clear();
  f.session.defaultSession = new FakeSession();
  f.powerSaveBlocker.started.clear();
  FakeBrowserWindow.instances = [];
}

/** An IPC event as sent by a frame: the main frame of `contents` at `url` unless told otherwise. */
export function ipcEvent(
  contents: FakeWebContents,
  frame: { url: string; parent: unknown } | null = { url: 'app://bitig/', parent: null },
): { sender: FakeWebContents; senderFrame: typeof frame } {
  return { sender: contents, senderFrame: frame };
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow, stationMenuTemplate, windowModeFor } from '../../../electron/main/window.js';
import { electronFake, FakeBrowserWindow, FakeEvent, resetElectronFake } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).electronFake);

beforeEach(resetElectronFake);

const PRELOAD = '/app/dist/main/preload.cjs';

function created(role: 'kiosk' | 'station' | null, packaged: boolean) {
  createMainWindow({ role, packaged, preload: PRELOAD, platform: 'linux' });
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  const win = FakeBrowserWindow.instances[0]!;
  return {
    win,
    options: win.options as Record<string, unknown> & { webPreferences: Record<string, unknown> },
  };
}

describe('createMainWindow', () => {
  it('makes a kiosk window full-screen, frameless, menu-less and without devtools', () => {
    const { win, options } = created('kiosk', false);
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.frame).toBe(false);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.webPreferences.devTools).toBe(false);
    expect(electronFake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    // ...and locked down: reload is swallowed, the display kept awake.
    const event = new FakeEvent();
    win.webContents.emit('before-input-event', event, {
      type: 'keyDown',
      key: 'r',
      code: 'KeyR',
      control: true,
      meta: false,
      alt: false,
      shift: false,
    });
    expect(event.defaultPrevented).toBe(true);
    expect(electronFake.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });

  it('gives the operator an ordinary 1280x800 window with devtools only when unpackaged', () => {
    const dev = created('station', false);
    expect(dev.options.kiosk).toBeUndefined();
    expect(dev.options.width).toBe(1280);
    expect(dev.options.height).toBe(800);
    expect(dev.options.webPreferences.devTools).toBe(true);
    expect(electronFake.Menu.setApplicationMenu).not.toHaveBeenCalledWith(null);
    expect(electronFake.powerSaveBlocker.start).not.toHaveBeenCalled();

    resetElectronFake();
    const shipped = created('station', true);
    expect(shipped.options.webPreferences.devTools).toBe(false);
  });

  it('treats a station that is not set up yet as the operator window', () => {
    const { options } = created(null, true);
    expect(options.kiosk).toBeUndefined();
    expect(options.width).toBe(1280);
    expect(windowModeFor(null)).toBe('station');
    expect(windowModeFor('kiosk')).toBe('kiosk');
  });

  it('uses the secure webPreferences with our preload in every mode', () => {
    for (const role of ['kiosk', 'station', null] as const) {
      resetElectronFake();
      const { options } = created(role, true);
      expect(options.webPreferences).toMatchObject({
        preload: PRELOAD,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      });
    }
  });

  it('loads app://bitig/ and shows the window once it is ready', () => {
    const { win } = created('station', true);
    expect(win.loadURL).toHaveBeenCalledWith('app://bitig/');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });
});

describe('stationMenuTemplate', () => {
  const roles = (template: ReturnType<typeof stationMenuTemplate>) =>
    JSON.stringify(template).match(/"role":"(\w+)"/g) ?? [];

  it('has reload and devtools only in development', () => {
    expect(roles(stationMenuTemplate(false, 'linux'))).toContain('"role":"toggleDevTools"');
    expect(roles(stationMenuTemplate(false, 'linux'))).toContain('"role":"reload"');
    expect(roles(stationMenuTemplate(true, 'linux'))).not.toContain('"role":"toggleDevTools"');
    expect(roles(stationMenuTemplate(true, 'linux'))).not.toContain('"role":"reload"');
  });

  it('keeps an Edit menu (Cmd+C/V on macOS) and the app menu on macOS', () => {
    expect(roles(stationMenuTemplate(true, 'darwin'))).toContain('"role":"appMenu"');
    expect(roles(stationMenuTemplate(true, 'darwin'))).toContain('"role":"editMenu"');
    expect(roles(stationMenuTemplate(true, 'linux'))).not.toContain('"role":"appMenu"');
  });
});

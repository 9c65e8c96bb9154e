import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isBlockedShortcut, lockDownKiosk } from '../../../electron/main/kiosk.js';
import { electronFake, FakeBrowserWindow, FakeEvent, resetElectronFake } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).electronFake);

beforeEach(() => {
  resetElectronFake();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

interface Keys {
  key: string;
  code?: string;
  control?: boolean;
  meta?: boolean;
  alt?: boolean;
  shift?: boolean;
}

function input({ key, code, control = false, meta = false, alt = false, shift = false }: Keys) {
  const derived = key.length === 1 && /[a-z]/i.test(key) ? `Key${key.toUpperCase()}` : key;
  return { type: 'keyDown', key, code: code ?? derived, control, meta, alt, shift };
}

function locked(options = {}) {
  const win = new FakeBrowserWindow();
  const release = lockDownKiosk(win as unknown as BrowserWindow, options);
  return { win, contents: win.webContents, release };
}

/** Sends a key through before-input-event and reports whether the kiosk swallowed it. */
function press(contents: FakeBrowserWindow['webContents'], keys: Keys): boolean {
  const event = new FakeEvent();
  contents.emit('before-input-event', event, input(keys));
  return event.defaultPrevented;
}

describe('kiosk keyboard lockdown', () => {
  it.each<[string, Keys]>([
    ['Ctrl+R', { key: 'r', control: true }],
    ['Cmd+R', { key: 'r', meta: true }],
    ['Ctrl+Shift+R', { key: 'R', control: true, shift: true }],
    ['Ctrl+R on a Cyrillic layout', { key: 'к', code: 'KeyR', control: true }],
    ['F5', { key: 'F5' }],
    ['F12', { key: 'F12' }],
    ['Ctrl+Shift+I', { key: 'I', control: true, shift: true }],
    ['Ctrl+Shift+J', { key: 'J', control: true, shift: true }],
    ['Ctrl+Shift+C', { key: 'C', control: true, shift: true }],
    ['Cmd+Alt+I', { key: 'i', code: 'KeyI', meta: true, alt: true }],
    ['Ctrl+=', { key: '=', code: 'Equal', control: true }],
    ['Ctrl++', { key: '+', code: 'Equal', control: true, shift: true }],
    ['Ctrl+-', { key: '-', code: 'Minus', control: true }],
    ['Ctrl+0', { key: '0', code: 'Digit0', control: true }],
    ['Ctrl+numpad +', { key: '+', code: 'NumpadAdd', control: true }],
    ['Ctrl+W', { key: 'w', control: true }],
    ['Cmd+Q', { key: 'q', meta: true }],
    ['Alt+F4', { key: 'F4', alt: true }],
  ])('swallows %s', (_name, keys) => {
    const { contents } = locked();
    expect(press(contents, keys)).toBe(true);
    expect(isBlockedShortcut(input(keys))).toBe(true);
  });

  it.each<[string, Keys]>([
    ['a', { key: 'a' }],
    ['Shift+A', { key: 'A', shift: true }],
    ['r (typing, no modifier)', { key: 'r' }],
    ['0', { key: '0', code: 'Digit0' }],
    ['=', { key: '=', code: 'Equal' }],
    ['Enter', { key: 'Enter' }],
    ['Backspace', { key: 'Backspace' }],
    ['Ctrl+C (copy)', { key: 'c', control: true }],
    ['Ctrl+V (paste)', { key: 'v', control: true }],
    ['Ctrl+A (select all)', { key: 'a', control: true }],
    ['AltGr+Q (@ on a German layout)', { key: '@', code: 'KeyQ', control: true, alt: true }],
    ['F4 alone', { key: 'F4' }],
  ])('lets %s through', (_name, keys) => {
    const { contents } = locked();
    expect(press(contents, keys)).toBe(false);
  });
});

describe('kiosk zoom, sleep and recovery', () => {
  it('locks visual zoom (pinch, Ctrl+wheel) at 1 now and after every load', () => {
    const { contents } = locked();
    expect(contents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    contents.setVisualZoomLevelLimits.mockClear();
    contents.emit('did-finish-load');
    expect(contents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    contents.emit('zoom-changed', new FakeEvent(), 'in');
    expect(contents.setZoomLevel).toHaveBeenCalledWith(0);
  });

  it('keeps the display awake until the window closes', () => {
    const { win } = locked();
    expect(electronFake.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(electronFake.powerSaveBlocker.started.size).toBe(1);
    win.destroy();
    expect(electronFake.powerSaveBlocker.started.size).toBe(0);
  });

  it('reloads after the renderer crashes', () => {
    const { contents } = locked({ reloadDelayMs: 1000 });
    contents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
    expect(contents.reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(contents.reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload after a clean exit or once the window is gone', () => {
    const { win, contents } = locked();
    contents.emit('render-process-gone', new FakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    vi.advanceTimersByTime(5000);
    expect(contents.reload).not.toHaveBeenCalled();
    contents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
    win.destroy();
    vi.advanceTimersByTime(5000);
    expect(contents.reload).not.toHaveBeenCalled();
  });

  it('crashes and reloads a renderer that stays unresponsive past the timeout', () => {
    const { win, contents } = locked({ unresponsiveSeconds: 10, reloadDelayMs: 1000 });
    win.emit('unresponsive');
    vi.advanceTimersByTime(9_999);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    // Crashing it fires render-process-gone too: still one reload, not two.
    contents.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 });
    vi.advanceTimersByTime(1000);
    expect(contents.reload).toHaveBeenCalledTimes(1);
  });

  it('leaves a renderer alone that becomes responsive again in time', () => {
    const { win, contents } = locked({ unresponsiveSeconds: 10 });
    win.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    win.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(contents.reload).not.toHaveBeenCalled();
  });

  it('uses a 10 second timeout by default', () => {
    const { win, contents } = locked();
    win.emit('unresponsive');
    vi.advanceTimersByTime(9_000);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
  });
});

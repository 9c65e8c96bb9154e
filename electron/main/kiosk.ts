/**
 * Kiosk lockdown for a patron-facing window: the keyboard shortcuts a curious patron could use to
 * reload, zoom, close or inspect the page do nothing; the screen never sleeps; a renderer that crashes
 * or hangs is brought back on its own, because nobody stands next to a kiosk to click "reload".
 */
import { type BrowserWindow, type Input, powerSaveBlocker } from 'electron';

export interface KioskOptions {
  /** How long a hung renderer is given before it is crashed and reloaded. */
  unresponsiveSeconds?: number;
  /** Pause before reloading a dead renderer, so a page that crashes on load cannot spin the CPU. */
  reloadDelayMs?: number;
  log?: (message: string) => void;
}

type KeyInput = Pick<Input, 'type' | 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

/**
 * Matching uses `code` (the physical key) as well as `key`: on the Russian and Uzbek Cyrillic
 * layouts Ctrl+R reports key "к", so a key-only check would let reload through.
 */
function is(input: KeyInput, letter: string): boolean {
  return input.key.toLowerCase() === letter || input.code === `Key${letter.toUpperCase()}`;
}

const ZOOM_KEYS = new Set(['+', '-', '=', '_', '0']);
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);

/**
 * True for the shortcuts a kiosk must swallow: reload (Ctrl/Cmd+R, Ctrl+Shift+R, F5), developer
 * tools (F12, Ctrl+Shift+I/J/C, Cmd+Alt+I/J/C), zoom (Ctrl/Cmd with + - = 0), close or quit
 * (Ctrl/Cmd+W, Ctrl/Cmd+Q, Alt+F4). Plain typing, Shift, and Ctrl+C/V/X/A (editing in a text field)
 * pass through.
 */
export function isBlockedShortcut(input: KeyInput): boolean {
  const key = input.key;
  if (
    key === 'F5' ||
    key === 'F12' ||
    key === 'BrowserRefresh' ||
    input.code === 'F5' ||
    input.code === 'F12'
  ) {
    return true;
  }
  if (input.alt && (key === 'F4' || input.code === 'F4')) return true;
  // Ctrl+Alt without Cmd is AltGr on Windows: it types characters (@ { } on many layouts), and
  // Chromium binds no shortcut to it.
  const altGr = input.control && input.alt && !input.meta;
  const mod = (input.control || input.meta) && !altGr;
  if (!mod) return false;
  if (is(input, 'r') || is(input, 'w') || is(input, 'q')) return true;
  if ((input.shift || (input.meta && input.alt)) && (is(input, 'i') || is(input, 'j') || is(input, 'c'))) {
    return true;
  }
  return ZOOM_KEYS.has(key) || ZOOM_CODES.has(input.code);
}

/**
 * Locks one window down as a kiosk. Returns a function that undoes what outlives the window (the
 * power-save blocker, timers); it also runs by itself when the window closes.
 */
export function lockDownKiosk(win: BrowserWindow, options: KioskOptions = {}): () => void {
  const unresponsiveMs = (options.unresponsiveSeconds ?? 10) * 1000;
  const reloadDelayMs = options.reloadDelayMs ?? 1000;
  const log = options.log ?? (() => {});
  const contents = win.webContents;

  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });

  // Pinch and Ctrl+wheel zoom are visual zoom; limiting it to 1..1 turns it off. Chromium resets
  // the limits on navigation, hence again after every load.
  const noVisualZoom = () => {
    contents.setVisualZoomLevelLimits(1, 1).catch(() => {});
  };
  noVisualZoom();
  contents.on('did-finish-load', noVisualZoom);
  contents.on('zoom-changed', () => contents.setZoomLevel(0));

  const blockerId = powerSaveBlocker.start('prevent-display-sleep');

  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  let hangTimer: ReturnType<typeof setTimeout> | null = null;
  // One reload per incident: crashing a hung renderer also fires render-process-gone.
  const scheduleReload = (why: string) => {
    if (reloadTimer) return;
    log(`kiosk: reloading after ${why}`);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      if (!win.isDestroyed()) contents.reload();
    }, reloadDelayMs);
  };

  contents.on('render-process-gone', (_event, details) => {
    // clean-exit is the renderer closing with its window, not a failure.
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    scheduleReload(`renderer ${details.reason}`);
  });

  win.on('unresponsive', () => {
    if (hangTimer) return;
    hangTimer = setTimeout(() => {
      hangTimer = null;
      if (win.isDestroyed()) return;
      contents.forcefullyCrashRenderer();
      scheduleReload(`renderer hung for ${unresponsiveMs / 1000} s`);
    }, unresponsiveMs);
  });
  win.on('responsive', () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  });

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (hangTimer) clearTimeout(hangTimer);
    if (reloadTimer) clearTimeout(reloadTimer);
    hangTimer = reloadTimer = null;
    if (powerSaveBlocker.isStarted(blockerId)) powerSaveBlocker.stop(blockerId);
  };
  win.once('closed', release);
  return release;
}

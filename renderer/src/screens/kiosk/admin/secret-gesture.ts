/**
 * The discreet way into the admin screen: five taps on a corner within a few seconds, or holding
 * it down. Patrons do not find it by chance; staff and installers know it (and Ctrl+Alt+A).
 */
export const SECRET_TAPS = 5;
export const SECRET_TAP_WINDOW_MS = 3000;
export const SECRET_HOLD_MS = 2500;

/** Counts taps; `tap` says true on the one that completes the series within the window. */
export class TapCounter {
  #times: number[] = [];

  constructor(
    private readonly count = SECRET_TAPS,
    private readonly windowMs = SECRET_TAP_WINDOW_MS,
  ) {}

  tap(now: number): boolean {
    this.#times = [...this.#times.filter((t) => now - t < this.windowMs), now];
    if (this.#times.length < this.count) return false;
    this.#times = [];
    return true;
  }
}

/** Ctrl+Alt+A, by the physical key so it works with any keyboard layout. */
export function isAdminShortcut(event: { code: string; ctrlKey: boolean; altKey: boolean }): boolean {
  return event.ctrlKey && event.altKey && event.code === 'KeyA';
}

interface ShortcutEvent {
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  preventDefault(): void;
}

/** Calls `onShortcut` on Ctrl+Alt+A (when `when()` allows); returns the function that stops listening. */
export function attachAdminShortcut(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  when: () => boolean,
  onShortcut: () => void,
): () => void {
  const listener = (event: Event) => {
    const key = event as unknown as ShortcutEvent;
    if (isAdminShortcut(key) && when()) {
      key.preventDefault();
      onShortcut();
    }
  };
  target.addEventListener('keydown', listener);
  return () => target.removeEventListener('keydown', listener);
}

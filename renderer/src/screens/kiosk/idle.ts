/**
 * The kiosk's idle timeout: after `timeoutMs` without input a warning counts down `warningMs`; any
 * input (or "I'm still here") starts over; at zero the session ends. Plain timers, no DOM, so the
 * tests drive it with fake timers.
 */

/** The warning phase's name (for .tsx files, which take no string literals). */
export const IDLE_WARNING = 'warning';

export type IdleState =
  | { phase: 'active' }
  | { phase: 'warning'; secondsLeft: number }
  | { phase: 'expired' };

export interface IdleTimerOptions {
  timeoutMs: number;
  warningMs: number;
  /** Every change of phase, and each second of the warning's countdown. */
  onChange: (state: IdleState) => void;
  /** Once, when the countdown reaches zero. */
  onExpire: () => void;
}

export interface IdleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const SYSTEM_CLOCK: IdleClock = {
  // Monotonic: a kiosk whose wall clock is corrected (NTP after a cold start, staff setting the
  // time) must not keep a patron's session open longer, nor end it early.
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class IdleTimer {
  readonly #o: IdleTimerOptions;
  readonly #clock: IdleClock;
  #timer: unknown = null;
  #deadline = 0;
  #state: IdleState = { phase: 'active' };
  #running = false;

  constructor(options: IdleTimerOptions, clock: IdleClock = SYSTEM_CLOCK) {
    this.#o = options;
    this.#clock = clock;
  }

  get state(): IdleState {
    return this.#state;
  }

  /** Starts (or restarts) counting from now. */
  start(): void {
    this.#running = true;
    this.#restart();
  }

  /** Someone touched the screen, pressed a key or scanned: start over (the warning goes away). */
  activity(): void {
    if (!this.#running || this.#state.phase === 'expired') return;
    this.#restart();
  }

  stop(): void {
    this.#running = false;
    this.#clear();
  }

  #restart(): void {
    this.#clear();
    this.#set({ phase: 'active' });
    this.#timer = this.#clock.setTimeout(() => this.#warn(), this.#o.timeoutMs);
  }

  #warn(): void {
    this.#deadline = this.#clock.now() + this.#o.warningMs;
    this.#tick();
  }

  #tick(): void {
    const left = this.#deadline - this.#clock.now();
    if (left <= 0) {
      this.#running = false;
      this.#timer = null;
      this.#set({ phase: 'expired' });
      this.#o.onExpire();
      return;
    }
    this.#set({ phase: 'warning', secondsLeft: Math.ceil(left / 1000) });
    // Wake on the next whole second of the countdown (or at the deadline).
    const next = left % 1000 || 1000;
    this.#timer = this.#clock.setTimeout(() => this.#tick(), next);
  }

  #clear(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #set(state: IdleState): void {
    const prev = this.#state;
    const same =
      prev.phase === state.phase &&
      (prev.phase !== 'warning' || state.phase !== 'warning' || prev.secondsLeft === state.secondsLeft);
    this.#state = state;
    if (!same) this.#o.onChange(state);
  }
}

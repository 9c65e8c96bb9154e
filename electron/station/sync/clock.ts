/**
 * Time as the engine sees it: injectable, so tests can step through backoff and probe intervals
 * without waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. Never keeps the process alive. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, ms));
    // The host (Electron, the web host, a CLI command awaiting runOnce) decides how long the
    // process lives, not a backoff timer.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface BackoffPolicy {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** Ceiling, whatever the attempt count. */
  maxMs: number;
  /**
   * Share of the delay that is random, 0..1. With 0.5 a delay d becomes a value in [d/2, d):
   * stations that lost the same server retry spread out instead of all at once.
   */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 10 * 60_000, jitter: 0.5 };

/**
 * Exponential backoff with jitter: the wait before attempt `failures + 1`, where `failures` >= 1
 * attempts have failed. `random` returns [0, 1) (injectable for tests).
 */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 40));
  const full = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(full * (1 - jitter + jitter * r));
}

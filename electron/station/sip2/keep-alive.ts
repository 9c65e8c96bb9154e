/**
 * The keep-alive interval from the ACS status (98) "timeout period".
 *
 * The 3M spec defines the timeout period as tenths of a second, `000` meaning the ACS is offline and
 * `999` unknown. Koha and Evergreen (whose SIPServer Koha's derives from) fill it from their service
 * `timeout` setting, which is in seconds, and most other servers copy them; so the default unit here
 * is seconds, with `tenths` available for a server that follows the letter of the spec.
 *
 * We send a 99 every half period, so a keep-alive always lands before the server's idle timeout.
 */
export type TimeoutPeriodUnit = 'seconds' | 'tenths';

export const DEFAULT_KEEP_ALIVE_MS = 60_000;
export const MIN_KEEP_ALIVE_MS = 500;

export function keepAliveInterval(
  timeoutPeriod: number | null,
  unit: TimeoutPeriodUnit = 'seconds',
  fallbackMs: number = DEFAULT_KEEP_ALIVE_MS,
): number {
  if (timeoutPeriod === null || timeoutPeriod === 0 || timeoutPeriod === 999) return fallbackMs;
  const periodMs = timeoutPeriod * (unit === 'seconds' ? 1000 : 100);
  return Math.max(MIN_KEEP_ALIVE_MS, Math.floor(periodMs / 2));
}

import { useEffect, useState } from 'react';

/** Re-renders every `intervalMs` while `active`, for countdowns; returns the current time. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(id);
  }, [active, intervalMs]);
  return Date.now();
}

/** Whole seconds until `retryAt`, never below 1 while a retry is still ahead. */
export function secondsUntil(retryAt: number, now: number): number {
  return Math.max(1, Math.ceil((retryAt - now) / 1000));
}

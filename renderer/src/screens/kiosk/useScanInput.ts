import { useEffect, useRef } from 'react';
import { attachScanInput, type KeyTarget, type ScanOptions } from './scan-input.js';

/**
 * Calls `onScan` with each code a keyboard-wedge scanner (barcode or RFID) types, while `enabled`.
 * The latest `onScan` is always used, so callers need not memoize it.
 */
export function useScanInput(
  onScan: (code: string) => void,
  enabled = true,
  options: Partial<ScanOptions> = {},
): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  const { maxGapMs, maxAverageMs, minLength, maxLength } = options;
  useEffect(() => {
    if (!enabled) return;
    const opts: Partial<ScanOptions> = {};
    if (maxGapMs !== undefined) opts.maxGapMs = maxGapMs;
    if (maxAverageMs !== undefined) opts.maxAverageMs = maxAverageMs;
    if (minLength !== undefined) opts.minLength = minLength;
    if (maxLength !== undefined) opts.maxLength = maxLength;
    return attachScanInput(window as unknown as KeyTarget, (code) => latest.current(code), opts);
  }, [enabled, maxGapMs, maxAverageMs, minLength, maxLength]);
}

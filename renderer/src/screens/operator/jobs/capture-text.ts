/** Which message a scan's outcome gets (the scanner's stop reasons the screens know). */
import type { CaptureResult } from '../../../../../electron/station/contract.js';

export const STOP_REASONS = [
  'jammed',
  'cover_open',
  'no_documents',
  'busy',
  'io',
  'cancelled',
  'unavailable',
  'unsupported',
  'protocol',
] as const;
export type StopReason = (typeof STOP_REASONS)[number] | 'other';

export function stopReason(result: CaptureResult): StopReason | null {
  if (result.stoppedBy === null) return null;
  return (STOP_REASONS as readonly string[]).includes(result.stoppedBy)
    ? (result.stoppedBy as StopReason)
    : 'other';
}

/** Whether a stop is the operator's own (stopped) or the scanner's trouble (shown as a warning). */
export function isTrouble(reason: StopReason | null): boolean {
  return reason !== null && reason !== 'cancelled' && reason !== 'no_documents';
}

/** The notice's kind attribute. */
export function noticeKind(reason: StopReason | null): 'warning' | 'ok' | 'info' {
  if (isTrouble(reason)) return 'warning';
  return reason === null ? 'ok' : 'info';
}

/** Which message a scan's outcome gets (the scanner's stop reasons the screens know). */
import {
  type CaptureResult,
  SCANNER_ERROR_CODES,
  type ScannerErrorCode,
} from '../../../../../electron/station/contract.js';

/** The scanner's stop reasons, as the core names them (`ScannerError` codes), or one it added since. */
export type StopReason = ScannerErrorCode | 'other';

export function stopReason(result: CaptureResult): StopReason | null {
  if (result.stoppedBy === null) return null;
  return (SCANNER_ERROR_CODES as readonly string[]).includes(result.stoppedBy)
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

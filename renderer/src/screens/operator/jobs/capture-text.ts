/** Which message a scan's outcome gets (the scanner's stop reasons the screens know). */
import { type CaptureResult, SCANNER_ERROR_CODES, type ScannerErrorCode } from '@contract/index.js';

/** The disk's stop reasons (contract error codes): their sentence names the folder (`storage.<code>`). */
export const DISK_STOPS = ['DISK_FULL', 'DISK_FAILED', 'FOLDER_READ_ONLY', 'FOLDER_MISSING'] as const;
export type DiskStop = (typeof DISK_STOPS)[number];

/** The scanner's stop reasons, as the core names them (`ScannerError` codes), or one it added since. */
export type StopReason = ScannerErrorCode | DiskStop | 'other';

export function stopReason(result: CaptureResult): StopReason | null {
  if (result.stoppedBy === null) return null;
  if (isDiskStop(result.stoppedBy)) return result.stoppedBy;
  return (SCANNER_ERROR_CODES as readonly string[]).includes(result.stoppedBy)
    ? (result.stoppedBy as StopReason)
    : 'other';
}

export function isDiskStop(reason: string | null): reason is DiskStop {
  return (DISK_STOPS as readonly (string | null)[]).includes(reason);
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

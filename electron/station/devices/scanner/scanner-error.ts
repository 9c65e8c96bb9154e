import { SCANNER_ERROR_CODES, type ScannerErrorCode } from '../../contract/digitization-types.js';

export { SCANNER_ERROR_CODES, type ScannerErrorCode };

/**
 * What each code tells an operator, in English: the CLI prints it and logs carry it. The screens
 * say the same in the operator's language (locales: operator.jobs.capture.stoppedBy).
 */
export const SCANNER_ERROR_SENTENCES: Readonly<Record<ScannerErrorCode, string>> = {
  jammed: 'Paper jam in the feeder: clear it, put back the pages that were not scanned and scan again.',
  cover_open: 'A cover or the feeder door is open: close it and scan again.',
  no_documents: 'The feeder is empty: load the pages and scan again.',
  busy: 'The scanner is busy or still warming up: wait a moment and scan again.',
  io: 'The connection to the scanner failed: check the cable or the network and scan again.',
  cancelled: 'The scan was stopped.',
  unavailable:
    'The scanner is not available: it is switched off, unplugged, in use elsewhere or unknown here.',
  unsupported: 'The scanner cannot scan with this profile (for example, it has no document feeder).',
  protocol: 'The scanner answered in a way this station does not understand.',
};

/** The operator's sentence for a scanner error code; a general one for a code this station does not know. */
export function scannerSentence(code: string): string {
  return (SCANNER_ERROR_SENTENCES as Record<string, string>)[code] ?? 'The scanner stopped the scan.';
}

export class ScannerError extends Error {
  /** Pages handed to `onPage` before the failure; they are complete and stay valid. */
  readonly pagesDelivered: number;
  /** The driver's own words for it (`SANE_STATUS_JAMMED`, `HTTP 409`, `AdfState ScannerAdfJam`). */
  readonly detail: string | undefined;

  constructor(
    readonly code: ScannerErrorCode,
    message: string,
    options: { cause?: unknown; pagesDelivered?: number; detail?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ScannerError';
    this.pagesDelivered = options.pagesDelivered ?? 0;
    this.detail = options.detail;
  }

  /** The same error, counting the pages a batch delivered before it. */
  withPagesDelivered(pagesDelivered: number): ScannerError {
    if (pagesDelivered === this.pagesDelivered) return this;
    return new ScannerError(this.code, this.message, {
      cause: this.cause,
      pagesDelivered,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
    });
  }
}

export function isScannerError(err: unknown, code?: ScannerErrorCode): err is ScannerError {
  return err instanceof ScannerError && (code === undefined || err.code === code);
}

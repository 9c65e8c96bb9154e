import { ScannerError, type ScannerErrorCode } from '../scanner-error.js';

/**
 * Codes of errors the addon raises: one per SANE status (`jammed` for SANE_STATUS_JAMMED, …) and
 * a few for misuse of the addon itself (`closed`, `busy`, `not_initialized`, `no_such_option`).
 */
export type SaneErrorCode =
  | 'unsupported'
  | 'cancelled'
  | 'device_busy'
  | 'invalid'
  | 'eof'
  | 'jammed'
  | 'no_documents'
  | 'cover_open'
  | 'io_error'
  | 'no_memory'
  | 'access_denied'
  | 'warming_up'
  | 'hw_locked'
  | 'unknown'
  | 'closed'
  | 'busy'
  | 'not_initialized'
  | 'already_initialized'
  | 'no_such_option';

export class SaneError extends Error {
  constructor(
    readonly code: SaneErrorCode,
    message: string,
    /** `SANE_STATUS_JAMMED` etc., when SANE itself returned the status. */
    readonly saneStatus: string | undefined,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'SaneError';
  }
}

/** The addon throws plain Errors with `code` (and `saneStatus`); this gives them a class. */
export function asSaneError(err: unknown): SaneError | undefined {
  if (err instanceof SaneError) return err;
  if (!(err instanceof Error)) return undefined;
  const { code, saneStatus } = err as Error & { code?: unknown; saneStatus?: unknown };
  if (typeof code !== 'string') return undefined;
  return new SaneError(
    code as SaneErrorCode,
    err.message,
    typeof saneStatus === 'string' ? saneStatus : undefined,
    {
      cause: err,
    },
  );
}

const TO_SCANNER: Record<SaneErrorCode, ScannerErrorCode> = {
  jammed: 'jammed',
  cover_open: 'cover_open',
  no_documents: 'no_documents',
  device_busy: 'busy',
  busy: 'busy',
  warming_up: 'busy',
  cancelled: 'cancelled',
  io_error: 'io',
  no_memory: 'io',
  hw_locked: 'unavailable',
  access_denied: 'unavailable',
  closed: 'unavailable',
  not_initialized: 'unavailable',
  already_initialized: 'unavailable',
  unsupported: 'unsupported',
  invalid: 'unsupported',
  no_such_option: 'unsupported',
  eof: 'protocol',
  unknown: 'protocol',
};

/** Any failure from the SANE layer as a ScannerError; unknown throwables become `protocol`. */
export function saneToScannerError(err: unknown): ScannerError {
  if (err instanceof ScannerError) return err;
  const sane = asSaneError(err);
  if (!sane) {
    return new ScannerError('protocol', `SANE: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const code = TO_SCANNER[sane.code] ?? 'protocol';
  return new ScannerError(code, sane.message, {
    cause: sane,
    ...(sane.saneStatus ? { detail: sane.saneStatus } : {}),
  });
}

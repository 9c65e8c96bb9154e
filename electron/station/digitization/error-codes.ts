/**
 * Error codes of the digitization domain. They are stable like every contract code (screens
 * translate them), and the contract's ERROR_CODES includes them. No imports: contract.ts, which the
 * renderer loads too, may take this list.
 */
export const DIGITIZATION_ERROR_CODES = [
  'JOB_NOT_FOUND',
  'PAGE_NOT_FOUND',
  'INVALID_TRANSITION',
  'JOB_NOT_EDITABLE',
  'JOB_EMPTY',
  'NOTHING_TO_UNDO',
  'IMAGE_FORMAT',
  'INVALID_OPERATION',
  'PIPELINE_CLOSED',
  // Saved scan profiles (scan-profiles.ts).
  'SCAN_PROFILE_NOT_FOUND',
  'SCAN_PROFILE_NAME_TAKEN',
  'SCAN_PROFILE_LIMIT',
] as const;

export type DigitizationErrorCode = (typeof DIGITIZATION_ERROR_CODES)[number];

/**
 * Every error code of the contract, and the error's shape. Stable: screens translate the code (never
 * the message, which is English for logs), scripts rely on it, and a code is never renamed. Domains
 * take their codes from here (the contract owns them); nothing here imports a domain.
 */

/** The scanning station's jobs, pages and scan profiles. */
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
  /** The barcode or ISBN is already another job's: `jobs` lists them; create again with `allowDuplicate`. */
  'JOB_DUPLICATE',
] as const;

export type DigitizationErrorCode = (typeof DIGITIZATION_ERROR_CODES)[number];

/** Looking a book up in the site's catalogues (SRU, Z39.50). */
export const CATALOG_ERROR_CODES = [
  /** Connection refused, unknown host, network down. */
  'CATALOG_UNREACHABLE',
  /** No (complete) answer within the source's timeout. */
  'CATALOG_TIMEOUT',
  /** The caller moved on (another source answered, the operator left the screen). */
  'CATALOG_CANCELLED',
  /** The server answered with a diagnostic (SRU diagnostic, Z39.50 non-surrogate diagnostic). */
  'CATALOG_DIAGNOSTIC',
  /** The server refused the Z39.50 Init (authentication, or no service for us). */
  'CATALOG_REFUSED',
  /** The answer broke the protocol: not XML, not SRU, bad BER, a connection cut mid-answer. */
  'CATALOG_BAD_RESPONSE',
  /** A record that cannot be read: truncated or damaged ISO 2709, MARCXML without fields. */
  'CATALOG_BAD_RECORD',
  /** Our side: a query that cannot be built (bad PQF, a kind the source has no template for). */
  'CATALOG_BAD_QUERY',
  /** The station has no catalog source to ask (none configured, and not in demo mode). */
  'CATALOG_NO_SOURCES',
  /** No saved source has that name. */
  'CATALOG_SOURCE_NOT_FOUND',
  /** Another saved source already has that name. */
  'CATALOG_SOURCE_NAME_TAKEN',
] as const;
export type CatalogErrorCode = (typeof CATALOG_ERROR_CODES)[number];

/** Packaging a reviewed job: OCR and the formats. */
export const PACKAGING_ERROR_CODES = [
  /** No Tesseract on this station: install `tesseract-ocr`. */
  'OCR_UNAVAILABLE',
  /** A language asked for has no model here: the message names the Debian package. */
  'OCR_LANGUAGE_MISSING',
  /** Tesseract failed on a page (a damaged image): the page and Tesseract's words. */
  'OCR_FAILED',
  'OCR_CANCELLED',
  /** The site has not set the owner's rights statement a METS needs (staff: Settings). */
  'PACKAGE_SETTINGS_MISSING',
  /** A package is already being made for this job. */
  'PACKAGE_BUSY',
  /** Writing a format failed: the format and the reason. */
  'PACKAGE_FAILED',
] as const;
export type PackagingErrorCode = (typeof PACKAGING_ERROR_CODES)[number];

/** The station's disk: its database and the folders beside it. */
export const STORAGE_ERROR_CODES = [
  /** The disk holding the database is full (SQLITE_FULL, ENOSPC while opening or writing it). */
  'STORE_FULL',
  /** The database or its folder cannot be written: a read-only disk or no permission. */
  'STORE_READ_ONLY',
  /** A zero-length database beside the station's other files: the data was lost, not new. */
  'STORE_EMPTY',
  /** Too little free space to capture another page; the pages already captured are kept. */
  'DISK_FULL',
  /** The disk reported an input/output error while the station wrote to it. */
  'DISK_FAILED',
  /** A folder of the station's data cannot be written (read-only disk, no permission). */
  'FOLDER_READ_ONLY',
  /** A folder of the station's data is not there (an unplugged disk, a folder removed by hand). */
  'FOLDER_MISSING',
] as const;

export type StorageErrorCode = (typeof STORAGE_ERROR_CODES)[number];

/**
 * Stable error codes. Screens translate the code (never the message, which is English for logs),
 * and scripts may rely on them, so a code is never renamed.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'FORBIDDEN',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'STORE_CORRUPT',
  'STORE_TOO_NEW',
  'STORE_UNAVAILABLE',
  'DISCONNECTED',
  /** A kiosk asked for a scanning station's method, or a scanning station for a kiosk's. */
  'WRONG_ROLE',
  /** Web host only: the page was opened without the access key that `bitig serve` printed. */
  'ACCESS_KEY_MISSING',
  // The kiosk: identifying a patron, and the session.
  'PATRON_UNKNOWN',
  'PATRON_ID_FORMAT',
  'PIN_REQUIRED',
  'PIN_WRONG',
  'PATRON_BLOCKED',
  'TYPED_CARD_NOT_ALLOWED',
  'NO_SESSION',
  'ACTION_NOT_ALLOWED',
  'KIOSK_NOT_CONFIGURED',
  'LIBRARY_UNREACHABLE',
  // The kiosk's admin screen.
  'STAFF_PIN_WRONG',
  'STAFF_PIN_NOT_SET',
  /** Too many wrong staff PINs in a row: no PIN is checked until `retryAt`. */
  'STAFF_PIN_LOCKED',
  /** Too many wrong PINs for this card: the visit ends and the card waits until `retryAt`. */
  'PATRON_PIN_LOCKED',
  /** A device (or demo mode's simulated one) is not there or cannot do this now. */
  'DEVICE_UNAVAILABLE',
  ...DIGITIZATION_ERROR_CODES,
  ...CATALOG_ERROR_CODES,
  ...PACKAGING_ERROR_CODES,
  ...STORAGE_ERROR_CODES,
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractError {
  code: ErrorCode;
  message: string;
  /** For VALIDATION: which input fields were wrong, as dotted paths. */
  fields?: string[];
  /** What the library system itself said (SIP2 AF), shown to the patron as sent. */
  screenMessages?: string[];
  /** For a lock: when it ends (ISO instant) and the station's time zone, to show it as local time. */
  retryAt?: { at: string; timeZone: string };
  /** For the disk's errors (STORE_*, DISK_*, FOLDER_*): the file or folder concerned. */
  path?: string;
  /** For the catalog's errors: the source concerned, and what its server said (an SRU or Bib-1 diagnostic). */
  source?: string;
  diagnostic?: { uri: string; message: string | null; details: string | null };
  /** For JOB_DUPLICATE: the jobs that already have this barcode or ISBN. */
  jobs?: { id: number; itemBarcode: string; title: string | null }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

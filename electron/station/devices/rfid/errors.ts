/**
 * Typed failures of the RFID layer. Callers branch on `code`, never on message text.
 *
 * TagDecodeError: the bytes on a tag do not follow the data model (or no model fits). Decoders throw
 * nothing else, whatever the input: a fuzz test holds them to it.
 */
export type TagDecodeErrorCode =
  /** No bytes at all. */
  | 'empty'
  /** A field or data set runs past the end of what was read. */
  | 'truncated'
  /** ISO 28560-3 basic block CRC does not match. */
  | 'bad_crc'
  /** An ISO 28560-3 extension block's XOR checksum does not match. */
  | 'bad_checksum'
  /** The bytes break the model's structure (a zero OID, item id not first, bad length byte). */
  | 'bad_structure'
  /** A value cannot be decompacted (a numeric string without its leading 1, invalid UTF-8). */
  | 'bad_value'
  /** Auto-detection found no data model that fits. */
  | 'unknown_model';

export class TagDecodeError extends Error {
  override readonly name = 'TagDecodeError';
  constructor(
    readonly code: TagDecodeErrorCode,
    message: string,
    /** Byte offset in tag memory where the problem was found, when there is one. */
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** A value cannot be written in the chosen data model (too long, a character the model cannot carry). */
export class TagEncodeError extends Error {
  override readonly name = 'TagEncodeError';
}

/**
 * Why a reader operation failed:
 * - `timeout`: no (complete) answer in time;
 * - `crc`: answers kept arriving damaged (line noise) after the retries;
 * - `disconnected`: the port went away (USB unplugged) while in use;
 * - `closed`: the reader was closed by us;
 * - `no_tag`: the tag did not answer (left the field, or out of range);
 * - `tag_error`: the tag answered with an error (locked block, block out of range, ...);
 * - `reader_error`: the reader refused the command (unknown command, length error, ...);
 * - `protocol`: an answer we cannot make sense of;
 * - `unavailable`: the port cannot be opened.
 */
export type RfidErrorCode =
  | 'timeout'
  | 'crc'
  | 'disconnected'
  | 'closed'
  | 'no_tag'
  | 'tag_error'
  | 'reader_error'
  | 'protocol'
  | 'unavailable';

export class RfidError extends Error {
  override readonly name: string = 'RfidError';
  constructor(
    readonly code: RfidErrorCode,
    message: string,
    /** The reader's own status or error byte, when it gave one (FEIG STATUS, 3M error code). */
    readonly readerStatus?: number,
    /** The ISO 15693 error code the tag returned, when the reader passed one on. */
    readonly tagError?: number,
  ) {
    super(message);
  }
}

/**
 * Security (AFI/EAS) was not switched as asked. Never swallowed: a book leaving with its alarm still
 * armed, or a returned book left unsecured, must reach the patron and the staff.
 * - `write_failed`: the reader could not write AFI or EAS (`cause` says why);
 * - `verify_failed`: the write was acknowledged but reading back gave other values.
 */
export class SecurityError extends Error {
  override readonly name = 'SecurityError';
  constructor(
    readonly code: 'write_failed' | 'verify_failed',
    readonly uid: string,
    message: string,
    readonly expected: { afi: number; eas: boolean },
    readonly actual?: { afi?: number; eas?: boolean },
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

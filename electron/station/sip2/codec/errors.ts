/**
 * Why a SIP2 message could not be read (or, for INVALID_MESSAGE, could not be written). The codes are
 * stable: the client maps them to `Sip2Error`, and logs and tests match on them.
 */
export const PROTOCOL_REASONS = [
  /** Nothing but blanks and line ends. */
  'EMPTY',
  /** Shorter than its code and fixed fields need. */
  'TOO_SHORT',
  /** A CR inside the message: two messages run together, or a broken terminator. */
  'BAD_FRAME',
  /** No terminator within the size limit. */
  'FRAME_TOO_LONG',
  /** The first two characters are not a message code we know. */
  'UNKNOWN_CODE',
  /** A known code, but not one expected here (a request where a response belongs, or the wrong response). */
  'UNEXPECTED_CODE',
  /** A fixed-length field with a value its type does not allow. */
  'BAD_FIXED_FIELD',
  /** A variable field without a two-letter id, or with a value its type does not allow. */
  'BAD_FIELD',
  /** Error detection is on and the message has no `AZ` checksum. */
  'MISSING_CHECKSUM',
  /** Error detection is on and the message has no `AY` sequence number. */
  'MISSING_SEQUENCE',
  /** The `AZ` checksum does not match the bytes received. */
  'BAD_CHECKSUM',
  /** The response's `AY` is not the request's. */
  'SEQUENCE_MISMATCH',
  /** A message we were asked to encode breaks the protocol's rules (a caller's mistake). */
  'INVALID_MESSAGE',
] as const;
export type ProtocolReason = (typeof PROTOCOL_REASONS)[number];

/** A SIP2 message that breaks the protocol. The codec throws nothing else for bad input. */
export class Sip2ProtocolError extends Error {
  constructor(
    readonly reason: ProtocolReason,
    message: string,
    /** The fixed field or field id concerned, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'Sip2ProtocolError';
  }
}

import { RfidError } from '../../errors.js';

/** FEIG STATUS bytes (manual H20800, Annex C) and what each means for the caller. */
export const FeigStatus = {
  ok: 0x00,
  noTransponder: 0x01,
  dataFalse: 0x02,
  writeError: 0x03,
  addressError: 0x04,
  wrongTransponderType: 0x05,
  authentError: 0x08,
  generalError: 0x0e,
  eepromFailure: 0x10,
  parameterRangeError: 0x11,
  unknownCommand: 0x80,
  lengthError: 0x81,
  commandNotAvailable: 0x82,
  rfCommunicationError: 0x83,
  dataBufferOverflow: 0x93,
  moreData: 0x94,
  iso15693Error: 0x95,
  iso14443Error: 0x96,
  hardwareWarning: 0xf1,
} as const;

const STATUS_TEXT: Record<number, string> = {
  1: 'no transponder',
  2: 'data false (CRC, parity or framing error from the transponder)',
  3: 'write error',
  4: 'address error (block out of range)',
  5: 'wrong transponder type for this command',
  8: 'authentication error',
  14: 'general transponder error',
  16: 'reader EEPROM failure',
  17: 'parameter range error',
  128: 'unknown command',
  129: 'length error',
  130: 'command not available (scan mode?)',
  131: 'RF communication error',
  147: 'data buffer overflow (too many transponders)',
  149: 'ISO 15693 error',
  150: 'ISO 14443 error',
  241: 'hardware warning',
};

/** ISO 15693 error codes the reader passes on with status 0x95 (Annex C1). */
const ISO_ERROR_TEXT: Record<number, string> = {
  1: 'command not supported',
  2: 'command not recognised',
  3: 'option not supported',
  15: 'unknown error',
  16: 'block not available',
  17: 'block already locked',
  18: 'block locked, content cannot change',
  19: 'block not programmed',
  20: 'block not locked',
};

/** Turns a non-OK status into the typed error callers branch on. */
export function feigStatusError(status: number, data: Uint8Array, what: string): RfidError {
  const hex = `0x${status.toString(16).padStart(2, '0')}`;
  const text = STATUS_TEXT[status] ?? 'unknown status';
  if (status === FeigStatus.noTransponder) return new RfidError('no_tag', `${what}: ${text}`, status);
  if (status === FeigStatus.iso15693Error) {
    const iso = data[0];
    const isoText =
      iso === undefined ? 'no error code' : (ISO_ERROR_TEXT[iso] ?? `error 0x${iso.toString(16)}`);
    return new RfidError('tag_error', `${what}: tag answered ${isoText}`, status, iso);
  }
  if (status < 0x10 || status === FeigStatus.rfCommunicationError)
    return new RfidError('tag_error', `${what}: ${text} (status ${hex})`, status);
  return new RfidError('reader_error', `${what}: ${text} (status ${hex})`, status);
}

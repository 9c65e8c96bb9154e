import { RfidError } from '../../errors.js';

/** 3M reader error codes (protocol specification, Appendix A). */
export const ThreeMError = {
  none: 0x00,
  commandNotImplemented: 0x02,
  noTransponder: 0x06,
  unknownError: 0x0f,
  memNotAvailable: 0x11,
  memLocked: 0x12,
  memNotRead: 0x15,
  memNotPut: 0x16,
  tagCommandNotSupported: 0x21,
  tagCommandUnknown: 0x22,
  tagOptionNotSupported: 0x23,
  notSupported: 0x30,
  optionNotSupported: 0x31,
  paramError: 0x32,
  userCancel: 0xfd,
  notEnoughMemory: 0xfe,
} as const;

const TEXT: Record<number, string> = {
  2: 'command not implemented',
  6: 'no transponder',
  15: 'unknown error',
  17: 'memory not available (bad block number?)',
  18: 'memory locked',
  21: 'memory not read',
  22: 'memory not written (not enough power?)',
  33: 'tag command not supported',
  34: 'tag command unknown',
  35: 'tag command option not supported',
  48: 'not supported by this tag',
  49: 'option not supported',
  50: 'parameter error',
  253: 'cancelled',
  254: 'reader out of memory',
};

const TAG_ERRORS = new Set([0x0f, 0x11, 0x12, 0x15, 0x16, 0x21, 0x22, 0x23, 0x30]);

export function threeMError(code: number, what: string): RfidError {
  const text = TEXT[code] ?? `error 0x${code.toString(16).padStart(2, '0')}`;
  if (code === ThreeMError.noTransponder) return new RfidError('no_tag', `${what}: ${text}`, code);
  return new RfidError(TAG_ERRORS.has(code) ? 'tag_error' : 'reader_error', `${what}: ${text}`, code);
}

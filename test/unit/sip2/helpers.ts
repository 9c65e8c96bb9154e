import { sipChecksum } from '../../../electron/station/sip2/codec/checksum.js';

/** Appends `AY<n>AZ<checksum>` to ASCII message text, as a server would, and returns the bytes. */
export function withErrorDetection(
  text: string,
  sequence: number,
  encode: (s: string) => Buffer = (s) => Buffer.from(s, 'utf8'),
): Buffer {
  const covered = encode(`${text}AY${sequence}AZ`);
  return Buffer.concat([covered, Buffer.from(sipChecksum(covered), 'ascii'), Buffer.from('\r')]);
}

/** A SIP2 date for 2024-03-15 10:30:00 local time. */
export const MARCH_15 = '20240315    103000';

/**
 * The SIP2 checksum: the two's complement of the 16-bit sum of the message's BYTES, from the first
 * byte through the `AZ`, as four upper-case hex digits. Bytes, not characters: a client that sums
 * JavaScript char codes gets every non-ASCII message wrong.
 */
export function sipChecksum(bytes: Uint8Array, end: number = bytes.length): string {
  let sum = 0;
  for (let i = 0; i < end; i++) sum += bytes[i] as number;
  return (-sum & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

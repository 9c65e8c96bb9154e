import { dsfidSays28560_2 } from './detect.js';
import { BASIC_BLOCK_LENGTH, hasValidIso28560_3Crc } from './iso28560-3.js';

/**
 * How many more bytes a decoder needs after a partial read of tag memory, so a pad reads only the
 * blocks that hold data (at 38400 baud every block costs about 1.4 ms of wire time). 0 when the data
 * read so far is complete, or when more would not help (unknown layout: the decoder will say why).
 */
export function bytesStillNeeded(bytes: Uint8Array, dsfid?: number): number {
  if (bytes.length >= 32 && hasValidIso28560_3Crc(bytes)) return extensionBlocksNeed(bytes);
  // ISO 28560-2, announced by its DSFID or recognised by a first precursor naming OID 1.
  if (dsfidSays28560_2(dsfid) || (bytes[0] !== undefined && (bytes[0] & 0x0f) === 1))
    return dataSetsNeed(bytes);
  return 0;
}

function extensionBlocksNeed(bytes: Uint8Array): number {
  let pos = BASIC_BLOCK_LENGTH;
  for (;;) {
    if (pos >= bytes.length) return pos - bytes.length + 1;
    const length = bytes[pos]!;
    if (length === 0) return 0;
    if (length < 4) {
      if (length === 1) {
        pos++;
        continue;
      }
      return 0;
    }
    pos += length;
  }
}

function dataSetsNeed(bytes: Uint8Array): number {
  let pos = 0;
  for (;;) {
    if (pos >= bytes.length) return pos - bytes.length + 1;
    const precursor = bytes[pos]!;
    if (precursor === 0) return 0;
    let header = 2 + ((precursor & 0x0f) === 0x0f ? 1 : 0) + (precursor & 0x80 ? 1 : 0);
    if (pos + header > bytes.length) return pos + header - bytes.length;
    const offset = precursor & 0x80 ? bytes[pos + header - 2]! : 0;
    const length = bytes[pos + header - 1]!;
    header += length + offset;
    pos += header;
  }
}

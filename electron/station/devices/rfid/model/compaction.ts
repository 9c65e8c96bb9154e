import { TagDecodeError, TagEncodeError } from '../errors.js';
import { BitReader, BitWriter } from './bits.js';

/**
 * ISO/IEC 15962 compaction schemes, as ISO 28560-2 uses them (the 3-bit code in a data set's
 * precursor). Application-defined (0) is decided per OID by the data model, not here.
 */
export const Compaction = {
  applicationDefined: 0,
  integer: 1,
  numeric: 2,
  fiveBit: 3,
  sixBit: 4,
  sevenBit: 5,
  octet: 6,
  utf8: 7,
} as const;
export type CompactionCode = (typeof Compaction)[keyof typeof Compaction];

/**
 * The n-bit codes pack characters MSB first and fill the last byte with padding bits. When the padding
 * is a whole character wide it reads as one more character, so each scheme pads with a pattern a
 * decoder can drop: 6-bit pads with the leading bits of 100000 (space), as ISO 28560-2 Annex D shows
 * ("QA268.L55" ends in 0xD6); 5-bit and 7-bit pad with 1-bits ('_' and DEL). An encoder that would
 * produce an ambiguous string (one ending in the padding character) picks another scheme instead.
 */
const PACKED = {
  [Compaction.fiveBit]: { width: 5, pad: 0b11111 },
  [Compaction.sixBit]: { width: 6, pad: 0b100000 },
  [Compaction.sevenBit]: { width: 7, pad: 0b1111111 },
} as const;
type PackedCode = keyof typeof PACKED;

function toCode(code: PackedCode, ch: number): number | undefined {
  switch (code) {
    case Compaction.fiveBit:
      return ch >= 0x40 && ch <= 0x5f ? ch - 0x40 : undefined;
    case Compaction.sixBit:
      if (ch >= 0x40 && ch <= 0x5f) return ch - 0x40;
      return ch >= 0x20 && ch <= 0x3f ? ch : undefined;
    case Compaction.sevenBit:
      return ch >= 0x01 && ch <= 0x7e ? ch : undefined;
  }
}

function fromCode(code: PackedCode, value: number): number {
  switch (code) {
    case Compaction.fiveBit:
      return value + 0x40;
    case Compaction.sixBit:
      return value < 0x20 ? value + 0x40 : value;
    case Compaction.sevenBit:
      return value;
  }
}

function packChars(code: PackedCode, text: string): Uint8Array | undefined {
  const { width, pad } = PACKED[code];
  const out = new BitWriter();
  for (let i = 0; i < text.length; i++) {
    const value = toCode(code, text.charCodeAt(i));
    if (value === undefined) return undefined;
    out.write(value, width);
  }
  return out.pad(pad, width);
}

function unpackChars(code: PackedCode, bytes: Uint8Array): string {
  const { width, pad } = PACKED[code];
  const bits = new BitReader(bytes);
  const values: number[] = [];
  while (bits.remaining >= width) values.push(bits.read(width));
  // A last character made only of padding, whose removal would not shorten the byte string, is padding.
  const last = values.at(-1);
  if (last === pad && Math.ceil(((values.length - 1) * width) / 8) === bytes.length) values.pop();
  return String.fromCharCode(...values.map((v) => fromCode(code, v)));
}

function bigintToBytes(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesToBigint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

const DIGITS = /^[0-9]+$/;

/** Turns compacted bytes back into the data element's string. Throws only TagDecodeError. */
export function decompact(code: CompactionCode, bytes: Uint8Array): string {
  switch (code) {
    case Compaction.integer:
      if (bytes.length === 0)
        throw new TagDecodeError('bad_value', 'an integer-compacted value has no bytes');
      return bytesToBigint(bytes).toString(10);
    case Compaction.numeric: {
      // Numeric compaction keeps leading zeros by converting "1" + digits to an integer.
      const digits = bytes.length ? bytesToBigint(bytes).toString(10) : '';
      if (!digits.startsWith('1'))
        throw new TagDecodeError(
          'bad_value',
          'a numeric-compacted value does not start with its marker digit 1',
        );
      return digits.slice(1);
    }
    case Compaction.fiveBit:
    case Compaction.sixBit:
    case Compaction.sevenBit:
      return unpackChars(code, bytes);
    case Compaction.octet:
      return String.fromCharCode(...bytes);
    case Compaction.utf8:
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new TagDecodeError('bad_value', 'a UTF-8 value is not valid UTF-8');
      }
    case Compaction.applicationDefined:
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
}

/** Compacts `text` with one given scheme, or returns undefined when the scheme cannot carry it. */
export function compactWith(code: CompactionCode, text: string): Uint8Array | undefined {
  let bytes: Uint8Array | undefined;
  switch (code) {
    case Compaction.integer:
      if (!DIGITS.test(text) || (text.length > 1 && text.startsWith('0'))) return undefined;
      bytes = bigintToBytes(BigInt(text));
      break;
    case Compaction.numeric:
      if (!DIGITS.test(text)) return undefined;
      bytes = bigintToBytes(BigInt(`1${text}`));
      break;
    case Compaction.fiveBit:
    case Compaction.sixBit:
    case Compaction.sevenBit:
      bytes = packChars(code, text);
      break;
    case Compaction.octet:
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return undefined;
      bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
      break;
    case Compaction.utf8:
      bytes = new TextEncoder().encode(text);
      break;
    case Compaction.applicationDefined:
      return undefined;
  }
  // Only schemes that give the same string back are offered (see the padding note above).
  if (bytes === undefined || bytes.length > 255) return undefined;
  return decompact(code, bytes) === text ? bytes : undefined;
}

const PREFERENCE: CompactionCode[] = [
  Compaction.integer,
  Compaction.numeric,
  Compaction.fiveBit,
  Compaction.sixBit,
  Compaction.sevenBit,
  Compaction.octet,
  Compaction.utf8,
];

/** Picks the shortest scheme that carries `text`, as ISO 15962 encoders do (ties go to the earlier). */
export function compact(text: string): { code: CompactionCode; bytes: Uint8Array } {
  if (text.length === 0) throw new TagEncodeError('an empty value cannot be encoded');
  let best: { code: CompactionCode; bytes: Uint8Array } | undefined;
  for (const code of PREFERENCE) {
    const bytes = compactWith(code, text);
    if (bytes && (!best || bytes.length < best.bytes.length)) best = { code, bytes };
  }
  if (!best) throw new TagEncodeError(`"${text}" is too long to encode (more than 255 bytes)`);
  return best;
}

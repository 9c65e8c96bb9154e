import { TagDecodeError, TagEncodeError } from '../errors.js';
import type { DecodedTag } from './types.js';

/**
 * The 3M proprietary layout found on older collections (documented by Biblio::RFID, module RFID501):
 *
 *   0      0x04
 *   1      high nibble this part's number, low nibble number of parts
 *   2      0x00
 *   3      item type (ITEM_TYPES)
 *   4-19   item barcode, NUL-terminated
 *   20-23  big-endian: branch (top 12 bits), library (low 20 bits)
 *   24-27  custom field, signed 32-bit big-endian
 *   28-31  zero
 * A blank 3M tag reads 0x55 x 24 then 0x00 x 4. Decoding only: new tags get an ISO model.
 */
export const ITEM_TYPES: Record<number, string> = {
  0: 'Other',
  1: 'Book',
  2: 'Magazine',
  3: 'Bound Journal',
  4: 'Audio Tape',
  5: 'Video',
  6: 'CD/CD ROM',
  7: 'Diskette',
  8: 'Book with Diskette',
  9: 'Book with CD/CD ROM',
  13: 'Book with Audio Tape',
};

const MIN_LENGTH = 24;

/** Whether the bytes are the 3M factory blank. */
export function is3mBlank(bytes: Uint8Array): boolean {
  if (bytes.length < 28) return false;
  for (let i = 0; i < 24; i++) if (bytes[i] !== 0x55) return false;
  for (let i = 24; i < 28; i++) if (bytes[i] !== 0x00) return false;
  return true;
}

/** Whether the bytes start like the 3M layout (the cheap test auto-detection uses). */
export function looks3m(bytes: Uint8Array): boolean {
  if (bytes.length < MIN_LENGTH || bytes[0] !== 0x04 || bytes[2] !== 0x00) return false;
  const end = bytes.subarray(4, 20).indexOf(0);
  const barcode = bytes.subarray(4, end === -1 ? 20 : 4 + end);
  return barcode.length > 0 && barcode.every((b) => b >= 0x20 && b < 0x7f);
}

/** Decodes the 3M layout. Throws only TagDecodeError. */
export function decode3m(bytes: Uint8Array): DecodedTag {
  if (bytes.length === 0) throw new TagDecodeError('empty', 'no data');
  if (bytes.length < MIN_LENGTH)
    throw new TagDecodeError('truncated', `the 3M layout needs ${MIN_LENGTH} bytes, got ${bytes.length}`);
  const tag: DecodedTag = { model: '3m', warnings: [] };
  if (bytes[0] !== 0x04) tag.warnings.push(`first byte is 0x${bytes[0]!.toString(16)}, expected 0x04`);
  if (bytes[2] !== 0x00) tag.warnings.push(`third byte is 0x${bytes[2]!.toString(16)}, expected 0x00`);
  tag.setInfo = { parts: bytes[1]! & 0x0f, part: bytes[1]! >>> 4 };
  tag.itemType = bytes[3]!;
  const label = ITEM_TYPES[tag.itemType];
  if (label) tag.itemTypeLabel = label;
  const end = bytes.subarray(4, 20).indexOf(0);
  const barcode = bytes.subarray(4, end === -1 ? 20 : 4 + end);
  if (barcode.length === 0) throw new TagDecodeError('bad_value', 'the 3M barcode field is empty', 4);
  tag.primaryItemId = String.fromCharCode(...barcode);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const branchLibrary = view.getUint32(20);
  tag.branch = branchLibrary >>> 20;
  tag.library = branchLibrary & 0x000fffff;
  if (bytes.length >= 28) tag.custom = view.getInt32(24);
  if (bytes.length >= 32 && view.getUint32(28) !== 0) tag.warnings.push('the last block is not zero');
  return tag;
}

/**
 * Writes the 3M layout (32 bytes). Only simulators and tests need it: new tags get an ISO model.
 */
export function encode3m(value: {
  primaryItemId: string;
  setInfo?: { parts: number; part: number };
  itemType?: number;
  branch?: number;
  library?: number;
  custom?: number;
}): Uint8Array {
  const barcode = new TextEncoder().encode(value.primaryItemId);
  if (barcode.length === 0 || barcode.length > 16) throw new TagEncodeError('a 3M barcode is 1 to 16 bytes');
  const set = value.setInfo ?? { parts: 1, part: 1 };
  if (set.parts > 15 || set.part > 15) throw new TagEncodeError('the 3M layout counts parts up to 15');
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  out[0] = 0x04;
  out[1] = (set.part << 4) | set.parts;
  out[3] = value.itemType ?? 1;
  out.set(barcode, 4);
  view.setUint32(20, ((((value.branch ?? 0) & 0xfff) << 20) | ((value.library ?? 0) & 0xfffff)) >>> 0);
  view.setInt32(24, value.custom ?? 0);
  return out;
}

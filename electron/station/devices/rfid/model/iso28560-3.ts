import { crc16CcittFalse } from '../crc16.js';
import { TagDecodeError, TagEncodeError } from '../errors.js';
import type { DecodedTag } from './types.js';

/**
 * ISO 28560-3 (the "Danish model"): a fixed 34-byte basic block, then optional extension blocks.
 *
 *   0      high nibble version (1), low nibble type of usage
 *   1      number of parts in the set        2   this part's number   (not the other way round)
 *   3-18   primary item identifier, NUL-padded, all 16 bytes usable (0x01 in byte 3: it is in an
 *          extension block instead)
 *   19-20  CRC-16/CCITT-FALSE, low byte first, over bytes 0-18 then 21-33, zero-padded to 32 bytes
 *   21-33  owner ISIL, NUL-padded (older Danish tags: 21-22 country code, 23-33 the library's number)
 *   34...  extension blocks [length][block id lo][block id hi][XOR checksum][data...]; the length
 *          counts the whole block; the XOR of all its bytes is 0; length 0 ends the list, 1 is a filler.
 * 32-byte tags carry a truncated basic block (ISIL in 21-31).
 */
export const BASIC_BLOCK_LENGTH = 34;
const TRUNCATED_LENGTH = 32;

/** The basic block's CRC: bytes 0-18 and 21-33 (as many as there are), zero-padded to 32 bytes. */
export function iso28560_3Crc(bytes: Uint8Array): number {
  const covered = new Uint8Array(32);
  covered.set(bytes.subarray(0, 19), 0);
  covered.set(bytes.subarray(21, BASIC_BLOCK_LENGTH), 19);
  return crc16CcittFalse(covered);
}

/** Whether the stored CRC matches (the cheap test auto-detection uses). */
export function hasValidIso28560_3Crc(bytes: Uint8Array): boolean {
  if (bytes.length < TRUNCATED_LENGTH) return false;
  return (bytes[19]! | (bytes[20]! << 8)) === iso28560_3Crc(bytes);
}

const USAGE_CLASSES = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

function text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  const used = end === -1 ? bytes : bytes.subarray(0, end);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(used);
  } catch {
    return String.fromCharCode(...used);
  }
}

function readExtensionBlocks(bytes: Uint8Array, tag: DecodedTag): void {
  const blocks: { id: number; data: string }[] = [];
  let pos = BASIC_BLOCK_LENGTH;
  while (pos < bytes.length) {
    const length = bytes[pos]!;
    if (length === 0) break;
    if (length === 1) {
      pos++;
      continue;
    }
    if (length < 4)
      throw new TagDecodeError(
        'bad_structure',
        `extension block at byte ${pos} is ${length} bytes long`,
        pos,
      );
    if (pos + length > bytes.length)
      throw new TagDecodeError(
        'truncated',
        `extension block at byte ${pos} runs past the end of the data`,
        pos,
      );
    const block = bytes.subarray(pos, pos + length);
    if (block.reduce((x, b) => x ^ b, 0) !== 0)
      throw new TagDecodeError('bad_checksum', `extension block at byte ${pos} fails its XOR checksum`, pos);
    // Block ids are 16-bit little-endian; a high byte of 0xFF escapes to a 32-bit id.
    const escaped = block[2] === 0xff && length >= 6;
    const id = escaped ? block[1]! | (block[3]! << 8) | (block[4]! << 16) : block[1]! | (block[2]! << 8);
    const dataStart = escaped ? 6 : 4;
    const data = Array.from(block.subarray(dataStart), (b) => b.toString(16).padStart(2, '0')).join('');
    blocks.push({ id, data });
    pos += length;
  }
  if (blocks.length) tag.extensionBlocks = blocks;
}

/** Decodes an ISO 28560-3 basic block and its extension blocks. Throws only TagDecodeError. */
export function decodeIso28560_3(bytes: Uint8Array): DecodedTag {
  if (bytes.length === 0) throw new TagDecodeError('empty', 'no data');
  if (bytes.length < TRUNCATED_LENGTH)
    throw new TagDecodeError(
      'truncated',
      `an ISO 28560-3 basic block needs 32 bytes at least, got ${bytes.length}`,
    );
  const stored = bytes[19]! | (bytes[20]! << 8);
  const computed = iso28560_3Crc(bytes);
  if (stored !== computed)
    throw new TagDecodeError(
      'bad_crc',
      `ISO 28560-3 CRC is 0x${stored.toString(16).padStart(4, '0')}, expected 0x${computed.toString(16).padStart(4, '0')}`,
      19,
    );
  const tag: DecodedTag = { model: 'iso28560-3', warnings: [] };
  let version = bytes[0]! >>> 4;
  let usage = bytes[0]! & 0x0f;
  // Some Bibliotheca tags swap the nibbles (usage high, version low).
  if (version !== 1 && usage === 1 && USAGE_CLASSES.has(version)) {
    [version, usage] = [usage, version];
    tag.warnings.push('version and type of usage nibbles are swapped (usage in the high nibble)');
  } else if (version !== 1) {
    tag.warnings.push(`basic block version ${version} (expected 1)`);
  }
  tag.version = version;
  tag.typeOfUsage = usage;
  tag.setInfo = { parts: bytes[1]!, part: bytes[2]! };
  if (tag.setInfo.parts === 0 || tag.setInfo.part === 0 || tag.setInfo.part > tag.setInfo.parts)
    tag.warnings.push(`set information says part ${tag.setInfo.part} of ${tag.setInfo.parts}`);
  if (bytes[3] === 0x01) {
    tag.warnings.push('the primary item identifier is longer than 16 bytes and lives in an extension block');
  } else {
    tag.primaryItemId = text(bytes.subarray(3, 19));
  }
  const isil = text(bytes.subarray(21, BASIC_BLOCK_LENGTH));
  const legacy = /^([A-Z]{2})([^-]+)$/.exec(isil);
  if (legacy) {
    tag.ownerIsil = `${legacy[1]}-${legacy[2]}`;
    tag.warnings.push('owner library in the older country code + library number form');
  } else if (isil) {
    tag.ownerIsil = isil;
  }
  if (bytes.length < BASIC_BLOCK_LENGTH) tag.warnings.push('truncated basic block (32-byte tag)');
  readExtensionBlocks(bytes, tag);
  return tag;
}

export interface Iso28560_3Fields {
  primaryItemId: string;
  ownerIsil?: string;
  setInfo?: { parts: number; part: number };
  typeOfUsage?: number;
  /** Extension blocks to append (data without the frame). */
  extensionBlocks?: { id: number; data: Uint8Array }[];
}

/** Encodes an ISO 28560-3 basic block (34 bytes) and any extension blocks. Throws TagEncodeError. */
export function encodeIso28560_3(value: Iso28560_3Fields): Uint8Array {
  const id = new TextEncoder().encode(value.primaryItemId);
  if (id.length === 0) throw new TagEncodeError('the primary item identifier is required');
  if (id.length > 16)
    throw new TagEncodeError(
      'a primary item identifier longer than 16 bytes needs an extension block (not supported)',
    );
  if (id[0] === 0x01) throw new TagEncodeError('a primary item identifier cannot start with byte 0x01');
  const isil = new TextEncoder().encode(value.ownerIsil ?? '');
  if (isil.length > 13)
    throw new TagEncodeError('an owner ISIL longer than 13 bytes does not fit the basic block');
  const set = value.setInfo ?? { parts: 1, part: 1 };
  if (!(set.parts >= 1 && set.parts <= 255 && set.part >= 1 && set.part <= set.parts))
    throw new TagEncodeError(`set information ${set.part} of ${set.parts} is not valid`);
  const usage = value.typeOfUsage ?? 1;
  if (!(usage >= 0 && usage <= 15)) throw new TagEncodeError('type of usage is 0..15');

  const extensions = (value.extensionBlocks ?? []).map(({ id: blockId, data }) => {
    if (blockId < 0 || blockId > 0xfeff)
      throw new TagEncodeError(`extension block id ${blockId} is out of range`);
    const length = 4 + data.length;
    if (length > 255) throw new TagEncodeError('an extension block is longer than 255 bytes');
    const block = new Uint8Array(length);
    block.set([length, blockId & 0xff, blockId >>> 8, 0]);
    block.set(data, 4);
    block[3] = block.reduce((x, b) => x ^ b, 0);
    return block;
  });
  const extensionLength = extensions.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(BASIC_BLOCK_LENGTH + extensionLength + (extensions.length ? 1 : 0));
  out[0] = (1 << 4) | usage;
  out[1] = set.parts;
  out[2] = set.part;
  out.set(id, 3);
  out.set(isil, 21);
  const crc = iso28560_3Crc(out);
  out[19] = crc & 0xff;
  out[20] = crc >>> 8;
  let pos = BASIC_BLOCK_LENGTH;
  for (const block of extensions) {
    out.set(block, pos);
    pos += block.length;
  }
  return out;
}

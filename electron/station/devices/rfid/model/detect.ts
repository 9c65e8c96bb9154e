import { TagDecodeError } from '../errors.js';
import { DSFID_ISO28560_2, decodeIso28560_2, isIso28560_2Chain } from './iso28560-2.js';
import { decodeIso28560_3, hasValidIso28560_3Crc } from './iso28560-3.js';
import { decode3m, is3mBlank, looks3m } from './legacy-3m.js';
import type { DecodedTag, TagModel } from './types.js';

export type ModelChoice = 'auto' | Exclude<TagModel, 'blank'>;

export interface DecodeOptions {
  /** Which model to decode with; 'auto' detects it from the DSFID and the content. */
  model?: ModelChoice;
  /** The tag's DSFID from the inventory, when known (0x06 announces ISO 28560-2). */
  dsfid?: number;
}

/** Each 4-byte block's bytes reversed: how some tags were written by readers that send blocks MSB first. */
export function reverseBlocks(bytes: Uint8Array, blockSize = 4): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let start = 0; start < bytes.length; start += blockSize) {
    const end = Math.min(start + blockSize, bytes.length);
    for (let i = start; i < end; i++) out[i] = bytes[end - 1 - (i - start)]!;
  }
  return out;
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0x00) || bytes.every((b) => b === 0xff) || is3mBlank(bytes);
}

function blank(bytes: Uint8Array): DecodedTag {
  return { model: 'blank', warnings: is3mBlank(bytes) ? ['3M factory blank'] : [] };
}

/** Whether the DSFID announces ISO 28560-2 (data format 6, whatever the access-method bits). */
export function dsfidSays28560_2(dsfid: number | undefined): boolean {
  return dsfid !== undefined && (dsfid & 0x1f) === DSFID_ISO28560_2;
}

function looksIso28560_3(bytes: Uint8Array): boolean {
  if (bytes.length < 32) return false;
  const version = bytes[0]! >>> 4;
  const swapped = (bytes[0]! & 0x0f) === 1;
  const end = bytes.subarray(3, 19).indexOf(0);
  const id = bytes.subarray(3, end === -1 ? 19 : 3 + end);
  return (version === 1 || swapped) && id.length > 0 && id.every((b) => b >= 0x20 && b < 0x7f);
}

function decodeIso3Variants(bytes: Uint8Array): DecodedTag | undefined {
  if (hasValidIso28560_3Crc(bytes)) return decodeIso28560_3(bytes);
  const reversed = reverseBlocks(bytes);
  if (hasValidIso28560_3Crc(reversed)) {
    const tag = decodeIso28560_3(reversed);
    tag.warnings.unshift('tag memory is stored byte-reversed per 4-byte block');
    return tag;
  }
  return undefined;
}

/**
 * Decodes tag memory (logical byte order) with the given or detected data model. Blank tags decode as
 * model 'blank'. Throws only TagDecodeError, whatever the bytes.
 */
export function decodeTag(bytes: Uint8Array, options: DecodeOptions = {}): DecodedTag {
  const model = options.model ?? 'auto';
  if (bytes.length === 0) throw new TagDecodeError('empty', 'no data');
  if (isBlank(bytes)) return blank(bytes);
  switch (model) {
    case 'iso28560-2':
      return decodeIso28560_2(bytes);
    case 'iso28560-3':
      return decodeIso3Variants(bytes) ?? decodeIso28560_3(bytes);
    case '3m':
      return decode3m(bytes);
    case 'auto':
      return detectAndDecode(bytes, options.dsfid);
  }
}

function detectAndDecode(bytes: Uint8Array, dsfid: number | undefined): DecodedTag {
  // A DSFID of 0x06 is the tag saying what it is; believe it and report its own errors.
  if (dsfidSays28560_2(dsfid)) return decodeIso28560_2(bytes);
  const iso3 = decodeIso3Variants(bytes);
  if (iso3) return iso3;
  if (looks3m(bytes)) return decode3m(bytes);
  // A 28560-3 basic block whose CRC failed (version nibble, a text item id): say so rather than guess.
  if (looksIso28560_3(bytes)) return decodeIso28560_3(bytes);
  // ISO 28560-2 without its DSFID: only a well-formed data set chain counts.
  if (isIso28560_2Chain(bytes)) {
    const tag = decodeIso28560_2(bytes);
    tag.warnings.unshift('no ISO 28560-2 DSFID (0x06); recognised from the content');
    return tag;
  }
  throw new TagDecodeError(
    'unknown_model',
    'no known data model fits these bytes (ISO 28560-2, ISO 28560-3, 3M)',
  );
}

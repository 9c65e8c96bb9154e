import { TagDecodeError, TagEncodeError } from '../errors.js';
import { Compaction, type CompactionCode, compact, decompact } from './compaction.js';
import { decodeIsil, encodeIsil } from './isil.js';
import { ISIL_OIDS, MAX_OID, OID, TEXT_FIELD_BY_OID, type TextField } from './oids.js';
import type { DecodedTag, SetInfo } from './types.js';

/**
 * ISO 28560-2: data sets identified by relative OIDs, each compacted on its own (ISO/IEC 15962,
 * no-directory access method; DSFID 0x06). Memory is a chain of data sets ended by a 0x00 byte:
 *
 *   precursor  [b7 offset flag][b6-4 compaction][b3-0 relative OID; 0xF = escape]
 *   (OID byte) OID - 15, present when the nibble is 0xF
 *   (offset)   number of pad bytes after the data, present when the flag is set
 *   length     bytes of compacted data
 *   data, then the pad bytes (used to end a data set on a block boundary so it can be locked)
 */
export const DSFID_ISO28560_2 = 0x06;

const BLOCK = 4;

interface DataSet {
  oid: number;
  compaction: CompactionCode;
  data: Uint8Array;
  offset: number;
  at: number;
}

function readDataSets(bytes: Uint8Array): { sets: DataSet[]; terminated: boolean } {
  const sets: DataSet[] = [];
  let pos = 0;
  const need = (n: number, what: string, at: number) => {
    if (pos + n > bytes.length)
      throw new TagDecodeError('truncated', `${what} runs past the end of the data`, at);
  };
  while (pos < bytes.length) {
    const at = pos;
    const precursor = bytes[pos++]!;
    if (precursor === 0) return { sets, terminated: true };
    const relative = precursor & 0x0f;
    if (relative === 0)
      throw new TagDecodeError('bad_structure', `data set at byte ${at} has relative OID 0`, at);
    let oid = relative;
    if (relative === 0x0f) {
      need(1, 'the OID byte of a data set', at);
      oid = 15 + bytes[pos++]!;
    }
    let offset = 0;
    if (precursor & 0x80) {
      need(1, 'the offset byte of a data set', at);
      offset = bytes[pos++]!;
    }
    need(1, 'the length byte of a data set', at);
    const length = bytes[pos++]!;
    need(length, `data set OID ${oid}`, at);
    const data = bytes.subarray(pos, pos + length);
    pos += length;
    // Padding may run into unread memory only if it is the very end of what we have.
    pos = Math.min(pos + offset, bytes.length);
    sets.push({ oid, compaction: ((precursor >>> 4) & 0x07) as CompactionCode, data, offset, at });
  }
  return { sets, terminated: false };
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function printable(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes.every((b) => b >= 0x20 && b < 0x7f);
}

function decodeSetInfo(digits: string, at: number): SetInfo {
  if (!/^[0-9]+$/.test(digits) || digits.length < 2)
    throw new TagDecodeError('bad_value', `set information "${digits}" is not a digit string`, at);
  // Total parts first, then this part's number, each with the same number of digits ("1203": part 3 of 12).
  const even = digits.length % 2 ? `0${digits}` : digits;
  const half = even.length / 2;
  return { parts: Number(even.slice(0, half)), part: Number(even.slice(half)) };
}

function decodeText(set: DataSet): string {
  if (set.compaction !== Compaction.applicationDefined) return decompact(set.compaction, set.data);
  if (ISIL_OIDS.has(set.oid)) return decodeIsil(set.data);
  // Application-defined values other than the ISILs (media formats, supply chain stage) are short
  // codes: shown as text when printable, as hex otherwise.
  return printable(set.data) ? String.fromCharCode(...set.data) : hex(set.data);
}

/**
 * Whether the bytes are a well-formed data set chain: OID 1 first, known OIDs only, each once, ended
 * by 0x00. Auto-detection asks this before calling a tag without DSFID ISO 28560-2, so that random
 * or damaged memory is not "decoded" into nonsense fields.
 */
export function isIso28560_2Chain(bytes: Uint8Array): boolean {
  try {
    const { sets, terminated } = readDataSets(bytes);
    const oids = sets.map((s) => s.oid);
    return (
      terminated &&
      oids[0] === OID.primaryItemId &&
      oids.every((o) => o <= MAX_OID) &&
      new Set(oids).size === oids.length
    );
  } catch {
    return false;
  }
}

/** Decodes ISO 28560-2 tag memory (logical byte order). Throws only TagDecodeError. */
export function decodeIso28560_2(bytes: Uint8Array): DecodedTag {
  if (bytes.length === 0) throw new TagDecodeError('empty', 'no data');
  const { sets, terminated } = readDataSets(bytes);
  if (sets.length === 0) throw new TagDecodeError('bad_structure', 'no data sets (the tag is empty)', 0);
  if (sets[0]!.oid !== OID.primaryItemId)
    throw new TagDecodeError(
      'bad_structure',
      `the first data set is OID ${sets[0]!.oid}, not the primary item identifier`,
      0,
    );
  const tag: DecodedTag = { model: 'iso28560-2', warnings: [] };
  if (!terminated) tag.warnings.push('no 0x00 terminator before the end of the data read');
  const seen = new Set<number>();
  for (const set of sets) {
    if (seen.has(set.oid)) {
      tag.warnings.push(`OID ${set.oid} appears more than once; the first is kept`);
      continue;
    }
    seen.add(set.oid);
    switch (set.oid) {
      case OID.contentParameter: {
        const oids: number[] = [];
        set.data.forEach((byte, i) => {
          for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >>> bit)) oids.push(3 + i * 8 + bit);
        });
        tag.contentParameter = oids;
        break;
      }
      case OID.setInfo:
        tag.setInfo = decodeSetInfo(valueText(set), set.at);
        if (tag.setInfo.parts === 0 || tag.setInfo.part === 0 || tag.setInfo.part > tag.setInfo.parts)
          tag.warnings.push(`set information says part ${tag.setInfo.part} of ${tag.setInfo.parts}`);
        break;
      case OID.typeOfUsage:
        if (set.compaction === Compaction.applicationDefined && set.data.length === 1) {
          tag.typeOfUsage = set.data[0]! >>> 4;
          tag.typeOfUsageQualifier = set.data[0]! & 0x0f;
        } else {
          const text = valueText(set);
          if (!/^[0-9a-fA-F]{1,2}$/.test(text))
            throw new TagDecodeError(
              'bad_value',
              `type of usage "${text}" is not one or two hex digits`,
              set.at,
            );
          const value = Number.parseInt(text.padEnd(2, '0'), 16);
          tag.typeOfUsage = value >>> 4;
          tag.typeOfUsageQualifier = value & 0x0f;
        }
        break;
      default: {
        const field = TEXT_FIELD_BY_OID.get(set.oid);
        const text = decodeText(set);
        if (field) tag[field] = text;
        else tag.warnings.push(`OID ${set.oid} is not defined by ISO 28560-2 (value ${text})`);
      }
    }
  }
  if (tag.contentParameter) {
    const listed = new Set(tag.contentParameter);
    const present = [...seen].filter((oid) => oid >= 3);
    const missing = [...listed].filter((oid) => !seen.has(oid));
    const unlisted = present.filter((oid) => !listed.has(oid));
    if (missing.length)
      tag.warnings.push(`content parameter lists OIDs not on the tag: ${missing.join(', ')}`);
    if (unlisted.length)
      tag.warnings.push(`OIDs on the tag missing from the content parameter: ${unlisted.join(', ')}`);
  }
  return tag;
}

/** A structured element's value as text: decompacted, or its bytes as characters when application-defined. */
function valueText(set: DataSet): string {
  return set.compaction === Compaction.applicationDefined
    ? String.fromCharCode(...set.data)
    : decompact(set.compaction, set.data);
}

/** What an ISO 28560-2 encoder takes: the primary item identifier and any other data elements. */
export type Iso28560_2Fields = { primaryItemId: string } & Partial<
  Pick<DecodedTag, TextField | 'setInfo' | 'typeOfUsage' | 'typeOfUsageQualifier'>
>;

export interface Iso28560_2EncodeOptions {
  /** Write the content parameter (OID 2) listing the other OIDs present. Default: when there are any. */
  contentParameter?: boolean;
  /**
   * OIDs whose data sets will be locked: each is made to start and end on a 4-byte block boundary
   * (by giving it, or the data set before it, an offset byte and pad bytes).
   */
  lock?: number[];
  /** Order of the data sets after OID 1 (and OID 2); OIDs not listed follow in ascending order. */
  order?: number[];
}

interface EncodedSet {
  oid: number;
  compaction: CompactionCode;
  data: Uint8Array;
}

function encodeSet(oid: number, value: Iso28560_2Fields): EncodedSet | undefined {
  switch (oid) {
    case OID.setInfo: {
      const set = value.setInfo;
      if (!set) return undefined;
      if (
        !Number.isInteger(set.parts) ||
        !Number.isInteger(set.part) ||
        set.parts < 1 ||
        set.part < 1 ||
        set.part > set.parts
      )
        throw new TagEncodeError(`set information ${set.part} of ${set.parts} is not valid`);
      const width = Math.max(2, String(set.parts).length);
      const { code, bytes } = compact(
        `${String(set.parts).padStart(width, '0')}${String(set.part).padStart(width, '0')}`,
      );
      return { oid, compaction: code, data: bytes };
    }
    case OID.typeOfUsage: {
      if (value.typeOfUsage === undefined) return undefined;
      const main = value.typeOfUsage;
      const qualifier = value.typeOfUsageQualifier ?? 0;
      if (!(main >= 0 && main <= 15 && qualifier >= 0 && qualifier <= 15))
        throw new TagEncodeError('type of usage and its qualifier are 0..15');
      return { oid, compaction: Compaction.applicationDefined, data: Uint8Array.of((main << 4) | qualifier) };
    }
    default: {
      const field = TEXT_FIELD_BY_OID.get(oid);
      const text = field ? value[field] : undefined;
      if (text === undefined || text === '') return undefined;
      if (ISIL_OIDS.has(oid)) {
        const isil = encodeIsil(text);
        if (isil) return { oid, compaction: Compaction.applicationDefined, data: isil };
      }
      const { code, bytes } = compact(text);
      return { oid, compaction: code, data: bytes };
    }
  }
}

function headerLength(oid: number, withOffset: boolean): number {
  return 2 + (oid >= 15 ? 1 : 0) + (withOffset ? 1 : 0);
}

/**
 * Encodes ISO 28560-2 tag memory (logical byte order), ending with the 0x00 terminator. Throws
 * TagEncodeError when a value cannot be carried.
 */
export function encodeIso28560_2(value: Iso28560_2Fields, options: Iso28560_2EncodeOptions = {}): Uint8Array {
  if (!value.primaryItemId) throw new TagEncodeError('the primary item identifier is required');
  const item = compact(value.primaryItemId);
  const sets: EncodedSet[] = [{ oid: OID.primaryItemId, compaction: item.code, data: item.bytes }];
  const order = [...(options.order ?? [])];
  for (let oid = 3; oid <= MAX_OID; oid++) if (!order.includes(oid)) order.push(oid);
  const rest: EncodedSet[] = [];
  for (const oid of order) {
    if (oid < 3 || oid > MAX_OID) throw new TagEncodeError(`OID ${oid} cannot be encoded`);
    const set = encodeSet(oid, value);
    if (set) rest.push(set);
  }
  if (options.contentParameter ?? rest.length > 0) {
    const bitmap = new Uint8Array(Math.max(1, Math.ceil((Math.max(2, ...rest.map((s) => s.oid)) - 2) / 8)));
    for (const set of rest) bitmap[(set.oid - 3) >>> 3]! |= 0x80 >>> ((set.oid - 3) & 7);
    sets.push({ oid: OID.contentParameter, compaction: Compaction.applicationDefined, data: bitmap });
  }
  sets.push(...rest);

  const locked = new Set(options.lock ?? []);
  const out: number[] = [];
  sets.forEach((set, i) => {
    const next = sets[i + 1];
    // A locked data set must end on a block boundary, and so must the one before a locked data set.
    // The offset byte is only spent when the data set would not end on a boundary anyway; it then
    // counts towards the alignment itself (ISO 28560-2 Annex D: item id 91 00 05 ... fills 8 bytes).
    const mustAlign = locked.has(set.oid) || (next !== undefined && locked.has(next.oid));
    const start = out.length;
    const align = mustAlign && (start + headerLength(set.oid, false) + set.data.length) % BLOCK !== 0;
    const size = headerLength(set.oid, align) + set.data.length;
    const pad = align ? (BLOCK - ((start + size) % BLOCK)) % BLOCK : 0;
    if (set.data.length > 255) throw new TagEncodeError(`OID ${set.oid} is longer than 255 bytes`);
    const relative = set.oid >= 15 ? 0x0f : set.oid;
    out.push((align ? 0x80 : 0) | (set.compaction << 4) | relative);
    if (set.oid >= 15) out.push(set.oid - 15);
    if (align) out.push(pad);
    out.push(set.data.length, ...set.data);
    for (let p = 0; p < pad; p++) out.push(0);
  });
  out.push(0x00);
  return Uint8Array.from(out);
}

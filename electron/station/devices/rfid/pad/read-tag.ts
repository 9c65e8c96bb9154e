import { type RfidError, type RfidErrorCode, TagDecodeError, type TagDecodeErrorCode } from '../errors.js';
import { decodeTag, type ModelChoice } from '../model/detect.js';
import { bytesStillNeeded } from '../model/extent.js';
import { type DecodedTag, isPatronCard, type TagModel } from '../model/types.js';
import type { RfidReader } from '../readers/reader.js';
import { toHex } from '../readers/reader.js';

/** One tag as read from the pad: what the kiosk shows and acts on. */
export interface TagReading {
  uid: string;
  dsfid?: number;
  /** AFI as read (tells whether the item is secured), when system information was read. */
  afi?: number;
  /** The data model the tag decoded with, or 'unknown' when it did not decode. */
  model: TagModel | 'unknown';
  kind: 'patron-card' | 'item' | 'blank' | 'unknown';
  /** Decoded fields, when decoding worked. */
  tag?: DecodedTag;
  /** Why there are no decoded fields: a decode error, or the read that kept failing. */
  error?: { code: TagDecodeErrorCode | RfidErrorCode; message: string };
  /** The memory read, hex, in tag order (for diagnostics and `bitig rfid decode`). */
  memory: string;
}

export interface ReadTagOptions {
  model?: ModelChoice;
  dsfid?: number;
  /** Read the tag's system information (AFI, memory size) first. Default true. */
  systemInfo?: boolean;
  /** Blocks read first; then only what the data model still needs. Default 9 (the 34-byte basic block). */
  initialBlocks?: number;
  /** Memory size to assume when the reader does not report one. Default 28 blocks (ICODE SLIX). */
  defaultBlockCount?: number;
}

export function kindOf(tag: DecodedTag | undefined): TagReading['kind'] {
  if (!tag) return 'unknown';
  if (tag.model === 'blank') return 'blank';
  return isPatronCard(tag) ? 'patron-card' : 'item';
}

/**
 * Reads a tag's memory (only the blocks its data needs) and decodes it. Reader failures are thrown as
 * RfidError; a tag that does not decode is a reading with `error` set, not an exception.
 */
export async function readTag(
  reader: RfidReader,
  uid: string,
  options: ReadTagOptions = {},
): Promise<TagReading> {
  let dsfid = options.dsfid;
  let afi: number | undefined;
  let blockSize = 4;
  let blockCount = options.defaultBlockCount ?? 28;
  if (options.systemInfo ?? true) {
    const info = await reader.systemInfo(uid);
    dsfid = info.dsfid;
    afi = info.afi;
    blockSize = info.blockSize;
    if (info.blockCount > 0) blockCount = info.blockCount;
  }
  let memory = await reader.readBlocks(uid, 0, Math.min(blockCount, options.initialBlocks ?? 9), blockSize);
  for (;;) {
    const have = memory.length / blockSize;
    const need = bytesStillNeeded(memory, dsfid);
    if (need === 0 || have >= blockCount) break;
    // At least 4 more blocks per round: a data set rarely ends exactly where the first guess did.
    const more = Math.min(blockCount - have, Math.max(4, Math.ceil(need / blockSize)));
    const next = await reader.readBlocks(uid, have, more, blockSize);
    const merged = new Uint8Array(memory.length + next.length);
    merged.set(memory);
    merged.set(next, memory.length);
    memory = merged;
  }
  const base = {
    uid,
    memory: toHex(memory),
    ...(dsfid !== undefined && { dsfid }),
    ...(afi !== undefined && { afi }),
  };
  try {
    const tag = decodeTag(memory, { model: options.model ?? 'auto', ...(dsfid !== undefined && { dsfid }) });
    return { ...base, model: tag.model, kind: kindOf(tag), tag };
  } catch (err) {
    if (!(err instanceof TagDecodeError)) throw err;
    return { ...base, model: 'unknown', kind: 'unknown', error: { code: err.code, message: err.message } };
  }
}

/** A reading for a tag whose memory could not be read at all. */
export function unreadable(uid: string, error: RfidError, dsfid?: number): TagReading {
  return {
    uid,
    ...(dsfid !== undefined && { dsfid }),
    model: 'unknown',
    kind: 'unknown',
    error: { code: error.code, message: error.message },
    memory: '',
  };
}

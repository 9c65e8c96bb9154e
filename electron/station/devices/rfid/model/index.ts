export { Compaction, type CompactionCode, compact, compactWith, decompact } from './compaction.js';
export {
  type DecodeOptions,
  decodeTag,
  dsfidSays28560_2,
  type ModelChoice,
  reverseBlocks,
} from './detect.js';
export { decodeIsil, encodeIsil, isIsilCompactable } from './isil.js';
export {
  DSFID_ISO28560_2,
  decodeIso28560_2,
  encodeIso28560_2,
  type Iso28560_2EncodeOptions,
  type Iso28560_2Fields,
} from './iso28560-2.js';
export {
  BASIC_BLOCK_LENGTH,
  decodeIso28560_3,
  encodeIso28560_3,
  hasValidIso28560_3Crc,
  type Iso28560_3Fields,
  iso28560_3Crc,
} from './iso28560-3.js';
export { decode3m, encode3m, ITEM_TYPES, is3mBlank } from './legacy-3m.js';
export { MAX_OID, OID } from './oids.js';
export {
  type DecodedTag,
  isPatronCard,
  type SetInfo,
  TAG_MODELS,
  type TagModel,
  TypeOfUsage,
} from './types.js';
export { parseUsage, USAGE_NAMES } from './usage.js';

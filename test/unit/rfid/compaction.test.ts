import { describe, expect, it } from 'vitest';
import { TagDecodeError } from '../../../electron/station/devices/rfid/errors.js';
import {
  Compaction,
  compact,
  compactWith,
  decompact,
} from '../../../electron/station/devices/rfid/model/compaction.js';
import { hex, toHexSpaced } from './helpers.js';

describe('ISO/IEC 15962 compaction', () => {
  it('integer: ISO 28560-2 Annex D item id 123456789012 is 1C BE 99 1A 14', () => {
    expect(compact('123456789012')).toEqual({ code: Compaction.integer, bytes: hex('1C BE 99 1A 14') });
    expect(decompact(Compaction.integer, hex('1C BE 99 1A 14'))).toBe('123456789012');
  });

  it('integer: Annex D set information 1203 is 04 B3', () => {
    expect(compact('1203')).toEqual({ code: Compaction.integer, bytes: hex('04 B3') });
  });

  it('numeric keeps leading zeros with a leading 1 digit', () => {
    const { code, bytes } = compact('0201');
    expect(code).toBe(Compaction.numeric);
    expect(bytes).toEqual(hex('27 D9')); // 10201
    expect(decompact(Compaction.numeric, bytes)).toBe('0201');
    expect(() => decompact(Compaction.numeric, hex('27'))).toThrow(TagDecodeError); // 39: no marker
  });

  it('6-bit: Annex D shelf location QA268.L55 is 44 1C B6 E2 E3 35 D6 (padded with 10)', () => {
    expect(compact('QA268.L55')).toEqual({ code: Compaction.sixBit, bytes: hex('44 1C B6 E2 E3 35 D6') });
    expect(decompact(Compaction.sixBit, hex('44 1C B6 E2 E3 35 D6'))).toBe('QA268.L55');
  });

  it('6-bit: a whole padding character (3 characters in 3 bytes) is dropped', () => {
    const bytes = compactWith(Compaction.sixBit, 'A.1')!;
    expect(bytes).toHaveLength(3);
    expect(bytes[2]! & 0x3f).toBe(0x20);
    expect(decompact(Compaction.sixBit, bytes)).toBe('A.1');
  });

  it('5-bit carries upper-case letters; 7-bit ASCII; octet Latin-1; UTF-8 the rest', () => {
    expect(compact('ABCDEFGH').code).toBe(Compaction.fiveBit);
    expect(toHexSpaced(compactWith(Compaction.fiveBit, 'AB')!)).toBe('08 BF'); // 00001 00010 + 111111
    expect(decompact(Compaction.fiveBit, hex('08 BF'))).toBe('AB');
    expect(compact('Kitob nomi').code).toBe(Compaction.sevenBit);
    expect(compact('Größe').code).toBe(Compaction.octet);
    expect(compact('Oʻzbekiston').code).toBe(Compaction.utf8);
    expect(compact('Ўзбекистон').code).toBe(Compaction.utf8);
    for (const text of ['ABCDEFGH', 'Kitob nomi', 'Größe', 'Ўзбекистон', 'a', '7', '0', '00000']) {
      const { code, bytes } = compact(text);
      expect(decompact(code, bytes)).toBe(text);
    }
  });

  it('refuses an ambiguous packing and falls back to a scheme that round-trips', () => {
    // "AB_" in 5-bit would end in the all-ones padding character.
    expect(compactWith(Compaction.fiveBit, 'AB_')).toBeUndefined();
    const { code, bytes } = compact('AB_');
    expect(decompact(code, bytes)).toBe('AB_');
  });

  it('rejects invalid UTF-8 and empty integers with TagDecodeError', () => {
    expect(() => decompact(Compaction.utf8, hex('C3 28'))).toThrow(TagDecodeError);
    expect(() => decompact(Compaction.integer, new Uint8Array())).toThrow(TagDecodeError);
  });
});

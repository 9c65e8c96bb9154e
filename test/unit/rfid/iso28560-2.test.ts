import { describe, expect, it } from 'vitest';
import { TagDecodeError, TagEncodeError } from '../../../electron/station/devices/rfid/errors.js';
import {
  decodeIso28560_2,
  encodeIso28560_2,
} from '../../../electron/station/devices/rfid/model/iso28560-2.js';
import { OID } from '../../../electron/station/devices/rfid/model/oids.js';
import { hex, toHexSpaced } from './helpers.js';

/**
 * ISO 28560-2 Annex D's worked tag, as far as the standard prints it (GOST R ISO 28560-2-2014, tables
 * D.5 and D.6): item id 123456789012 locked (offset flag, offset 0: exactly two blocks), content
 * parameter D0 (OIDs 3, 4, 6), set information 1203, shelf location QA268.L55 in 6-bit, ending on a
 * block boundary so the owner ISIL after it can be locked too.
 */
const ANNEX_D = hex('91 00 05 1C BE 99 1A 14  02 01 D0  14 02 04 B3  46 07 44 1C B6 E2 E3 35 D6');

describe('ISO 28560-2 encoding', () => {
  it('reproduces Annex D bit for bit', () => {
    const bytes = encodeIso28560_2(
      {
        primaryItemId: '123456789012',
        setInfo: { parts: 12, part: 3 },
        shelfLocation: 'QA268.L55',
        ownerIsil: 'DE-Heu1',
      },
      { lock: [OID.primaryItemId, OID.ownerIsil], order: [OID.setInfo, OID.shelfLocation, OID.ownerIsil] },
    );
    expect(toHexSpaced(bytes.subarray(0, 24))).toBe(toHexSpaced(ANNEX_D));
    // The owner ISIL (Annex C example 1) starts on block 6 and, 8 bytes long, ends on a boundary.
    expect(toHexSpaced(bytes.subarray(24))).toBe('03 06 21 40 8E 16 BF 1F 00');
  });

  it('decodes Annex D', () => {
    const tag = decodeIso28560_2(Uint8Array.of(...ANNEX_D, 0x03, 0x06, ...hex('21 40 8E 16 BF 1F'), 0x00));
    expect(tag).toMatchObject({
      model: 'iso28560-2',
      primaryItemId: '123456789012',
      contentParameter: [3, 4, 6],
      setInfo: { parts: 12, part: 3 },
      shelfLocation: 'QA268.L55',
      ownerIsil: 'DE-Heu1',
      warnings: [],
    });
  });

  it('puts the content parameter second, as a bitmap of OIDs 3 onwards', () => {
    const bytes = encodeIso28560_2({ primaryItemId: 'X1', typeOfUsage: 1, title: 'Kitob' });
    const tag = decodeIso28560_2(bytes);
    expect(tag.contentParameter).toEqual([5, 17]);
    // OIDs 3..17 need 2 bytes: 5 is bit 2 of byte 0, 17 is bit 6 of byte 1.
    const cp = 2 + bytes[1]!;
    expect(toHexSpaced(bytes.subarray(cp, cp + 4))).toBe('02 02 20 02');
  });

  it('encodes OIDs above 14 with the escape nibble and OID - 15 in the next byte', () => {
    const bytes = encodeIso28560_2(
      { primaryItemId: '1', localDataA: 'A', title: 'Alpomish' },
      { contentParameter: false },
    );
    // 1 data set (11 01 01), then local data A (OID 15: nibble F, byte 00), then title (OID 17: byte 02).
    expect(toHexSpaced(bytes.subarray(0, 3))).toBe('11 01 01');
    expect(bytes[3]! & 0x0f).toBe(0x0f);
    expect(bytes[4]).toBe(0x00);
    const titleAt = 5 + 1 + bytes[5]!;
    expect(bytes[titleAt]! & 0x0f).toBe(0x0f);
    expect(bytes[titleAt + 1]).toBe(0x02);
    expect(decodeIso28560_2(bytes)).toMatchObject({ primaryItemId: '1', localDataA: 'A', title: 'Alpomish' });
  });

  it('encodes the type of usage as one byte: class high, qualifier low (patron card 0x81)', () => {
    const bytes = encodeIso28560_2({
      primaryItemId: '21000000001234',
      typeOfUsage: 8,
      typeOfUsageQualifier: 1,
    });
    const tag = decodeIso28560_2(bytes);
    expect(tag.typeOfUsage).toBe(8);
    expect(tag.typeOfUsageQualifier).toBe(1);
    expect(bytes).toContain(0x81);
  });

  it('round-trips every data element', () => {
    const fields = {
      primaryItemId: '0012345',
      ownerIsil: 'UZ-TaNL',
      setInfo: { parts: 3, part: 2 },
      typeOfUsage: 1,
      typeOfUsageQualifier: 2,
      shelfLocation: '84(5Ў)6 Q-12',
      onixMediaFormat: 'BA',
      marcMediaFormat: 'am',
      supplierIdentifier: 'SUP-77',
      orderNumber: 'ORD 2024/15',
      illBorrowingInstitution: 'RU-MoRGB',
      illBorrowingTransactionNumber: '998877',
      gs1ProductIdentifier: '9789943012345',
      alternativeUniqueItemIdentifier: 'ALT-1',
      localDataA: 'a',
      localDataB: 'b',
      title: 'Oʻtkan kunlar',
      productIdentifierLocal: 'PIL-9',
      mediaFormatOther: 'CD',
      supplyChainStage: 'S1',
      supplierInvoiceNumber: 'INV/2024/7',
      alternativeItemIdentifier: 'B-000123',
      alternativeOwnerInstitution: 'KZ-AsNAB',
      subsidiaryOfOwnerInstitution: 'Filial 3',
      alternativeIllBorrowingInstitution: 'UZ-SaM',
      localDataC: 'c',
    };
    const tag = decodeIso28560_2(encodeIso28560_2(fields));
    expect(tag).toMatchObject({ ...fields, warnings: [] });
    expect(tag.contentParameter).toEqual(Array.from({ length: 24 }, (_, i) => i + 3));
  });

  it('pads locked data sets to block boundaries with the offset byte', () => {
    const bytes = encodeIso28560_2(
      { primaryItemId: 'AB12', shelfLocation: 'X' },
      { lock: [OID.primaryItemId], contentParameter: false },
    );
    expect(bytes[0]! & 0x80).toBe(0x80);
    const offset = bytes[1]!;
    const end = 3 + bytes[2]! + offset;
    expect(end % 4).toBe(0);
    expect(decodeIso28560_2(bytes)).toMatchObject({ primaryItemId: 'AB12', shelfLocation: 'X' });
  });

  it('rejects what it cannot carry', () => {
    expect(() => encodeIso28560_2({ primaryItemId: '' })).toThrow(TagEncodeError);
    expect(() => encodeIso28560_2({ primaryItemId: '1', setInfo: { parts: 2, part: 3 } })).toThrow(
      TagEncodeError,
    );
    expect(() => encodeIso28560_2({ primaryItemId: 'x'.repeat(300) })).toThrow(TagEncodeError);
  });
});

describe('ISO 28560-2 decoding errors and oddities', () => {
  const fail = (bytes: Uint8Array, code: string) => {
    try {
      decodeIso28560_2(bytes);
    } catch (err) {
      expect(err).toBeInstanceOf(TagDecodeError);
      expect((err as TagDecodeError).code).toBe(code);
      return;
    }
    throw new Error('expected a TagDecodeError');
  };

  it('requires the primary item identifier first', () => fail(hex('16 01 10 00'), 'bad_structure'));
  it('rejects relative OID 0', () => fail(hex('10 01 05 00'), 'bad_structure'));
  it('rejects data running past the end', () => fail(hex('11 09 01 02'), 'truncated'));
  it('rejects an escape nibble without its OID byte', () => fail(hex('11 01 05 7F'), 'truncated'));
  it('rejects an empty tag', () => fail(hex('00 00 00 00'), 'bad_structure'));
  it('rejects a numeric value without its marker digit', () => fail(hex('21 01 27 00'), 'bad_value'));

  it('warns when the content parameter disagrees with the tag', () => {
    const tag = decodeIso28560_2(hex('11 01 05 02 01 80 00'));
    expect(tag.warnings.join()).toContain('content parameter lists OIDs not on the tag: 3');
  });

  it('warns about a missing terminator and duplicate OIDs', () => {
    const tag = decodeIso28560_2(hex('11 01 05 66 01 41 66 01 42'));
    expect(tag.shelfLocation).toBe('A');
    expect(tag.warnings.length).toBe(2);
  });
});

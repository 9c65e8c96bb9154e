import { describe, expect, it } from 'vitest';
import { TagDecodeError } from '../../../electron/station/devices/rfid/errors.js';
import { decodeTag } from '../../../electron/station/devices/rfid/model/detect.js';
import { bytesStillNeeded } from '../../../electron/station/devices/rfid/model/extent.js';
import { encodeIso28560_2 } from '../../../electron/station/devices/rfid/model/iso28560-2.js';
import { encodeIso28560_3 } from '../../../electron/station/devices/rfid/model/iso28560-3.js';
import { encode3m } from '../../../electron/station/devices/rfid/model/legacy-3m.js';
import { isPatronCard } from '../../../electron/station/devices/rfid/model/types.js';

const memory = (data: Uint8Array, size = 112) => {
  const out = new Uint8Array(size);
  out.set(data);
  return out;
};

describe('data model detection', () => {
  const iso2 = memory(encodeIso28560_2({ primaryItemId: '123456789012', ownerIsil: 'UZ-TaNL' }));
  const iso3 = memory(encodeIso28560_3({ primaryItemId: '31000000000042', ownerIsil: 'UZ-TaNL' }));
  const threeM = memory(encode3m({ primaryItemId: '1302003767' }));

  it('believes DSFID 0x06 (ISO 28560-2)', () => {
    expect(decodeTag(iso2, { dsfid: 0x06 }).model).toBe('iso28560-2');
  });

  it('finds each model from content alone', () => {
    expect(decodeTag(iso2).model).toBe('iso28560-2');
    expect(decodeTag(iso3).model).toBe('iso28560-3');
    expect(decodeTag(threeM).model).toBe('3m');
  });

  it('recognizes blank tags: all zero, all 0xFF, 3M factory blank', () => {
    expect(decodeTag(new Uint8Array(112)).model).toBe('blank');
    expect(decodeTag(new Uint8Array(112).fill(0xff)).model).toBe('blank');
    expect(decodeTag(memory(Uint8Array.from([...new Array(24).fill(0x55), 0, 0, 0, 0]))).model).toBe('blank');
  });

  it('decodes with the model it is told, and fails clearly when it does not fit', () => {
    expect(decodeTag(iso3, { model: 'iso28560-3' }).primaryItemId).toBe('31000000000042');
    expect(() => decodeTag(threeM, { model: 'iso28560-2' })).toThrow(TagDecodeError);
    expect(() => decodeTag(iso2, { model: 'iso28560-3' })).toThrowError(/CRC/);
  });

  it('reports a damaged ISO 28560-3 block as a CRC error, garbage as unknown', () => {
    const damaged = Uint8Array.from(iso3);
    damaged[5]! ^= 0x01;
    expect(() => decodeTag(damaged)).toThrowError(expect.objectContaining({ code: 'bad_crc' }));
    expect(() => decodeTag(Uint8Array.of(0xde, 0xad, 0xbe, 0xef))).toThrowError(
      expect.objectContaining({ code: 'unknown_model' }),
    );
    expect(() => decodeTag(new Uint8Array())).toThrowError(expect.objectContaining({ code: 'empty' }));
  });

  it('tells patron cards from items', () => {
    expect(isPatronCard(decodeTag(memory(encodeIso28560_3({ primaryItemId: 'P1', typeOfUsage: 8 }))))).toBe(
      true,
    );
    expect(isPatronCard(decodeTag(memory(encodeIso28560_2({ primaryItemId: 'P1', typeOfUsage: 8 }))))).toBe(
      true,
    );
    expect(isPatronCard(decodeTag(iso3))).toBe(false);
  });
});

describe('how much memory a decoder still needs', () => {
  it('ISO 28560-3 without extensions: the basic block and one byte after it', () => {
    const bytes = memory(encodeIso28560_3({ primaryItemId: '1' }), 36);
    expect(bytesStillNeeded(bytes)).toBe(0);
    expect(bytesStillNeeded(bytes.subarray(0, 34))).toBe(1);
  });

  it('ISO 28560-3 with an extension block running past the read', () => {
    const bytes = encodeIso28560_3({
      primaryItemId: '1',
      extensionBlocks: [{ id: 1, data: new Uint8Array(20) }],
    });
    // The block, then the 0x00 that ends the list.
    expect(bytesStillNeeded(bytes.subarray(0, 36))).toBe(bytes.length - 36);
    expect(bytesStillNeeded(bytes)).toBe(0);
  });

  it('ISO 28560-2: up to the terminator', () => {
    const bytes = encodeIso28560_2({
      primaryItemId: '1',
      title: 'A long title that needs more blocks than the first read',
    });
    expect(bytesStillNeeded(bytes.subarray(0, 36), 0x06)).toBeGreaterThan(0);
    expect(bytesStillNeeded(bytes, 0x06)).toBe(0);
  });
});

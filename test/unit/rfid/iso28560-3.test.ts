import { describe, expect, it } from 'vitest';
import { crc16CcittFalse } from '../../../electron/station/devices/rfid/crc16.js';
import { TagDecodeError, TagEncodeError } from '../../../electron/station/devices/rfid/errors.js';
import { decodeTag, reverseBlocks } from '../../../electron/station/devices/rfid/model/detect.js';
import {
  decodeIso28560_3,
  encodeIso28560_3,
  iso28560_3Crc,
} from '../../../electron/station/devices/rfid/model/iso28560-3.js';

/** A basic block built by hand from the standard's table, independent of the encoder. */
function handBuilt(): Uint8Array {
  const b = new Uint8Array(34);
  b[0] = 0x11; // version 1, circulating
  b[1] = 3; // parts in the set
  b[2] = 2; // this part
  b.set(new TextEncoder().encode('1234567890ABCDEF'), 3); // 16 bytes: all of them are used
  b.set(new TextEncoder().encode('UZ-TaNL'), 21);
  const covered = new Uint8Array(32);
  covered.set(b.subarray(0, 19), 0);
  covered.set(b.subarray(21, 34), 19);
  const crc = crc16CcittFalse(covered);
  b[19] = crc & 0xff; // low byte first
  b[20] = crc >>> 8;
  return b;
}

describe('ISO 28560-3 basic block', () => {
  it('decodes a block built from the standard table', () => {
    expect(decodeIso28560_3(handBuilt())).toMatchObject({
      model: 'iso28560-3',
      version: 1,
      typeOfUsage: 1,
      setInfo: { parts: 3, part: 2 },
      primaryItemId: '1234567890ABCDEF',
      ownerIsil: 'UZ-TaNL',
      warnings: [],
    });
  });

  it('encodes the same bytes', () => {
    expect(
      encodeIso28560_3({
        primaryItemId: '1234567890ABCDEF',
        ownerIsil: 'UZ-TaNL',
        setInfo: { parts: 3, part: 2 },
        typeOfUsage: 1,
      }),
    ).toEqual(handBuilt());
  });

  it('computes the CRC over bytes 0-18 and 21-33 only, stored low byte first', () => {
    const block = handBuilt();
    const stored = block[19]! | (block[20]! << 8);
    expect(iso28560_3Crc(block)).toBe(stored);
    // The CRC bytes themselves are not covered.
    block[19]! ^= 0xff;
    expect(iso28560_3Crc(block)).toBe(stored);
  });

  it('traps: a byte-swapped CRC, swapped parts and part, or a changed id fail the CRC', () => {
    const swappedCrc = handBuilt();
    [swappedCrc[19], swappedCrc[20]] = [swappedCrc[20]!, swappedCrc[19]!];
    expect(() => decodeIso28560_3(swappedCrc)).toThrow(TagDecodeError);
    const tampered = handBuilt();
    tampered[18] = 0x30;
    expect(() => decodeIso28560_3(tampered)).toThrowError(/CRC/);
  });

  it('keeps parts (byte 1) and part (byte 2) apart and all 16 id characters', () => {
    const tag = decodeIso28560_3(
      encodeIso28560_3({ primaryItemId: 'ABCDEFGHIJKLMNOP', setInfo: { parts: 5, part: 1 } }),
    );
    expect(tag.setInfo).toEqual({ parts: 5, part: 1 });
    expect(tag.primaryItemId).toHaveLength(16);
  });

  it('patron cards have type of usage 8', () => {
    const tag = decodeIso28560_3(encodeIso28560_3({ primaryItemId: '21000000001234', typeOfUsage: 8 }));
    expect(tag.typeOfUsage).toBe(8);
  });

  it('reads the older Danish owner form (country code + library number)', () => {
    const b = handBuilt();
    b.fill(0, 21, 34);
    b.set(new TextEncoder().encode('DK710100'), 21);
    const crc = iso28560_3Crc(b);
    b[19] = crc & 0xff;
    b[20] = crc >>> 8;
    const tag = decodeIso28560_3(b);
    expect(tag.ownerIsil).toBe('DK-710100');
    expect(tag.warnings[0]).toMatch(/older/);
  });

  it('reads Bibliotheca tags with the nibbles swapped', () => {
    const b = handBuilt();
    b[0] = 0x81; // patron card in the high nibble, version 1 in the low
    const crc = iso28560_3Crc(b);
    b[19] = crc & 0xff;
    b[20] = crc >>> 8;
    const tag = decodeIso28560_3(b);
    expect(tag).toMatchObject({ version: 1, typeOfUsage: 8 });
    expect(tag.warnings[0]).toMatch(/swapped/);
  });

  it('detects memory stored byte-reversed per 4-byte block', () => {
    // Nine blocks as a reader that forgets the MSB-first order would have written them.
    const stored = reverseBlocks(Uint8Array.from([...handBuilt(), 0, 0]));
    expect(stored.subarray(0, 4)).toEqual(Uint8Array.of(0x31, 0x02, 0x03, 0x11));
    const tag = decodeTag(stored);
    expect(tag.primaryItemId).toBe('1234567890ABCDEF');
    expect(tag.warnings[0]).toMatch(/byte-reversed/);
  });

  it('accepts a truncated 32-byte basic block', () => {
    const tag = decodeIso28560_3(handBuilt().subarray(0, 32));
    expect(tag.ownerIsil).toBe('UZ-TaNL');
    expect(tag.warnings).toContain('truncated basic block (32-byte tag)');
  });

  it('reads extension blocks and checks their XOR checksum', () => {
    const data = new TextEncoder().encode('Alpomish');
    const bytes = encodeIso28560_3({ primaryItemId: '1', extensionBlocks: [{ id: 3, data }] });
    expect(bytes[34]).toBe(12); // length counts the whole block
    expect(bytes.subarray(34, 46).reduce((x, b) => x ^ b, 0)).toBe(0);
    expect(bytes.at(-1)).toBe(0); // end of the list
    const tag = decodeIso28560_3(bytes);
    expect(tag.extensionBlocks).toEqual([{ id: 3, data: Buffer.from(data).toString('hex') }]);
    const broken = Uint8Array.from(bytes);
    broken[40]! ^= 1;
    expect(() => decodeIso28560_3(broken)).toThrowError(/XOR/);
  });

  it('refuses what the basic block cannot carry', () => {
    expect(() => encodeIso28560_3({ primaryItemId: '12345678901234567' })).toThrow(TagEncodeError);
    expect(() => encodeIso28560_3({ primaryItemId: '1', ownerIsil: 'UZ-ABCDEFGHIJKL' })).toThrow(
      TagEncodeError,
    );
    expect(() => encodeIso28560_3({ primaryItemId: '1', setInfo: { parts: 2, part: 3 } })).toThrow(
      TagEncodeError,
    );
  });

  it('says so when the id lives in an extension block (byte 3 = 0x01)', () => {
    const b = handBuilt();
    b.fill(0, 3, 19);
    b[3] = 0x01;
    const crc = iso28560_3Crc(b);
    b[19] = crc & 0xff;
    b[20] = crc >>> 8;
    const tag = decodeIso28560_3(b);
    expect(tag.primaryItemId).toBeUndefined();
    expect(tag.warnings.join()).toMatch(/extension block/);
  });
});

import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, crc16Genibus, crc16Mcrf4xx } from '../../../electron/station/devices/rfid/crc16.js';
import { hex } from './helpers.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('CRC-16 variants', () => {
  it('CCITT-FALSE (ISO 28560-3) gives the check values of rfid.md', () => {
    expect(crc16CcittFalse(ascii('123456789'))).toBe(0x29b1);
    expect(crc16CcittFalse(ascii('RFID tag data model'))).toBe(0x1aee);
  });

  it('MCRF4XX (FEIG) gives 0x6F91, the manual example frame, and residue 0 over a whole frame', () => {
    expect(crc16Mcrf4xx(ascii('123456789'))).toBe(0x6f91);
    // 07 FF B0 01 00 1C 56: CRC 0x561C sent low byte first.
    expect(crc16Mcrf4xx(hex('07 FF B0 01 00'))).toBe(0x561c);
    expect(crc16Mcrf4xx(hex('07 FF B0 01 00 1C 56'))).toBe(0);
  });

  it('GENIBUS (3M) gives the specification examples', () => {
    expect(crc16Genibus(hex('00 09 03 00 02 00 00 00 03'))).toBe(0x12e6);
    expect(crc16Genibus(hex('00 05 FE 00 05'))).toBe(0xfa40);
  });

  it('the reflected table (a known trap) would not match ISO 28560-3', () => {
    expect(crc16Mcrf4xx(ascii('123456789'))).not.toBe(crc16CcittFalse(ascii('123456789')));
  });
});

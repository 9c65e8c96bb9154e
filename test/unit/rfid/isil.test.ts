import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeIsil, encodeIsil } from '../../../electron/station/devices/rfid/model/isil.js';
import { hex } from './helpers.js';

describe('ISIL compaction (ISO 28560-2 Annex C)', () => {
  it('example 1: DE-Heu1 is 21 40 8E 16 BF 1F (latch lower, shift digit, 1111 padding)', () => {
    expect(encodeIsil('DE-Heu1')).toEqual(hex('21 40 8E 16 BF 1F'));
    expect(decodeIsil(hex('21 40 8E 16 BF 1F'))).toBe('DE-Heu1');
  });

  it('example 2: CH-000134-1 latches digits and keeps "-" in the digit set', () => {
    // C H - | latch digits | 0 0 0 1 3 4 | - 1 | 1111
    expect(encodeIsil('CH-000134-1')).toEqual(hex('1A 01 E0 00 13 4A 1F'));
    expect(decodeIsil(hex('1A 01 E0 00 13 4A 1F'))).toBe('CH-000134-1');
  });

  it('carries ":" and "/" (upper and lower sets) and shifts back from digits and lower case', () => {
    for (const isil of [
      'US-DLC',
      'UZ-TaNL',
      'RU-MoRGB',
      'GB-UkOxU',
      'DK-710100',
      'AT-OBV:1',
      'us-abc/d',
      'FI-He',
      'NO-a1B2c3',
    ]) {
      expect(decodeIsil(encodeIsil(isil)!)).toBe(isil);
    }
  });

  it('returns undefined for characters outside the sets', () => {
    expect(encodeIsil('UZ-Тош')).toBeUndefined();
    expect(encodeIsil('A B')).toBeUndefined();
  });

  it('round-trips any string over the ISIL alphabet', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-:/'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 16 }), (chars) => {
        const isil = chars.join('');
        expect(decodeIsil(encodeIsil(isil)!)).toBe(isil);
      }),
      { numRuns: 3000 },
    );
  });
});

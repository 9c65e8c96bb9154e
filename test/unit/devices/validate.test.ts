import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBarcode,
  ean13Valid,
  isbn10Valid,
  isbn13Valid,
  luhnCheckDigit,
  luhnValid,
  parseLibraryCodabar,
} from '../../../electron/station/devices/barcode/validate.js';

describe('library Codabar (14 digits, Luhn)', () => {
  it('accepts a patron card number with a correct check digit', () => {
    // 2 (patron) · 1234 (institution) · 00012345 (number) · 5 (Luhn over the first 13 digits)
    expect(parseLibraryCodabar('21234000123455')).toEqual({
      kind: 'patron',
      typeDigit: 2,
      institution: '1234',
      number: '00012345',
      checkDigit: 5,
    });
  });

  it('rejects the same number with a wrong check digit', () => {
    expect(parseLibraryCodabar('21234000123454')).toBeNull();
    expect(checkBarcode('21234000123454')).toMatchObject({ format: 'library-codabar', valid: false });
  });

  it('reads an item number and drops Codabar start/stop characters', () => {
    expect(parseLibraryCodabar('A31234000012342B')?.kind).toBe('item');
    expect(checkBarcode('a31234000012342d')).toMatchObject({
      format: 'library-codabar',
      valid: true,
      value: '31234000012342',
    });
  });

  it('refuses other type digits and lengths', () => {
    expect(parseLibraryCodabar('41234000123455')).toBeNull();
    expect(parseLibraryCodabar('2123400012345')).toBeNull();
  });

  it('Luhn: the textbook example 79927398713', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('Luhn catches every single-digit error', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[23]\d{12}$/),
        fc.nat(12),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const good = body + luhnCheckDigit(body);
          const digits = [...good];
          digits[pos] = String((Number(digits[pos]) + delta) % 10);
          expect(luhnValid(good)).toBe(true);
          expect(luhnValid(digits.join(''))).toBe(false);
        },
      ),
    );
  });
});

describe('EAN-13 / ISBN-13 (mod 10, weights 1/3)', () => {
  it('accepts real ISBN-13s, with or without hyphens', () => {
    expect(isbn13Valid('978-0-306-40615-7')).toBe(true);
    expect(isbn13Valid('9783161484100')).toBe(true);
    expect(checkBarcode('978-3-16-148410-0')).toMatchObject({
      format: 'isbn13',
      valid: true,
      value: '9783161484100',
    });
  });

  it('rejects a wrong check digit', () => {
    expect(isbn13Valid('9780306406158')).toBe(false);
    expect(checkBarcode('9780306406158')).toMatchObject({ format: 'isbn13', valid: false });
  });

  it('tells a non-book EAN-13 from an ISBN', () => {
    expect(ean13Valid('4006381333931')).toBe(true);
    expect(checkBarcode('4006381333931')).toMatchObject({ format: 'ean13', valid: true });
    expect(isbn13Valid('4006381333931')).toBe(false);
  });
});

describe('ISBN-10 (mod 11)', () => {
  it('accepts real ISBN-10s, including the X check digit', () => {
    expect(isbn10Valid('0-306-40615-2')).toBe(true);
    expect(isbn10Valid('0-8044-2957-X')).toBe(true);
    expect(isbn10Valid('080442957x')).toBe(true);
    expect(checkBarcode('0-306-40615-2')).toMatchObject({
      format: 'isbn10',
      valid: true,
      value: '0306406152',
    });
  });

  it('rejects a wrong check digit', () => {
    expect(isbn10Valid('0-306-40615-3')).toBe(false);
    expect(checkBarcode('0-306-40615-3')).toMatchObject({ format: 'isbn10', valid: false });
  });
});

describe('Code 39 / Code 128 pass-through', () => {
  it('takes other text as read', () => {
    expect(checkBarcode('INV-000123')).toEqual({ format: 'text', valid: true, value: 'INV-000123' });
    expect(checkBarcode(' 910h/12345 ')).toEqual({ format: 'text', valid: true, value: '910h/12345' });
  });

  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string(), (s) => void checkBarcode(s)));
  });
});

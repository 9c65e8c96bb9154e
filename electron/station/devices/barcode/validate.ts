/**
 * Check-digit validators for the barcodes a library sees: Codabar library numbers (Luhn), EAN-13 and
 * ISBN-13 (mod 10, weights 1/3), ISBN-10 (mod 11). Code 39 and Code 128 carry no mandatory check
 * digit in library use, so they pass through as they are.
 */

/** Luhn (mod 10, doubling every second digit from the right) over a string of digits, check digit last. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** The Luhn check digit to append to `body`. */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // The digit next to the (absent) check digit is doubled, then every second one leftwards.
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Codabar start/stop characters; readers often transmit them with the data. */
const CODABAR_GUARDS = /^[A-Da-d](\d+)[A-Da-d]$/;

export interface LibraryCodabar {
  kind: 'patron' | 'item';
  /** The type digit: 2 patron, 3 item. */
  typeDigit: number;
  institution: string;
  number: string;
  checkDigit: number;
}

/**
 * The 14-digit library Codabar format: a type digit (2 patron, 3 item), a 4-digit institution code,
 * an 8-digit number and a Luhn check digit. Start/stop characters (A–D) around it are dropped.
 * Returns `null` when the text is not one (wrong length, wrong type digit, or a bad check digit).
 */
export function parseLibraryCodabar(text: string): LibraryCodabar | null {
  const digits = text.replace(CODABAR_GUARDS, '$1');
  if (!/^[23]\d{13}$/.test(digits) || !luhnValid(digits)) return null;
  const typeDigit = Number(digits[0]);
  return {
    kind: typeDigit === 2 ? 'patron' : 'item',
    typeDigit,
    institution: digits.slice(1, 5),
    number: digits.slice(5, 13),
    checkDigit: Number(digits[13]),
  };
}

/** EAN-13 (and ISBN-13, which is EAN-13 with prefix 978/979): weights 1,3,1,3… then mod 10. */
export function ean13Valid(text: string): boolean {
  if (!/^\d{13}$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(text[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(text[12]);
}

/** ISBN-13: a valid EAN-13 in the Bookland prefixes 978 and 979. Hyphens and spaces are ignored. */
export function isbn13Valid(text: string): boolean {
  const digits = text.replace(/[-\s]/g, '');
  return /^97[89]/.test(digits) && ean13Valid(digits);
}

/** ISBN-10: weights 10…1, sum divisible by 11; the last character may be X (10). */
export function isbn10Valid(text: string): boolean {
  const s = text.replace(/[-\s]/g, '').toUpperCase();
  if (!/^\d{9}[\dX]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (s[i] === 'X' ? 10 : Number(s[i])) * (10 - i);
  return sum % 11 === 0;
}

export type BarcodeFormat =
  | 'library-codabar'
  | 'isbn13'
  | 'ean13'
  | 'isbn10'
  /** Code 39 / Code 128 / anything else: no check digit to test, taken as read. */
  | 'text';

export interface BarcodeCheck {
  format: BarcodeFormat;
  /** False only when the text has the shape of a format with a check digit and the digit is wrong. */
  valid: boolean;
  /** The text normalized for the library system (Codabar guards and ISBN hyphens removed). */
  value: string;
  codabar?: LibraryCodabar;
}

/**
 * Recognizes the format of a scanned text by its shape and tests its check digit. A 14-digit number
 * starting with 2 or 3 is taken for a library Codabar; 13 digits for an EAN (ISBN-13 when 978/979);
 * 10 characters of ISBN shape for an ISBN-10. Everything else passes through as plain text.
 */
export function checkBarcode(text: string): BarcodeCheck {
  const trimmed = text.trim();
  const codabarDigits = trimmed.replace(CODABAR_GUARDS, '$1');
  if (/^[23]\d{13}$/.test(codabarDigits)) {
    const codabar = parseLibraryCodabar(codabarDigits);
    return codabar
      ? { format: 'library-codabar', valid: true, value: codabarDigits, codabar }
      : { format: 'library-codabar', valid: false, value: codabarDigits };
  }
  const compact = trimmed.replace(/[-\s]/g, '');
  if (/^\d{13}$/.test(compact)) {
    const isIsbn = /^97[89]/.test(compact);
    return { format: isIsbn ? 'isbn13' : 'ean13', valid: ean13Valid(compact), value: compact };
  }
  if (/^\d{9}[\dXx]$/.test(compact) && compact !== trimmed) {
    // Hyphenated ISBN-10s are unambiguous; bare 10-digit strings are checked below.
    return { format: 'isbn10', valid: isbn10Valid(compact), value: compact.toUpperCase() };
  }
  if (/^\d{9}[\dXx]$/.test(compact) && isbn10Valid(compact)) {
    return { format: 'isbn10', valid: true, value: compact.toUpperCase() };
  }
  return { format: 'text', valid: true, value: trimmed };
}

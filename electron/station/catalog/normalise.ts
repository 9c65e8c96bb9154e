/**
 * Folding for search and matching only. What is stored and shown stays exactly as catalogued (NFC);
 * these functions make keys to compare.
 */

/**
 * Apostrophe-like marks in Uzbek Latin: oʻ gʻ take ʻ (U+02BB), the tutuq belgisi ʼ (U+02BC); keyboards
 * and OCR give ‘ ’ ' ` ´ and the primes instead. They all fold to one mark for matching.
 */
const APOSTROPHES = /[\u02BB\u02BC\u2018\u2019\u0027\u0060\u00B4\u02B9\u02BF\u2032]/g;

/** A key for matching text: NFC, apostrophes folded to ', case folded, spaces collapsed. */
export function matchKey(text: string): string {
  return text.normalize('NFC').replace(APOSTROPHES, "'").toLocaleLowerCase('und').replace(/\s+/g, ' ').trim();
}

/** Whether two texts match for search purposes (Oʻtkan kunlar = O'tkan Kunlar = O‘tkan kunlar). */
export function textsMatch(a: string, b: string): boolean {
  return matchKey(a) === matchKey(b);
}

/** The ISBN in a string as its characters (digits and a final X), or null when it is not one. */
export function isbnDigits(text: string): string | null {
  // "978-5-17-118366-8 (pbk.)", "ISBN 5-17-011968-0": the first run of digits, hyphens and spaces.
  const m = /(?:^|[^0-9])((?:97[89][- ]?)?(?:[0-9][- ]?){9}[0-9Xx])(?![0-9])/.exec(text);
  if (!m) return null;
  const digits = m[1]!.replace(/[- ]/g, '').toUpperCase();
  if (digits.length === 10 && isbn10Valid(digits)) return digits;
  if (digits.length === 13 && !digits.includes('X') && isbn13Valid(digits)) return digits;
  return null;
}

function isbn10Valid(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = d[i]!;
    const v = c === 'X' ? (i === 9 ? 10 : Number.NaN) : Number(c);
    sum += v * (10 - i);
  }
  return sum % 11 === 0;
}

function isbn13Valid(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(d[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

/** ISBN-13 of a valid ISBN (10 or 13), else null. */
export function toIsbn13(text: string): string | null {
  const d = isbnDigits(text);
  if (!d) return null;
  if (d.length === 13) return d;
  const core = `978${d.slice(0, 9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(core[i]) * (i % 2 === 0 ? 1 : 3);
  return `${core}${(10 - (sum % 10)) % 10}`;
}

/** ISBN-10 of a valid ISBN when it has one (978 prefix), else null. */
export function toIsbn10(text: string): string | null {
  const d = isbnDigits(text);
  if (!d) return null;
  if (d.length === 10) return d;
  if (!d.startsWith('978')) return null;
  const core = d.slice(3, 12);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(core[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return `${core}${check === 10 ? 'X' : check}`;
}

/** Whether two strings name the same book: ISBN-10 and -13, hyphens or not. */
export function isbnsMatch(a: string, b: string): boolean {
  const x = toIsbn13(a);
  return x !== null && x === toIsbn13(b);
}

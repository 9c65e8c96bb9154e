import { CatalogError } from '../errors.js';

/**
 * MARC-8 → Unicode, for the MARC 21 records older US and Western catalogues still send.
 *
 * Read: Basic Latin (ASCII), Extended Latin (ANSEL) with its combining diacritics, Basic and
 * Extended Cyrillic, and the subscript, superscript and Greek symbol sets; numeric character
 * references (`&#x0B87;`, LoC's lossless conversion) become the characters they name. Not read:
 * Basic Greek, Hebrew, Arabic, EACC (CJK) — a field that switches to one of them is
 * CATALOG_BAD_RECORD, rather than garbage. Tables: Library of Congress, "MARC 21 Specifications,
 * Code Tables" (MARC-8 → UCS).
 *
 * MARC-8 writes a diacritic before the letter it sits on, Unicode after it: diacritics are held
 * until the next spacing character (a space too) and written after it; the text is then NFC.
 */

const ESC = 0x1b;

/** Final characters of the escape sequences (ISO 2022) that name the sets. */
const BASIC_LATIN = 0x42; // B
const ANSEL = 0x45; // E
const BASIC_CYRILLIC = 0x4e; // N
const EXTENDED_CYRILLIC = 0x51; // Q
const SUBSCRIPTS = 0x62; // b (ESC b)
const SUPERSCRIPTS = 0x70; // p (ESC p)
const GREEK_SYMBOLS = 0x67; // g (ESC g)

/** Sets MARC-8 has that are not read here, by final character. */
const NOT_READ: Record<number, string> = {
  49: 'EACC (Chinese, Japanese, Korean)',
  50: 'Basic Hebrew',
  51: 'Basic Arabic',
  52: 'Extended Arabic',
  83: 'Basic Greek',
};

type Table = Map<number, string>;

/** A table keyed by the 7-bit position (0x21–0x7E): a set reads the same as G0 (GL) or G1 (GR). */
function table(...parts: [start: number, chars: string][]): Table {
  const t: Table = new Map();
  for (const [start, chars] of parts) {
    let at = start & 0x7f;
    for (const ch of chars) t.set(at++, ch);
  }
  return t;
}

const ASCII_GRAPHIC = Array.from({ length: 0x5e }, (_, i) => String.fromCharCode(0x21 + i)).join('');

const TABLES: Record<number, Table> = {
  [BASIC_LATIN]: table([0x21, ASCII_GRAPHIC]),
  // Extended Latin (ANSEL), G1 positions as in the LoC table. Unassigned: AF BB BE BF C9–DF FC FD.
  [ANSEL]: table(
    // Ł Ø Đ Þ Æ Œ ʹ · ♭ ® ± Ơ Ư ʾ
    [0xa1, '\u0141\u00d8\u0110\u00de\u00c6\u0152\u02b9\u00b7\u266d\u00ae\u00b1\u01a0\u01af\u02be'],
    // ʻ ł ø đ þ æ œ ʺ ı £ ð
    [0xb0, '\u02bb\u0142\u00f8\u0111\u00fe\u00e6\u0153\u02ba\u0131\u00a3\u00f0'],
    // ơ ư
    [0xbc, '\u01a1\u01b0'],
    // ° ℓ ℗ © ♯ ¿ ¡ ß €
    [0xc0, '\u00b0\u2113\u2117\u00a9\u266f\u00bf\u00a1\u00df\u20ac'],
    // Combining: hook above, grave, acute, circumflex, tilde, macron, breve, dot above, diaeresis,
    // caron, ring above, ligature left/right half, comma above right, double acute, candrabindu,
    // cedilla, ogonek, dot below, diaeresis below, ring below, double low line, low line,
    // comma below, left half ring below (right cedilla), breve below, double tilde left/right half.
    [
      0xe0,
      '\u0309\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030c\u030a\ufe20\ufe21\u0315\u030b\u0310' +
        '\u0327\u0328\u0323\u0324\u0325\u0333\u0332\u0326\u031c\u032e\ufe22\ufe23',
    ],
    // comma above (high comma, centred)
    [0xfe, '\u0313'],
  ),
  // Basic Cyrillic (ISO-IR 37): ASCII punctuation and digits, then the letters in KOI order.
  // Capital hard sign is not here: it is in Extended Cyrillic (0xEF).
  [BASIC_CYRILLIC]: table(
    [0x21, ASCII_GRAPHIC.slice(0, 0x1f)],
    [0x40, 'юабцдефгхийклмнопярстужвьызшэщчъ'],
    [0x60, 'ЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧ'],
  ),
  // Extended Cyrillic (ISO-IR 38 subset), G1 positions as in the LoC table.
  [EXTENDED_CYRILLIC]: table(
    [0xc0, 'ґђѓєёѕіїјљњћќўџ'],
    [0xd0, 'ѣѳѵѫ'],
    [0xdb, '['],
    [0xdd, ']'],
    [0xdf, '_'],
    [0xe0, 'ҐЂЃЄЁЅІЇЈЉЊЋЌЎЏЪ'],
    [0xf0, 'ѢѲѴѪ'],
  ),
  [SUBSCRIPTS]: table(
    [0x28, '\u208d\u208e'],
    [0x2b, '\u208a'],
    [0x2d, '\u208b'],
    [0x30, '\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089'],
  ),
  [SUPERSCRIPTS]: table(
    [0x28, '\u207d\u207e'],
    [0x2b, '\u207a'],
    [0x2d, '\u207b'],
    [0x30, '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079'],
  ),
  [GREEK_SYMBOLS]: table([0x61, '\u03b1\u03b2\u03b3']),
};

/** Sets selected by a two-byte escape (ESC b, ESC p, ESC g); what they lack reads as ASCII. */
const TECHNIQUE_2 = new Set([SUBSCRIPTS, SUPERSCRIPTS, GREEK_SYMBOLS]);

const COMBINING = /^\p{Mn}$/u;

/** C1 bytes ANSEL gives a meaning; the rest of 0x80–0x9F is dropped. */
const C1: Record<number, string> = {
  136: '', // non-sort begin: the text stays, the mark is not text
  137: '', // non-sort end
  141: '\u200d', // joiner
  142: '\u200c', // non-joiner
};

/**
 * A decoder for one field: the sets chosen by escape sequences stay chosen across its subfields
 * (a new field starts again from ASCII and ANSEL). Each call returns one subfield's text, NFC.
 */
export function marc8FieldDecoder(): (bytes: Uint8Array) => string {
  let g0 = BASIC_LATIN;
  let g1 = ANSEL;
  return (bytes) => {
    let out = '';
    let marks = '';
    let i = 0;
    while (i < bytes.length) {
      const c = bytes[i]!;
      if (c === ESC) {
        const next = readEscape(bytes, i);
        if (next.g0 !== undefined) g0 = next.g0;
        if (next.g1 !== undefined) g1 = next.g1;
        i = next.at;
        continue;
      }
      i++;
      let ch: string;
      if (c < 0x20 || c === 0x7f) {
        out += String.fromCharCode(c);
        continue;
      } else if (c === 0x20) {
        ch = ' ';
      } else if (c >= 0x80 && c < 0xa0) {
        out += C1[c] ?? '';
        continue;
      } else {
        const set = c < 0x80 ? g0 : g1;
        ch =
          TABLES[set]!.get(c & 0x7f) ??
          (c < 0x80 && TECHNIQUE_2.has(set) ? String.fromCharCode(c) : '\ufffd');
      }
      if (COMBINING.test(ch)) {
        marks += ch;
      } else {
        out += ch + marks;
        marks = '';
      }
    }
    return expandReferences(out + marks).normalize('NFC');
  };
}

/** One string of MARC-8 (one subfield, from the default sets) as Unicode, NFC. */
export function decodeMarc8(bytes: Uint8Array): string {
  return marc8FieldDecoder()(bytes);
}

/** Reads the escape sequence at `at`: the set it chooses for G0 or G1, and where the text goes on. */
function readEscape(bytes: Uint8Array, at: number): { g0?: number; g1?: number; at: number } {
  const shown = () =>
    `ESC ${Array.from(bytes.subarray(at + 1, at + 4), (b) =>
      b > 0x20 && b < 0x7f ? String.fromCharCode(b) : `0x${b.toString(16).padStart(2, '0')}`,
    ).join(' ')}`.trim();
  const a = bytes[at + 1];
  if (a === 0x73) return { g0: BASIC_LATIN, at: at + 2 }; // ESC s
  if (a !== undefined && TECHNIQUE_2.has(a)) return { g0: a, at: at + 2 };
  let i = at + 1;
  const multibyte = bytes[i] === 0x24; // $
  if (multibyte) i++;
  let target: 'g0' | 'g1' = 'g0';
  const designator = bytes[i];
  if (designator === 0x28 || designator === 0x2c)
    i++; // ( ,
  else if (designator === 0x29 || designator === 0x2d) {
    target = 'g1';
    i++;
  } else if (!multibyte) throw bad(`unknown escape sequence ${shown()}`);
  if (bytes[i] === 0x21) i++; // ! (ANSEL is designated ESC ) ! E)
  const final = bytes[i];
  if (final === undefined) throw bad(`escape sequence cut short: ${shown()}`);
  const name = NOT_READ[final];
  if (name) throw bad(`${name} (${shown()}) is not read`);
  if (multibyte || !TABLES[final] || TECHNIQUE_2.has(final)) {
    throw bad(`unknown character set in escape sequence ${shown()}`);
  }
  return { [target]: final, at: i + 1 };
}

/** `&#xXXXX;` as LoC writes characters MARC-8 lacks; invalid code points stay as written. */
function expandReferences(s: string): string {
  if (!s.includes('&#x')) return s;
  return s.replace(/&#x([0-9A-Fa-f]{4,6});/g, (whole, hex: string) => {
    const cp = Number.parseInt(hex, 16);
    return cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? whole : String.fromCodePoint(cp);
  });
}

/**
 * Is this MARC-8? For `auto`: an ISO 2022 escape naming a MARC-8 set settles it; otherwise, in bytes
 * that are not UTF-8, every byte above 0x7F must be an ANSEL character, every run of diacritics must
 * be followed by a letter, and there must be at least one such run. CP1251 Cyrillic fails at once:
 * its small letters (0xE0–0xFF) are where ANSEL has diacritics, and a word ends in a space.
 */
export function looksLikeMarc8(data: Uint8Array, validUtf8: boolean): boolean {
  for (let i = 0; i + 1 < data.length; i++) {
    if (data[i] !== ESC) continue;
    const a = data[i + 1]!;
    if (a === 0x73 || TECHNIQUE_2.has(a) || a === 0x24) return true;
    if ([0x28, 0x29, 0x2c, 0x2d].includes(a)) {
      const final = data[i + 2] === 0x21 ? data[i + 3] : data[i + 2];
      if (final !== undefined && (TABLES[final] || NOT_READ[final])) return true;
    }
  }
  if (validUtf8) return false;
  const ansel = TABLES[ANSEL]!;
  let runs = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c < 0x80) continue;
    if (c in C1) continue;
    const ch = ansel.get(c & 0x7f);
    if (c < 0xa1 || ch === undefined) return false;
    if (!COMBINING.test(ch)) continue;
    let j = i + 1;
    while (j < data.length && data[j]! >= 0xe0 && COMBINING.test(ansel.get(data[j]! & 0x7f) ?? '')) j++;
    const base = data[j];
    if (base === undefined || !isLetter(base)) return false;
    runs++;
    i = j;
  }
  return runs > 0;
}

/** An ASCII letter, or an ANSEL letter (Ł Ø Đ Þ Æ Œ Ơ Ư ł ø đ þ æ œ ı ð ơ ư ß). */
function isLetter(b: number): boolean {
  return (
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x61 && b <= 0x7a) ||
    [
      0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xac, 0xad, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb8, 0xba, 0xbc,
      0xbd, 0xc7,
    ].includes(b)
  );
}

function bad(message: string): CatalogError {
  return new CatalogError('CATALOG_BAD_RECORD', `MARC-8: ${message}`);
}

import { TagDecodeError } from '../errors.js';
import { BitReader, BitWriter } from './bits.js';

/**
 * ISIL compaction (ISO 28560-2 Annex C): three character sets, switched by latch (stay) and shift (one
 * character) codes. Encoding starts in the upper-case set; the last byte is padded with 1-bits, which
 * always read as a shift with nothing after it, so a decoder stops cleanly.
 *
 *   upper (5 bits): '-'=0, A..Z=1..26, ':'=27, latch lower 28, shift lower 29, latch digits 30, shift digits 31
 *   lower (5 bits): '-'=0, a..z=1..26, '/'=27, latch upper 28, shift upper 29, latch digits 30, shift digits 31
 *   digits (4 bits): 0..9, '-'=10, ':'=11, latch upper 12, shift upper 13, latch lower 14, shift lower 15
 */
type Set = 'upper' | 'lower' | 'digits';

const WIDTH: Record<Set, number> = { upper: 5, lower: 5, digits: 4 };

/** The code of `ch` in `set`, or undefined when the set lacks it. */
function codeIn(set: Set, ch: string): number | undefined {
  const c = ch.charCodeAt(0);
  switch (set) {
    case 'upper':
      if (c >= 0x41 && c <= 0x5a) return c - 0x40;
      return ch === '-' ? 0 : ch === ':' ? 27 : undefined;
    case 'lower':
      if (c >= 0x61 && c <= 0x7a) return c - 0x60;
      return ch === '-' ? 0 : ch === '/' ? 27 : undefined;
    case 'digits':
      if (c >= 0x30 && c <= 0x39) return c - 0x30;
      return ch === '-' ? 10 : ch === ':' ? 11 : undefined;
  }
}

function charIn(set: Set, code: number): string {
  switch (set) {
    case 'upper':
      return code === 0 ? '-' : code === 27 ? ':' : String.fromCharCode(0x40 + code);
    case 'lower':
      return code === 0 ? '-' : code === 27 ? '/' : String.fromCharCode(0x60 + code);
    case 'digits':
      return code === 10 ? '-' : code === 11 ? ':' : String.fromCharCode(0x30 + code);
  }
}

/** Latch and shift codes from one set to another. */
function switchCode(from: Set, to: Set, kind: 'latch' | 'shift'): number {
  const shift = kind === 'shift' ? 1 : 0;
  if (from === 'digits') return (to === 'upper' ? 12 : 14) + shift;
  if (to === 'digits') return 30 + shift;
  return 28 + shift;
}

/** What a switch code in `set` means, or undefined for a character code. */
function switchOf(set: Set, code: number): { to: Set; kind: 'latch' | 'shift' } | undefined {
  if (set === 'digits') {
    if (code < 12) return undefined;
    return { to: code < 14 ? 'upper' : 'lower', kind: code % 2 === 0 ? 'latch' : 'shift' };
  }
  if (code < 28) return undefined;
  const to: Set = code >= 30 ? 'digits' : set === 'upper' ? 'lower' : 'upper';
  return { to, kind: code % 2 === 0 ? 'latch' : 'shift' };
}

/** Whether every character of `isil` has a code in some set. */
export function isIsilCompactable(isil: string): boolean {
  if (isil.length === 0) return false;
  for (const ch of isil)
    if (!(['upper', 'lower', 'digits'] as const).some((s) => codeIn(s, ch) !== undefined)) return false;
  return true;
}

/** Compacts an ISIL; returns undefined when a character is outside the three sets. */
export function encodeIsil(isil: string): Uint8Array | undefined {
  if (!isIsilCompactable(isil)) return undefined;
  const out = new BitWriter();
  let set: Set = 'upper';
  const chars = [...isil];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const here = codeIn(set, ch);
    if (here !== undefined) {
      out.write(here, WIDTH[set]);
      continue;
    }
    const target = (['upper', 'lower', 'digits'] as const).find(
      (s) => s !== set && codeIn(s, ch) !== undefined,
    )!;
    // Latch when the next character also needs the target set, shift for a single character.
    const next = chars[i + 1];
    const latch = next !== undefined && codeIn(set, next) === undefined && codeIn(target, next) !== undefined;
    out.write(switchCode(set, target, latch ? 'latch' : 'shift'), WIDTH[set]);
    out.write(codeIn(target, ch)!, WIDTH[target]);
    if (latch) set = target;
  }
  return out.pad(0xff, 8);
}

/** Reads an ISIL-compacted owner institution. Throws only TagDecodeError. */
export function decodeIsil(bytes: Uint8Array): string {
  const bits = new BitReader(bytes);
  let set: Set = 'upper';
  let out = '';
  while (bits.remaining >= WIDTH[set]) {
    const code = bits.read(WIDTH[set]);
    const sw = switchOf(set, code);
    if (!sw) {
      out += charIn(set, code);
      continue;
    }
    if (sw.kind === 'latch') {
      set = sw.to;
      continue;
    }
    // A shift with no room left for its character is the 1-bit padding.
    if (bits.remaining < WIDTH[sw.to]) break;
    const shifted = bits.read(WIDTH[sw.to]);
    if (switchOf(sw.to, shifted))
      throw new TagDecodeError('bad_value', 'an ISIL shift is followed by another switch');
    out += charIn(sw.to, shifted);
  }
  if (out.length === 0) throw new TagDecodeError('bad_value', 'an ISIL-compacted value holds no characters');
  return out;
}

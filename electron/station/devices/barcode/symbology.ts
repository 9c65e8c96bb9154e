/** Barcode symbologies by the names the rest of the station uses. */
export type Symbology =
  | 'codabar'
  | 'code39'
  | 'code93'
  | 'code128'
  | 'gs1-128'
  | 'ean13'
  | 'ean8'
  | 'upca'
  | 'upce'
  | 'itf'
  | 'code11'
  | 'msi'
  | 'telepen'
  | 'pdf417'
  | 'qr'
  | 'datamatrix'
  | 'aztec'
  | 'gs1-databar'
  | 'unknown';

/*
 * AIM symbology identifiers (ISO/IEC 15424): `]` + a code character + a modifier character. The
 * code character names the symbology; the modifier says which variant or options (check digit
 * transmitted, add-ons, FNC1 in first position for GS1...). Only the modifiers that change the name
 * are looked at.
 */
const BY_CODE: Record<string, Symbology> = {
  A: 'code39',
  B: 'telepen',
  C: 'code128',
  E: 'ean13',
  F: 'codabar',
  G: 'code93',
  H: 'code11',
  I: 'itf',
  L: 'pdf417',
  M: 'msi',
  Q: 'qr',
  d: 'datamatrix',
  e: 'gs1-databar',
  z: 'aztec',
};

export interface AimId {
  /** The three characters as received, e.g. `]E0`. */
  aim: string;
  symbology: Symbology;
}

/** Reads an AIM id (`]xy`); `null` when the text does not start with one. */
export function parseAimId(text: string): AimId | null {
  if (text.length < 3 || text[0] !== ']') return null;
  const code = text[1]!;
  const modifier = text[2]!;
  if (!/^[A-Za-z]$/.test(code) || !/^[0-9A-Za-z]$/.test(modifier)) return null;
  let symbology = BY_CODE[code] ?? 'unknown';
  // ]E4 is EAN-8 (]E0 covers EAN-13 and UPC-A sent as 13 digits); ]C1 is GS1-128 (FNC1 first).
  if (code === 'E' && modifier === '4') symbology = 'ean8';
  if (code === 'C' && modifier === '1') symbology = 'gs1-128';
  return { aim: text.slice(0, 3), symbology };
}

/** Splits a leading AIM id off the scanned text, when the reader sends one. */
export function stripAimId(text: string): { text: string; aim: AimId | null } {
  const aim = parseAimId(text);
  return aim ? { text: text.slice(3), aim } : { text, aim: null };
}

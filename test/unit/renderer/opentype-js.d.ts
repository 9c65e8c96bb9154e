// opentype.js 2.0.0 ships no type declarations; this is the little the tests use.
declare module 'opentype.js' {
  export interface Font {
    charToGlyphIndex(char: string): number;
    /** opentype.js 2 groups names by platform (`windows`, `macintosh`, `unicode`). */
    names: Record<string, { fontFamily?: Record<string, string> } | undefined>;
  }
  export function parse(buffer: ArrayBuffer): Font;
  const opentype: { parse: typeof parse };
  export default opentype;
}

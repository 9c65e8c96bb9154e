import iconv from 'iconv-lite';

/**
 * The character encodings a connection may use. UTF-8 is the default; the code pages are what older
 * servers are configured with (FOLIO defaults to IBM850, Evergreen's SIPServer to ASCII).
 */
export const SIP2_ENCODINGS = ['utf-8', 'cp1251', 'cp866', 'ibm850', 'ascii'] as const;
export type Sip2Encoding = (typeof SIP2_ENCODINGS)[number];
export const DEFAULT_ENCODING: Sip2Encoding = 'utf-8';

export function encodeText(text: string, encoding: Sip2Encoding): Buffer {
  return iconv.encode(text, encoding);
}

export function decodeText(bytes: Uint8Array, encoding: Sip2Encoding): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** Text the configured encoding cannot carry: iconv-lite would send `?` in its place. */
export interface Unrepresentable {
  encoding: Sip2Encoding;
  /** Each distinct character once, in order of first appearance. */
  characters: string[];
  /** For logs and the operator: which characters, which encoding, and what it means. */
  message: string;
}

const representable = new Map<Sip2Encoding, Map<string, boolean>>();

function canRepresent(char: string, encoding: Sip2Encoding): boolean {
  let cache = representable.get(encoding);
  if (!cache) {
    cache = new Map();
    representable.set(encoding, cache);
  }
  let ok = cache.get(char);
  if (ok === undefined) {
    ok = iconv.decode(iconv.encode(char, encoding), encoding) === char;
    cache.set(char, ok);
  }
  return ok;
}

/**
 * Finds the characters of `text` that `encoding` would lose. iconv-lite substitutes them silently,
 * so the only reliable test is a round trip; the whole string is tried first because it almost
 * always survives.
 */
export function findUnrepresentable(text: string, encoding: Sip2Encoding): Unrepresentable | null {
  if (iconv.decode(iconv.encode(text, encoding), encoding) === text) return null;
  const characters: string[] = [];
  for (const char of text) {
    if (!characters.includes(char) && !canRepresent(char, encoding)) characters.push(char);
  }
  if (characters.length === 0) return null;
  const listed = characters.map((c) => `"${c}" (U+${codePointHex(c)})`).join(', ');
  return {
    encoding,
    characters,
    message: `The connection's encoding ${encoding} cannot represent ${listed}; the library system will receive "?" instead. Use UTF-8 if the server supports it.`,
  };
}

function codePointHex(char: string): string {
  return (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

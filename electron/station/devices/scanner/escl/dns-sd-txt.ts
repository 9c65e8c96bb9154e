/**
 * A DNS-SD TXT record as key → value (RFC 6763 §6). Keys are case-insensitive, so they are kept in
 * lower case (devices write `UUID`, `uuid` and `Uuid`); the first occurrence of a key wins; a key
 * without `=` is a boolean attribute (`true`); an empty key or one with non-printable bytes is
 * ignored. Values are read as UTF-8 (a bad byte becomes U+FFFD rather than failing the record).
 *
 * The record comes from the network, so anything that is not a string or bytes is skipped
 * instead of trusted: a device with a broken TXT still gives what it wrote correctly.
 */
export type TxtAttributes = ReadonlyMap<string, string | true>;

export function parseTxt(data: unknown): TxtAttributes {
  const out = new Map<string, string | true>();
  const entries = Array.isArray(data) ? data : [data];
  for (const entry of entries) {
    const bytes = asBytes(entry);
    if (!bytes || bytes.length === 0) continue;
    const eq = bytes.indexOf(0x3d); // '='
    const keyBytes = eq === -1 ? bytes : bytes.subarray(0, eq);
    if (!isKey(keyBytes)) continue;
    const key = keyBytes.toString('ascii').toLowerCase();
    if (out.has(key)) continue;
    out.set(key, eq === -1 ? true : bytes.subarray(eq + 1).toString('utf8'));
  }
  return out;
}

/** A TXT value as text: undefined when absent or a bare boolean attribute. */
export function txtString(txt: TxtAttributes, key: string): string | undefined {
  const value = txt.get(key);
  return typeof value === 'string' ? value : undefined;
}

/** A comma-separated TXT value (`pdl`, `is`, `cs`) as trimmed, non-empty items. */
export function txtList(txt: TxtAttributes, key: string): string[] {
  return (txtString(txt, key) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function asBytes(entry: unknown): Buffer | undefined {
  if (Buffer.isBuffer(entry)) return entry;
  if (entry instanceof Uint8Array) return Buffer.from(entry.buffer, entry.byteOffset, entry.byteLength);
  if (typeof entry === 'string') return Buffer.from(entry, 'utf8');
  return undefined;
}

/** Printable US-ASCII without '=' (RFC 6763 §6.4). */
function isKey(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return false;
  return true;
}

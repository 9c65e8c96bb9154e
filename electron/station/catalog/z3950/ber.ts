import * as asn1js from 'asn1js';

/**
 * BER for Z39.50 on top of asn1js (tags, lengths, indefinite forms, the tree). Z39.50 tags nearly
 * everything IMPLICIT with context tags, so values are written and read as raw content bytes here.
 */

export const CONTEXT = 3;
export const UNIVERSAL = 1;

export type Ber = asn1js.AsnType;

/** A constructed context-tagged value. */
export function seq(tag: number, children: Ber[], tagClass = CONTEXT): Ber {
  return new asn1js.Constructed({ idBlock: { tagClass, tagNumber: tag }, value: children });
}

/** A primitive context-tagged value with the given content bytes. */
export function prim(tag: number, content: Uint8Array): Ber {
  return new asn1js.Primitive({ idBlock: { tagClass: CONTEXT, tagNumber: tag }, valueHex: content });
}

export function int(tag: number, value: number): Ber {
  return prim(tag, intContent(value));
}

export function bool(tag: number, value: boolean): Ber {
  return prim(tag, new Uint8Array([value ? 0xff : 0x00]));
}

export function str(tag: number, bytes: Uint8Array | string): Ber {
  return prim(tag, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
}

/** A universal OBJECT IDENTIFIER. */
export function oid(value: string): Ber {
  return new asn1js.ObjectIdentifier({ value });
}

/** An IMPLICIT-tagged OBJECT IDENTIFIER. */
export function oidTagged(tag: number, value: string): Ber {
  return prim(tag, new Uint8Array(new asn1js.ObjectIdentifier({ value }).valueBlock.toBER()));
}

/** An IMPLICIT-tagged BIT STRING from the bit numbers that are set. */
export function bits(tag: number, set: number[], length: number): Ber {
  const bytes = new Uint8Array(Math.ceil(length / 8));
  for (const b of set) bytes[b >> 3]! |= 0x80 >> (b & 7);
  return prim(tag, new Uint8Array([bytes.length * 8 - length, ...bytes]));
}

export function toBytes(value: Ber): Uint8Array {
  return new Uint8Array(value.toBER());
}

/** Two's complement, shortest form. */
export function intContent(value: number): Uint8Array {
  const out: number[] = [];
  let v = BigInt(value);
  for (;;) {
    const byte = Number(v & 0xffn);
    out.unshift(byte);
    v >>= 8n;
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return new Uint8Array(out);
}

// --- reading ---

export class BerError extends Error {}

/** A decoded value: its tag and either content bytes or children. */
export interface Tlv {
  tagClass: number;
  tag: number;
  constructed: boolean;
  content: Uint8Array;
  children: Tlv[];
}

/** Decodes one whole BER value; anything left over or missing is a BerError. */
export function decode(bytes: Uint8Array): Tlv {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(bytes);
  } catch (err) {
    // asn1js throws plain errors for some universal types it reads eagerly (times, strings).
    throw new BerError(`bad BER: ${(err as Error).message}`);
  }
  const { offset, result } = parsed;
  if (offset === -1 || result.error) throw new BerError(`bad BER: ${result.error || 'cannot decode'}`);
  if (offset !== bytes.length) throw new BerError(`bad BER: ${bytes.length - offset} bytes after the value`);
  try {
    return toTlv(result);
  } catch (err) {
    throw new BerError(`bad BER: ${(err as Error).message}`);
  }
}

function toTlv(node: asn1js.AsnType): Tlv {
  const id = node.idBlock;
  const block = node.valueBlock as { value?: asn1js.AsnType[]; valueHexView?: Uint8Array };
  const constructed = id.isConstructed;
  const children = constructed && Array.isArray(block.value) ? block.value.map(toTlv) : [];
  let content: Uint8Array;
  if (!constructed) {
    // Universal types decode into typed blocks; their content is the encoding minus the header.
    content =
      block.valueHexView && block.valueHexView.length > 0
        ? new Uint8Array(block.valueHexView)
        : contentOf(new Uint8Array(node.toBER()));
  } else {
    content = new Uint8Array(0);
  }
  return { tagClass: id.tagClass, tag: id.tagNumber, constructed, content, children };
}

function contentOf(encoded: Uint8Array): Uint8Array {
  const h = header(encoded);
  if (!h || h.length === null) return new Uint8Array(0);
  return encoded.subarray(h.headerLength, h.headerLength + h.length);
}

/**
 * The tag and length header at the start of `bytes`, or null while it is incomplete. Used to cut
 * PDUs out of the TCP stream before decoding them. `length` is null for the indefinite form.
 */
export function header(bytes: Uint8Array): { headerLength: number; length: number | null } | null {
  if (bytes.length < 2) return null;
  let i = 1;
  if ((bytes[0]! & 0x1f) === 0x1f) {
    while (i < bytes.length && bytes[i]! & 0x80) i++;
    i++;
    if (i > 6) throw new BerError('bad BER: tag number too long');
  }
  if (i >= bytes.length) return null;
  const first = bytes[i]!;
  i++;
  if (first < 0x80) return { headerLength: i, length: first };
  if (first === 0x80) return { headerLength: i, length: null };
  const n = first & 0x7f;
  if (n > 4) throw new BerError(`bad BER: a length of ${n} bytes`);
  if (i + n > bytes.length) return null;
  let length = 0;
  for (let k = 0; k < n; k++) length = length * 256 + bytes[i + k]!;
  return { headerLength: i + n, length };
}

export function child(t: Tlv, tag: number, tagClass = CONTEXT): Tlv | undefined {
  return t.children.find((c) => c.tag === tag && c.tagClass === tagClass);
}

export function readInt(t: Tlv | undefined): number | null {
  if (!t || t.content.length === 0 || t.content.length > 6) return null;
  let v = 0;
  for (const b of t.content) v = v * 256 + b;
  if (t.content[0]! & 0x80) v -= 256 ** t.content.length;
  return v;
}

export function readBool(t: Tlv | undefined): boolean | null {
  if (t?.content.length !== 1) return null;
  return t.content[0] !== 0;
}

/** The dotted form of an OBJECT IDENTIFIER's content bytes. */
export function readOid(t: Tlv | undefined): string | null {
  if (!t || t.content.length === 0) return null;
  const parts: number[] = [];
  let v = 0;
  for (const b of t.content) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const a = first < 40 ? 0 : first < 80 ? 1 : 2;
  return [a, first - a * 40, ...parts].join('.');
}

/** Content bytes of a string; a constructed (segmented) OCTET STRING is put together. */
export function readBytes(t: Tlv | undefined): Uint8Array | null {
  if (!t) return null;
  if (!t.constructed) return t.content;
  const parts = t.children.map((c) => readBytes(c) ?? new Uint8Array(0));
  return new Uint8Array(Buffer.concat(parts));
}

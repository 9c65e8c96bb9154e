import { describe, expect, it } from 'vitest';
import {
  BerError,
  bits,
  child,
  decode,
  header,
  int,
  intContent,
  oidTagged,
  readBytes,
  readInt,
  readOid,
  seq,
  str,
  toBytes,
  UNIVERSAL,
} from '../../../electron/station/catalog/z3950/ber.js';
import {
  initRequest,
  OID,
  presentRequest,
  readPresentResponse,
  readSearchResponse,
  searchRequest,
} from '../../../electron/station/catalog/z3950/pdu.js';
import { parsePqf, pqfQuote } from '../../../electron/station/catalog/z3950/pqf.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('BER', () => {
  it('integers in shortest two’s complement, read back the same', () => {
    const cases: Array<[number, string]> = [
      [0, '00'],
      [127, '7f'],
      [128, '0080'],
      [256, '0100'],
      [65535, '00ffff'],
      [-1, 'ff'],
      [-128, '80'],
      [-129, 'ff7f'],
      [1048576, '100000'],
    ];
    for (const [n, h] of cases) {
      expect(hex(intContent(n))).toBe(h);
      expect(readInt(decode(toBytes(int(5, n))))).toBe(n);
    }
  });

  it('tags above 30 take several bytes; lengths above 127 the long form', () => {
    // [110] IMPLICIT string "bitig": 9f 6e, length 5
    expect(hex(toBytes(str(110, 'bitig')))).toBe(`9f6e05${hex(utf8('bitig'))}`);
    const long = toBytes(str(45, 'x'.repeat(300)));
    // [45] general term: 9f 2d, then 82 01 2c (300)
    expect(hex(long.subarray(0, 5))).toBe('9f2d82012c');
    expect(header(long)).toEqual({ headerLength: 5, length: 300 });
  });

  it('header() waits for more bytes, knows the indefinite form, refuses absurd lengths', () => {
    expect(header(new Uint8Array([0xb5]))).toBeNull();
    expect(header(new Uint8Array([0xbf, 0x81]))).toBeNull(); // tag continues
    expect(header(new Uint8Array([0xb5, 0x82, 0x01]))).toBeNull(); // length continues
    expect(header(new Uint8Array([0xb5, 0x80]))).toEqual({ headerLength: 2, length: null });
    expect(() => header(new Uint8Array([0xb5, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(BerError);
  });

  it('decode() refuses a cut value and bytes after the value', () => {
    const whole = toBytes(seq(20, [int(5, 1), str(110, 'bitig')]));
    expect(() => decode(whole.subarray(0, whole.length - 2))).toThrow(BerError);
    expect(() => decode(new Uint8Array([...whole, 0]))).toThrow(/after the value/);
    expect(readInt(child(decode(whole), 5))).toBe(1);
    // A universal GeneralizedTime that is not a time: asn1js throws its own error, we a BerError.
    expect(() => decode(new Uint8Array([0x18, 0x02, 0x41, 0x42]))).toThrow(BerError);
  });

  it('object identifiers and bit strings', () => {
    const o = decode(toBytes(oidTagged(104, OID.usmarc)));
    expect(hex(o.content)).toBe('2a8648ce13050a');
    expect(readOid(o)).toBe('1.2.840.10003.5.10');
    // protocol versions 1–3: three bits used, five unused
    expect(hex(toBytes(bits(3, [0, 1, 2], 3)))).toBe('830205e0');
  });

  it('a segmented (constructed) OCTET STRING is put together', () => {
    const t = decode(toBytes(seq(1, [str(4, 'ab'), str(4, 'cd')])));
    expect(new TextDecoder().decode(readBytes(t)!)).toBe('abcd');
  });
});

describe('Z39.50 PDUs', () => {
  it('InitRequest: versions, options, sizes and our implementation', () => {
    const pdu = decode(initRequest('1.2.3'));
    expect([pdu.tag, pdu.constructed]).toEqual([20, true]);
    expect(readInt(child(pdu, 5))).toBe(1024 * 1024);
    expect(new TextDecoder().decode(readBytes(child(pdu, 112))!)).toBe('1.2.3');
    expect(child(pdu, 7)).toBeUndefined();
    const withAuth = decode(initRequest('1', { user: 'kiosk', password: 'secret' }));
    const idPass = child(withAuth, 7)!.children[0]!;
    expect([idPass.tagClass, idPass.tag]).toEqual([UNIVERSAL, 16]);
    expect(new TextDecoder().decode(readBytes(child(idPass, 1))!)).toBe('kiosk');
  });

  it('SearchRequest carries the database and a type-1 RPN tree with Bib-1 attributes', () => {
    const rpn = parsePqf('@and @attr 1=4 "Oʻtkan kunlar" @attr 1=1003 @attr 4=1 qodiriy');
    const pdu = decode(searchRequest('books', rpn, utf8));
    expect(new TextDecoder().decode(readBytes(child(pdu, 18)!.children[0])!)).toBe('books');
    const type1 = child(pdu, 21)!.children[0]!;
    expect(type1.tag).toBe(1);
    expect(readOid(type1.children[0])).toBe(OID.bib1);
    const op = type1.children[1]!; // rpnRpnOp [1]
    expect(op.tag).toBe(1);
    const [left, right, operator] = op.children;
    expect(operator!.tag).toBe(46);
    expect(operator!.children[0]!.tag).toBe(0); // and
    const leftTerm = left!.children[0]!; // op [0] → attrTerm [102]
    expect(leftTerm.tag).toBe(102);
    const attrs = child(leftTerm, 44)!.children.map((a) => [readInt(child(a, 120)), readInt(child(a, 121))]);
    expect(attrs).toEqual([[1, 4]]);
    expect(new TextDecoder().decode(readBytes(child(leftTerm, 45))!)).toBe('Oʻtkan kunlar');
    const rightAttrs = child(right!.children[0]!, 44)!.children.map((a) => readInt(child(a, 121)));
    expect(rightAttrs).toEqual([1003, 1]);
  });

  it('PresentRequest asks the range, element set and syntax', () => {
    const pdu = decode(presentRequest(51, 50, 'unimarc', 'F'));
    expect([readInt(child(pdu, 30)), readInt(child(pdu, 29))]).toEqual([51, 50]);
    expect(readOid(child(pdu, 104))).toBe(OID.unimarc);
  });

  it('answers without their required parts are refused, not read as zero', () => {
    expect(() => readSearchResponse(decode(toBytes(seq(23, [int(24, 0)]))))).toThrow(BerError);
    expect(() => readPresentResponse(decode(toBytes(seq(23, [int(24, 0)]))), 1)).toThrow(
      /expected PDU \[25\]/,
    );
  });
});

describe('PQF', () => {
  it('reads attributes, operators and quoted terms', () => {
    expect(parsePqf('@attrset bib-1 @or @attr 1=7 "978-5" @attr 1=7 5699120149')).toEqual({
      op: 'or',
      left: { term: '978-5', attributes: [{ type: 1, value: 7 }] },
      right: { term: '5699120149', attributes: [{ type: 1, value: 7 }] },
    });
    expect(parsePqf(`@attr 1=4 ${pqfQuote('say "hi" \\ @and')}`)).toEqual({
      term: 'say "hi" \\ @and',
      attributes: [{ type: 1, value: 4 }],
    });
  });

  it('refuses what it does not know, with CATALOG_BAD_QUERY', () => {
    for (const bad of [
      '',
      '@and x',
      '@attr 1=4',
      '@attr 1=title x',
      '@prox 0 1 0 2 k 2 a b',
      'a b',
      '"open',
      '@attrset gils x',
    ]) {
      expect(() => parsePqf(bad), bad).toThrow(expect.objectContaining({ code: 'CATALOG_BAD_QUERY' }));
    }
  });
});

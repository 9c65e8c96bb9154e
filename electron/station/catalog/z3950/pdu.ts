import type { CatalogDiagnostic } from '../errors.js';
import type { Z3950Syntax } from '../types.js';
import {
  type Ber,
  BerError,
  bits,
  bool,
  child,
  int,
  oid,
  oidTagged,
  readBool,
  readBytes,
  readInt,
  readOid,
  seq,
  str,
  type Tlv,
  toBytes,
  UNIVERSAL,
} from './ber.js';
import type { Rpn } from './pqf.js';

/** Z39.50 (ANSI/NISO Z39.50-2003) object identifiers we use. */
export const OID = {
  bib1: '1.2.840.10003.3.1',
  bib1Diagnostics: '1.2.840.10003.4.1',
  usmarc: '1.2.840.10003.5.10',
  unimarc: '1.2.840.10003.5.1',
  xml: '1.2.840.10003.5.109.10',
} as const;

export const SYNTAX_OID: Record<Z3950Syntax, string> = {
  usmarc: OID.usmarc,
  unimarc: OID.unimarc,
  xml: OID.xml,
};

/** PDU tags (the APDU CHOICE, context class). */
export const PDU = {
  initRequest: 20,
  initResponse: 21,
  searchRequest: 22,
  searchResponse: 23,
  presentRequest: 24,
  presentResponse: 25,
  close: 48,
} as const;

const IMPLEMENTATION = { id: 'bitig', name: 'Bitig station' };

export function initRequest(version: string, auth?: { user: string; password: string }): Uint8Array {
  const parts: Ber[] = [
    bits(3, [0, 1, 2], 3), // protocol versions 1, 2 and 3
    bits(4, [0, 1, 14], 15), // options: search, present, namedResultSets
    int(5, 1024 * 1024), // preferredMessageSize
    int(6, 8 * 1024 * 1024), // exceptionalRecordSize
  ];
  if (auth) {
    // idAuthentication [7] ANY: the idPass form, a SEQUENCE { groupId [0], userId [1], password [2] }.
    parts.push(seq(7, [seq(16, [str(1, auth.user), str(2, auth.password)], UNIVERSAL)]));
  }
  parts.push(str(110, IMPLEMENTATION.id), str(111, IMPLEMENTATION.name), str(112, version));
  return toBytes(seq(PDU.initRequest, parts));
}

/**
 * SearchRequest asking for no records (small set 0, large set 1): records come with Present, so
 * paging is one code path.
 */
export function searchRequest(
  database: string,
  rpn: Rpn,
  encodeTerm: (term: string) => Uint8Array,
): Uint8Array {
  return toBytes(
    seq(PDU.searchRequest, [
      int(13, 0), // smallSetUpperBound
      int(14, 1), // largeSetLowerBound
      int(15, 0), // mediumSetPresentNumber
      bool(16, true), // replaceIndicator
      str(17, 'default'), // resultSetName
      seq(18, [str(105, database)]), // databaseNames
      seq(21, [seq(1, [oid(OID.bib1), rpnStructure(rpn, encodeTerm)])]), // query: type-1 RPN
    ]),
  );
}

function rpnStructure(rpn: Rpn, encodeTerm: (term: string) => Uint8Array): Ber {
  if ('op' in rpn) {
    const op = { and: 0, or: 1, not: 2 }[rpn.op];
    // rpnRpnOp [1] { rpn1, rpn2, op [46] CHOICE { and [0] NULL | or [1] NULL | and-not [2] NULL } }
    return seq(1, [
      rpnStructure(rpn.left, encodeTerm),
      rpnStructure(rpn.right, encodeTerm),
      seq(46, [str(op, new Uint8Array(0))]),
    ]);
  }
  // op [0] Operand → attrTerm [102] { attributes [44] SEQUENCE OF AttributeElement, term general [45] }
  const attributes = rpn.attributes.map((a) => seq(16, [int(120, a.type), int(121, a.value)], UNIVERSAL));
  return seq(0, [seq(102, [seq(44, attributes), str(45, encodeTerm(rpn.term))])]);
}

export function presentRequest(
  start: number,
  count: number,
  syntax: Z3950Syntax,
  elementSet: string,
): Uint8Array {
  return toBytes(
    seq(PDU.presentRequest, [
      str(31, 'default'), // resultSetId
      int(30, start), // resultSetStartPoint
      int(29, count), // numberOfRecordsRequested
      seq(19, [str(0, elementSet)]), // recordComposition simple: genericElementSetName
      oidTagged(104, SYNTAX_OID[syntax]), // preferredRecordSyntax
    ]),
  );
}

export function closeRequest(): Uint8Array {
  // Close [48] { closeReason [211] IMPLICIT INTEGER: 0 finished }
  return toBytes(seq(PDU.close, [int(211, 0)]));
}

// --- answers ---

export interface InitResponse {
  accepted: boolean;
  implementation: string | null;
}

export interface SearchResponse {
  ok: boolean;
  count: number;
  diagnostic: CatalogDiagnostic | null;
}

export type RetrievedRecord =
  | { position: number; syntax: string | null; bytes: Uint8Array }
  | { position: number; diagnostic: CatalogDiagnostic };

export interface PresentResponse {
  returned: number;
  /** presentStatus: 0 success, 1 partial-1 … 5 failure. */
  status: number;
  records: RetrievedRecord[];
  diagnostic: CatalogDiagnostic | null;
}

export function readInitResponse(pdu: Tlv): InitResponse {
  expectTag(pdu, PDU.initResponse);
  const accepted = readBool(child(pdu, 12));
  if (accepted === null) throw new BerError('InitResponse without result');
  const name = readBytes(child(pdu, 111));
  return { accepted, implementation: name ? new TextDecoder().decode(name) : null };
}

export function readSearchResponse(pdu: Tlv): SearchResponse {
  expectTag(pdu, PDU.searchResponse);
  const count = readInt(child(pdu, 23));
  const ok = readBool(child(pdu, 22));
  if (count === null || ok === null) throw new BerError('SearchResponse without resultCount or searchStatus');
  return { ok, count, diagnostic: recordsDiagnostic(pdu) };
}

export function readPresentResponse(pdu: Tlv, start: number): PresentResponse {
  expectTag(pdu, PDU.presentResponse);
  const returned = readInt(child(pdu, 24));
  if (returned === null) throw new BerError('PresentResponse without numberOfRecordsReturned');
  const status = readInt(child(pdu, 27)) ?? 0;
  const list = child(pdu, 28);
  const records: RetrievedRecord[] = (list?.children ?? []).map((npr, i) =>
    readNamePlusRecord(npr, start + i),
  );
  return { returned, status, records, diagnostic: recordsDiagnostic(pdu) };
}

function readNamePlusRecord(npr: Tlv, position: number): RetrievedRecord {
  const choice = child(npr, 1)?.children[0];
  if (!choice) throw new BerError('NamePlusRecord without record');
  // retrievalRecord [1] EXTERNAL is tagged explicitly: the EXTERNAL (universal 8) sits inside.
  const inner = choice.children[0];
  const record =
    choice.tag === 1 && inner && inner.tagClass === UNIVERSAL && inner.tag === 8
      ? { ...inner, tag: 1 }
      : choice;
  if (choice.tag === 2) {
    // surrogateDiagnostic [2] DiagRec: defaultFormat is a SEQUENCE
    const diag = choice.children[0];
    return { position, diagnostic: diag ? defaultDiag(diag) : unknownDiag() };
  }
  if (record.tag !== 1) throw new BerError(`record form [${record.tag}] is not supported (fragments)`);
  // retrievalRecord [1] EXTERNAL { direct-reference OID, encoding: octet-aligned [1] | single-ASN1-type [0] }
  const syntax = readOid(record.children.find((c) => c.tagClass === UNIVERSAL && c.tag === 6));
  const encoding = record.children.find((c) => c.tagClass !== UNIVERSAL);
  if (!encoding) throw new BerError('EXTERNAL without encoding');
  const bytes = encoding.tag === 0 ? readBytes(encoding.children[0]) : readBytes(encoding);
  if (!bytes) throw new BerError('a record without data');
  return { position, syntax, bytes };
}

/** nonSurrogateDiagnostic [130] or multipleNonSurDiagnostics [205] of a Search/Present answer. */
function recordsDiagnostic(pdu: Tlv): CatalogDiagnostic | null {
  const single = child(pdu, 130);
  if (single) return defaultDiag(single);
  const multiple = child(pdu, 205);
  // SEQUENCE OF DiagRec; a DiagRec in the default format is the DefaultDiagFormat SEQUENCE itself.
  const first = multiple?.children[0];
  return first ? defaultDiag(first) : null;
}

function defaultDiag(d: Tlv): CatalogDiagnostic {
  const set = readOid(d.children.find((c) => c.tagClass === UNIVERSAL && c.tag === 6));
  const condition = readInt(d.children.find((c) => c.tagClass === UNIVERSAL && c.tag === 2));
  const addinfo = d.children.find((c) => c.tagClass === UNIVERSAL && (c.tag === 26 || c.tag === 27));
  const info = addinfo ? new TextDecoder().decode(readBytes(addinfo) ?? new Uint8Array(0)) : null;
  const prefix = set === OID.bib1Diagnostics || set === null ? 'bib1' : set;
  return {
    uri: `${prefix}:${condition ?? '?'}`,
    message: condition !== null ? (BIB1_DIAGNOSTICS[condition] ?? null) : null,
    details: info || null,
  };
}

function unknownDiag(): CatalogDiagnostic {
  return { uri: 'bib1:?', message: null, details: null };
}

function expectTag(pdu: Tlv, tag: number): void {
  if (pdu.tag !== tag || !pdu.constructed) throw new BerError(`expected PDU [${tag}], got [${pdu.tag}]`);
}

/** Bib-1 diagnostics a catalogue lookup meets, in words for the one-line error. */
export const BIB1_DIAGNOSTICS: Record<number, string> = {
  1: 'permanent system error',
  2: 'temporary system error',
  3: 'unsupported search',
  11: 'too many characters in term',
  13: 'present request out of range',
  14: 'system error in presenting records',
  16: 'record not authorized to be sent',
  25: 'specified element set name not valid for specified database',
  107: 'query type not supported',
  108: 'malformed query',
  109: 'database unavailable',
  113: 'unsupported attribute type',
  114: 'unsupported use attribute',
  117: 'unsupported relation attribute',
  118: 'unsupported structure attribute',
  121: 'unsupported attribute set',
  235: 'database does not exist',
  227: 'no data available in requested record syntax',
  238: 'record not available in requested syntax',
  239: 'record syntax not supported',
};

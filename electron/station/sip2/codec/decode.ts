import { DEFAULT_ENCODING, decodeText, type Sip2Encoding } from './charset.js';
import { sipChecksum } from './checksum.js';
import { type ProtocolReason, Sip2ProtocolError } from './errors.js';
import {
  FIELD_BY_ID,
  FIELD_ID_PATTERN,
  type Sip2FieldEntry,
  type Sip2Fields,
  unescapeValue,
} from './fields.js';
import { decodeFixed } from './fixed.js';
import {
  fixedLength,
  type MessageDef,
  messageDef,
  type Sip2Decoded,
  type Sip2Request,
  type Sip2Response,
  UNSEQUENCED,
} from './messages.js';

export interface DecodeOptions {
  encoding?: Sip2Encoding;
  /** Require and verify `AY`/`AZ`. When off, a trailer that is present is read but not checked. */
  errorDetection?: boolean;
  /** The request's sequence number; the response must echo it (error detection only). */
  expectedSequence?: number;
  /** The library's IANA zone, for dates sent in local time; the machine's zone when absent. */
  timeZone?: string | undefined;
}

const SPACE = 0x20;
const CR = 0x0d;
const LF = 0x0a;
const A = 0x41;
const Y = 0x59;
const Z = 0x5a;
const PIPE = 0x7c;

const fail = (reason: ProtocolReason, message: string, field?: string): never => {
  throw new Sip2ProtocolError(reason, message, field);
};

const isBlank = (b: number | undefined): boolean => b === SPACE || b === CR || b === LF;
const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;
const isHex = (b: number | undefined): boolean =>
  b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));

/** Where the error detection trailer starts and what it says. Found on bytes: the checksum covers bytes. */
interface Trailer {
  /** Index where the message body (code, fixed and variable fields) ends. */
  bodyEnd: number;
  /** Index just past `AZ`: the checksum covers bytes before it. */
  coveredEnd: number;
  sequence: number | null;
  checksum: string;
}

function findTrailer(msg: Uint8Array, fixedEnd: number, errorDetection: boolean): Trailer | null {
  const n = msg.length;
  if (n < 6 || msg[n - 6] !== A || msg[n - 5] !== Z) return null;
  for (let i = n - 4; i < n; i++) if (!isHex(msg[i])) return null;
  const azAt = n - 6;
  const checksum = String.fromCharCode(...msg.subarray(n - 4)).toUpperCase();
  let bodyEnd = azAt;
  let sequence: number | null = null;
  if (azAt >= 3 && msg[azAt - 3] === A && msg[azAt - 2] === Y && isDigit(msg[azAt - 1])) {
    bodyEnd = azAt - 3;
    sequence = (msg[azAt - 1] as number) - 0x30;
  }
  // Without error detection a trailer is only taken where a field could end, so a value that
  // happens to end in "AZ" and four hex digits stays a value.
  if (!errorDetection && bodyEnd !== fixedEnd && msg[bodyEnd - 1] !== PIPE) return null;
  return { bodyEnd, coveredEnd: azAt + 2, sequence, checksum };
}

/**
 * The message without the blanks and line ends around it, and how many spaces were cut from its end:
 * a message with no variable fields may end in a blank fixed field (an unsupported count), which
 * trimming must not eat.
 */
function trimFrame(bytes: Uint8Array): { msg: Uint8Array; trailingSpaces: number } {
  let start = 0;
  let end = bytes.length;
  while (start < end && isBlank(bytes[start])) start++;
  while (end > start && (bytes[end - 1] === CR || bytes[end - 1] === LF)) end--;
  let trailingSpaces = 0;
  while (end > start && isBlank(bytes[end - 1])) {
    if (bytes[end - 1] === SPACE) trailingSpaces++;
    end--;
  }
  return { msg: bytes.subarray(start, end), trailingSpaces };
}

/** A decoded message while it is being filled in; typed by its code only once complete. */
interface Draft {
  code: string;
  name: string;
  fixed: Record<string, unknown>;
  fixedRaw: Record<string, string>;
  fields: Sip2Fields;
  all: Sip2FieldEntry[];
  unknown: Sip2FieldEntry[];
  sequence: number | null;
  checksum: string | null;
  raw: string;
}

function listOf(fields: Record<string, unknown>, name: string): string[] {
  let list = fields[name] as string[] | undefined;
  if (!list) {
    list = [];
    fields[name] = list;
  }
  return list;
}

function readVariable(text: string, into: Draft): void {
  const fields = into.fields as Record<string, unknown>;
  for (const token of text.split('|')) {
    if (token === '') continue;
    const id = token.slice(0, 2);
    if (token.length < 2 || !FIELD_ID_PATTERN.test(id)) {
      fail('BAD_FIELD', `Variable field without a two-letter id: ${JSON.stringify(token.slice(0, 20))}`);
    }
    const value = unescapeValue(token.slice(2));
    const entry: Sip2FieldEntry = { id, value };
    into.all.push(entry);
    const def = FIELD_BY_ID.get(id);
    if (!def) {
      into.unknown.push(entry);
      continue;
    }
    switch (def.kind) {
      case 'text':
        if (fields[def.name] === undefined) fields[def.name] = value;
        break;
      case 'flag': {
        if (value === '') break;
        const upper = value.toUpperCase();
        if (upper !== 'Y' && upper !== 'N')
          fail('BAD_FIELD', `Field ${id} must be Y or N, got ${JSON.stringify(value)}`, id);
        if (fields[def.name] === undefined) fields[def.name] = upper === 'Y';
        break;
      }
      case 'lines':
        listOf(fields, def.name).push(value);
        break;
      case 'items': {
        // An empty entry is what a server sends for a page past the end of a list: no item.
        const list = listOf(fields, def.name);
        if (value !== '') list.push(value);
        break;
      }
    }
  }
}

function decodeWith(
  bytes: Uint8Array,
  options: DecodeOptions,
  direction: MessageDef['direction'] | null,
): Sip2Decoded {
  const encoding = options.encoding ?? DEFAULT_ENCODING;
  const errorDetection = options.errorDetection ?? false;
  const { msg, trailingSpaces } = trimFrame(bytes);
  if (msg.length === 0) fail('EMPTY', 'Empty message');
  if (msg.includes(CR)) fail('BAD_FRAME', 'A CR inside a message: two messages run together?');
  if (msg.length < 2) fail('TOO_SHORT', 'A message needs at least a two-digit code');
  const code = String.fromCharCode(msg[0] as number, msg[1] as number);
  const def = isDigit(msg[0]) && isDigit(msg[1]) ? messageDef(code) : undefined;
  if (!def) return fail('UNKNOWN_CODE', `Unknown message code ${JSON.stringify(code)}`);
  if (direction && def.direction !== direction)
    fail('UNEXPECTED_CODE', `Got a ${def.direction} (${code}) where a ${direction} belongs`);

  const fixedEnd = 2 + fixedLength(def);
  const trailer = findTrailer(msg, fixedEnd, errorDetection);
  if (errorDetection) {
    if (!trailer)
      return fail('MISSING_CHECKSUM', `Error detection is on but message ${code} has no AZ checksum`, 'AZ');
    const expected = sipChecksum(msg, trailer.coveredEnd);
    if (expected !== trailer.checksum) {
      fail(
        'BAD_CHECKSUM',
        `Checksum ${trailer.checksum} does not match the bytes received (expected ${expected})`,
        'AZ',
      );
    }
    if (!UNSEQUENCED.has(code)) {
      if (trailer.sequence === null)
        fail('MISSING_SEQUENCE', `Error detection is on but message ${code} has no AY`, 'AY');
      if (options.expectedSequence !== undefined && trailer.sequence !== options.expectedSequence) {
        fail(
          'SEQUENCE_MISMATCH',
          `Response sequence ${trailer.sequence} does not echo the request's ${options.expectedSequence}`,
          'AY',
        );
      }
    }
  }

  const bodyBytes = trailer ? msg.subarray(0, trailer.bodyEnd) : msg;
  let text = decodeText(bodyBytes, encoding);
  if (!trailer && text.length < fixedEnd && text.length + trailingSpaces >= fixedEnd)
    text = text.padEnd(fixedEnd);
  if (text.length < fixedEnd)
    fail('TOO_SHORT', `Message ${code} needs ${fixedEnd} characters before its variable fields`);

  const decoded: Draft = {
    code,
    name: def.name,
    fixed: {},
    fixedRaw: {},
    fields: {},
    all: [],
    unknown: [],
    sequence: trailer?.sequence ?? null,
    checksum: trailer?.checksum ?? null,
    raw: trailer ? text + String.fromCharCode(...msg.subarray(trailer.bodyEnd)) : text,
  };
  let at = 2;
  for (const f of def.fixed) {
    const raw = text.slice(at, at + f.length);
    decoded.fixedRaw[f.name] = raw;
    decoded.fixed[f.name] = decodeFixed(f, raw, options.timeZone);
    at += f.length;
  }
  readVariable(text.slice(fixedEnd), decoded);
  return decoded as unknown as Sip2Decoded;
}

/**
 * Reads one response frame (terminator optional; CR, CR LF, stray LF and surrounding blanks are
 * ignored). Throws only `Sip2ProtocolError`.
 */
export function decodeResponse(bytes: Uint8Array, options: DecodeOptions = {}): Sip2Response {
  return decodeWith(bytes, options, 'response') as Sip2Response;
}

/** Reads one request frame: the test ACS's side of the codec. */
export function decodeRequest(bytes: Uint8Array, options: DecodeOptions = {}): Sip2Request {
  return decodeWith(bytes, options, 'request') as Sip2Request;
}

/** Reads a frame of either direction (diagnostics). */
export function decodeAny(bytes: Uint8Array, options: DecodeOptions = {}): Sip2Decoded {
  return decodeWith(bytes, options, null);
}

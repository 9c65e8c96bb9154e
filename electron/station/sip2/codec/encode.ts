import {
  DEFAULT_ENCODING,
  encodeText,
  findUnrepresentable,
  type Sip2Encoding,
  type Unrepresentable,
} from './charset.js';
import { sipChecksum } from './checksum.js';
import { Sip2ProtocolError } from './errors.js';
import {
  escapeValue,
  FIELD_BY_ID,
  FIELD_ID_PATTERN,
  FIELDS,
  type FieldDef,
  type Sip2FieldEntry,
} from './fields.js';
import { encodeFixed } from './fixed.js';
import {
  type MessageDef,
  messageDef,
  type RequestCode,
  type ResponseCode,
  type Sip2Message,
  UNSEQUENCED,
} from './messages.js';

/** CR is the protocol's terminator; some servers want CR LF. */
export type Terminator = '\r' | '\r\n';

export interface EncodeOptions {
  encoding?: Sip2Encoding;
  /** Append `AY<sequence>AZ<checksum>`. */
  errorDetection?: boolean;
  /** 0–9; required with error detection (except for 96/97, which carry none). */
  sequence?: number;
  terminator?: Terminator;
  /** The library's IANA zone, for dates written in local time; the machine's zone when absent. */
  timeZone?: string | undefined;
}

export interface EncodedMessage {
  /** What goes on the wire, terminator included. */
  bytes: Buffer;
  /** The same message as text, without terminator (for logs). */
  text: string;
  /** Characters the encoding could not carry (sent as `?`), or null. */
  unrepresentable: Unrepresentable | null;
}

function invalid(message: string, field?: string): Sip2ProtocolError {
  return new Sip2ProtocolError('INVALID_MESSAGE', message, field);
}

function fieldText(field: FieldDef, value: unknown, required: boolean): string {
  if (value === undefined || value === null) return required ? `${field.id}|` : '';
  switch (field.kind) {
    case 'text':
      if (typeof value !== 'string')
        throw invalid(`Field ${field.name} (${field.id}) must be a string`, field.id);
      // An empty optional field is omitted: some servers answer 96 to an empty AC or AD.
      if (value === '' && !required) return '';
      return `${field.id}${escapeValue(value)}|`;
    case 'flag':
      if (typeof value !== 'boolean')
        throw invalid(`Field ${field.name} (${field.id}) must be a boolean`, field.id);
      return `${field.id}${value ? 'Y' : 'N'}|`;
    case 'lines':
    case 'items': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        throw invalid(`Field ${field.name} (${field.id}) must be a list of strings`, field.id);
      }
      if (value.length === 0) return required ? `${field.id}|` : '';
      return value.map((v: string) => `${field.id}${escapeValue(v)}|`).join('');
    }
  }
}

function variableText(def: MessageDef, message: Sip2Message): string {
  const provided = (message.fields ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(provided)) {
    if (!FIELDS.some((f) => f.name === name)) throw invalid(`Unknown field name ${name}`, name);
  }
  const order: string[] = [...def.required, ...def.optional];
  // Named fields outside the message's table go after its own, in the global order.
  for (const f of FIELDS) if (!order.includes(f.id) && provided[f.name] !== undefined) order.push(f.id);
  let text = '';
  for (const id of order) {
    const field = FIELD_BY_ID.get(id) as FieldDef;
    text += fieldText(field, provided[field.name], def.required.includes(id as never));
  }
  for (const entry of message.extra ?? []) text += extraText(entry);
  return text;
}

function extraText(entry: Sip2FieldEntry): string {
  if (!FIELD_ID_PATTERN.test(entry.id) || entry.id === 'AY' || entry.id === 'AZ') {
    throw invalid(`Invalid extra field id ${JSON.stringify(entry.id)}`, entry.id);
  }
  return `${entry.id}${escapeValue(entry.value)}|`;
}

/** `AY<n>AZ` (or just `AZ` for 96/97), the part of the trailer the checksum covers. */
function trailerStart(code: string, sequence: number | undefined): string {
  if (UNSEQUENCED.has(code)) return 'AZ';
  if (sequence === undefined || !Number.isInteger(sequence) || sequence < 0 || sequence > 9) {
    throw invalid(`Error detection needs a sequence number 0-9, got ${String(sequence)}`, 'AY');
  }
  return `AY${sequence}AZ`;
}

/**
 * Frames message text: error detection (sequence and a checksum over the ENCODED bytes) and the
 * terminator. The trailer is ASCII, identical in every supported encoding.
 */
function frame(body: string, code: string, options: EncodeOptions): EncodedMessage {
  const encoding = options.encoding ?? DEFAULT_ENCODING;
  const unrepresentable = findUnrepresentable(body, encoding);
  let bytes = encodeText(body, encoding);
  let text = body;
  if (options.errorDetection) {
    const covered = Buffer.concat([bytes, Buffer.from(trailerStart(code, options.sequence), 'ascii')]);
    const checksum = sipChecksum(covered);
    bytes = Buffer.concat([covered, Buffer.from(checksum, 'ascii')]);
    text = `${body}${trailerStart(code, options.sequence)}${checksum}`;
  }
  bytes = Buffer.concat([bytes, Buffer.from(options.terminator ?? '\r', 'ascii')]);
  return { bytes, text, unrepresentable };
}

/** Encodes any message in the table (requests for the client, responses for the test ACS). */
export function encodeMessage(message: Sip2Message, options: EncodeOptions = {}): EncodedMessage {
  const def = messageDef(message.code);
  if (!def) throw invalid(`Unknown message code ${JSON.stringify(message.code)}`);
  const fixedValues = (message.fixed ?? {}) as Record<string, unknown>;
  let body: string = message.code;
  for (const f of def.fixed) body += encodeFixed(f, fixedValues[f.name], options.timeZone);
  body += variableText(def, message);
  return frame(body, message.code, options);
}

export function encodeRequest(
  message: Sip2Message<RequestCode>,
  options: EncodeOptions = {},
): EncodedMessage {
  if (messageDef(message.code)?.direction !== 'request') throw invalid(`${message.code} is not a request`);
  return encodeMessage(message, options);
}

export function encodeResponse(
  message: Sip2Message<ResponseCode>,
  options: EncodeOptions = {},
): EncodedMessage {
  if (messageDef(message.code)?.direction !== 'response') throw invalid(`${message.code} is not a response`);
  return encodeMessage(message, options);
}

/**
 * Frames text the caller wrote by hand (a diagnostic `raw` request): adds error detection and the
 * terminator, nothing else. The text must start with a two-digit code and hold no CR or LF.
 */
export function encodeRawText(text: string, options: EncodeOptions = {}): EncodedMessage {
  const body = text.replace(/[\r\n]+$/, '');
  if (!/^\d\d/.test(body)) throw invalid('A raw message must start with its two-digit code');
  if (/[\r\n]/.test(body)) throw invalid('A raw message cannot contain CR or LF');
  return frame(body, body.slice(0, 2), options);
}

import iconv from 'iconv-lite';
import { CatalogError } from '../errors.js';
import type { SourceFormat } from '../types.js';
import { looksLikeMarc8, marc8FieldDecoder } from './marc8.js';
import type { MarcField, PlainMarc } from './record.js';

const FIELD_TERMINATOR = 0x1e;
const RECORD_TERMINATOR = 0x1d;
const SUBFIELD_DELIMITER = 0x1f;

export type Iso2709Charset = 'auto' | 'utf-8' | 'cp1251' | 'marc-8';

/**
 * Reads one ISO 2709 record (MARC 21 / USMARC, UNIMARC, RUSMARC exchange format) from bytes.
 *
 * Done on bytes rather than a decoded string: the directory's lengths and offsets count bytes in
 * the record's own character set (CP1251 is one byte a letter, UTF-8 two for Cyrillic), so fields are
 * cut first and decoded after. A record that is cut short, or whose directory points outside it,
 * is CATALOG_BAD_RECORD; nothing is guessed. `format` (the source's setting) only helps `auto` tell
 * MARC-8: see `chooseCharset`. A record read from MARC-8 is Unicode afterwards: its leader/09 is `a`.
 */
export function readIso2709(
  bytes: Uint8Array,
  charset: Iso2709Charset = 'auto',
  format: SourceFormat = 'auto',
): PlainMarc {
  if (bytes.length < 25) throw bad(`${bytes.length} bytes is too short for a record (leader is 24)`);
  let leader = latin1(bytes.subarray(0, 24));
  const recordLength = digits(leader.slice(0, 5), 'record length');
  const baseAddress = digits(leader.slice(12, 17), 'base address of data');
  if (recordLength > bytes.length) {
    throw bad(`record is truncated: the leader says ${recordLength} bytes, ${bytes.length} arrived`);
  }
  if (baseAddress < 25 || baseAddress > recordLength) {
    throw bad(`base address ${baseAddress} lies outside the record of ${recordLength} bytes`);
  }
  if (bytes[baseAddress - 1] !== FIELD_TERMINATOR)
    throw bad('the directory does not end where the leader says');
  const lengthOfLength = Number(leader[20]) || 4;
  const lengthOfStart = Number(leader[21]) || 5;
  const entrySize = 3 + lengthOfLength + lengthOfStart;
  const directory = latin1(bytes.subarray(24, baseAddress - 1));
  if (directory.length % entrySize !== 0) throw bad('the directory has a broken entry');

  const entries: { tag: string; from: number; to: number }[] = [];
  for (let at = 0; at < directory.length; at += entrySize) {
    const tag = directory.slice(at, at + 3);
    const length = digits(directory.slice(at + 3, at + 3 + lengthOfLength), `length of field ${tag}`);
    const start = digits(directory.slice(at + 3 + lengthOfLength, at + entrySize), `start of field ${tag}`);
    const from = baseAddress + start;
    const to = from + length;
    if (to > recordLength) throw bad(`field ${tag} runs past the end of the record`);
    entries.push({ tag, from, to });
  }

  const chosen = chooseCharset(charset, format, bytes.subarray(0, recordLength), baseAddress, entries);
  if (chosen === 'marc-8') leader = `${leader.slice(0, 9)}a${leader.slice(10)}`;
  const fields: MarcField[] = [];
  for (const { tag, from, to } of entries) {
    const decode = fieldDecoder(chosen);
    let data = bytes.subarray(from, to);
    if (data[data.length - 1] === FIELD_TERMINATOR) data = data.subarray(0, data.length - 1);
    if (/^00[1-9]$/.test(tag)) {
      fields.push({ tag, value: decode(data) });
      continue;
    }
    if (data.length < 2) throw bad(`field ${tag} has no indicators`);
    const ind1 = indicator(data[0]!);
    const ind2 = indicator(data[1]!);
    const subfields: { code: string; value: string }[] = [];
    let i = 2;
    // Data before the first delimiter (none in well-formed records) is dropped, as MARC readers do.
    while (i < data.length && data[i] !== SUBFIELD_DELIMITER) i++;
    while (i < data.length) {
      let j = i + 1;
      while (j < data.length && data[j] !== SUBFIELD_DELIMITER) j++;
      if (j > i + 1) {
        const code = String.fromCharCode(data[i + 1]!);
        subfields.push({ code, value: decode(data.subarray(i + 2, j)) });
      }
      i = j;
    }
    fields.push({ tag, ind1, ind2, subfields });
  }
  return { leader, fields };
}

/** Splits a stream of ISO 2709 records at record terminators (a file with several records). */
export function splitIso2709(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === RECORD_TERMINATOR) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length && bytes.subarray(start).some((b) => b > 0x20)) out.push(bytes.subarray(start));
  return out;
}

/**
 * `auto`: MARC-8 for a MARC 21 record (`format` says so; when `auto`, it has a 245 or no 200)
 * whose leader/09 is blank, when its data holds an escape to a MARC-8 set, or is not UTF-8 and
 * reads as ANSEL (`looksLikeMarc8`). Otherwise UTF-8 when the bytes are valid UTF-8, else CP1251:
 * MARC 21 marks UCS in leader/09 and UNIMARC in 100 $a/26-29, but servers that convert records on
 * the way out (Zebra, IRBIS gateways) leave those marks as they were, and CIS servers send CP1251
 * with a blank leader/09; CP1251 Cyrillic is practically never valid UTF-8, nor ANSEL.
 */
function chooseCharset(
  charset: Iso2709Charset,
  format: SourceFormat,
  record: Uint8Array,
  baseAddress: number,
  entries: { tag: string }[],
): Exclude<Iso2709Charset, 'auto'> {
  if (charset !== 'auto') return charset;
  const utf8 = isUtf8(record);
  const tags = new Set(entries.map((e) => e.tag));
  const marc21 = format === 'marc21' || (format === 'auto' && (tags.has('245') || !tags.has('200')));
  if (marc21 && record[9] === 0x20 && looksLikeMarc8(record.subarray(baseAddress), utf8)) return 'marc-8';
  return utf8 ? 'utf-8' : 'cp1251';
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });
const decodeUtf8 = (b: Uint8Array) => text(utf8Decoder.decode(b));
const decodeCp1251 = (b: Uint8Array) => text(iconv.decode(Buffer.from(b), 'cp1251'));

/** A decoder for one field's data; MARC-8's escapes hold across the subfields of a field. */
function fieldDecoder(charset: Exclude<Iso2709Charset, 'auto'>): (b: Uint8Array) => string {
  if (charset === 'cp1251') return decodeCp1251;
  if (charset === 'utf-8') return decodeUtf8;
  const marc8 = marc8FieldDecoder();
  return (b) => text(marc8(b));
}

/**
 * NFC, without the C0 controls (and DEL) that stray into catalogue data: they are not text, and
 * XML 1.0 cannot carry them, so the MARCXML kept with a job could not be written.
 */
function text(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 ? c !== 0x7f : c === 0x09 || c === 0x0a || c === 0x0d) out += ch;
  }
  return out.normalize('NFC');
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function indicator(byte: number): string {
  return byte === SUBFIELD_DELIMITER || byte < 0x20 ? ' ' : String.fromCharCode(byte);
}

function digits(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw bad(`${what} is not a number ("${text}")`);
  return Number(text);
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

function bad(message: string): CatalogError {
  return new CatalogError('CATALOG_BAD_RECORD', `ISO 2709: ${message}`);
}

/** Writes a record as ISO 2709 (UTF-8 or CP1251); tests use it to make fixture files. */
export function writeIso2709(record: PlainMarc, charset: 'utf-8' | 'cp1251' = 'utf-8'): Buffer {
  const encode = (s: string) => (charset === 'cp1251' ? iconv.encode(s, 'cp1251') : Buffer.from(s, 'utf8'));
  const parts: Buffer[] = [];
  let directory = '';
  let offset = 0;
  for (const f of record.fields) {
    const body =
      'value' in f
        ? Buffer.concat([encode(f.value), Buffer.from([FIELD_TERMINATOR])])
        : Buffer.concat([
            Buffer.from(f.ind1 + f.ind2, 'latin1'),
            ...f.subfields.map((s) =>
              Buffer.concat([
                Buffer.from([SUBFIELD_DELIMITER]),
                Buffer.from(s.code, 'latin1'),
                encode(s.value),
              ]),
            ),
            Buffer.from([FIELD_TERMINATOR]),
          ]);
    directory += `${f.tag}${String(body.length).padStart(4, '0')}${String(offset).padStart(5, '0')}`;
    parts.push(body);
    offset += body.length;
  }
  const base = 24 + directory.length + 1;
  const total = base + offset + 1;
  const leader = `${String(total).padStart(5, '0')}${record.leader.slice(5, 9)}${charset === 'utf-8' ? 'a' : ' '}22${String(base).padStart(5, '0')}${record.leader.slice(17, 20)}4500`;
  return Buffer.concat([
    Buffer.from(leader, 'latin1'),
    Buffer.from(directory, 'latin1'),
    Buffer.from([FIELD_TERMINATOR]),
    ...parts,
    Buffer.from([RECORD_TERMINATOR]),
  ]);
}

import {
  emptyPatronStatus,
  PATRON_STATUS_FLAGS,
  type PatronStatus,
  SUMMARY_ITEMS,
  type SummaryItem,
} from './constants.js';
import { formatSipDate, parseSipDate } from './dates.js';
import { Sip2ProtocolError } from './errors.js';
import type { FixedFieldDef } from './messages.js';

/** Reading and writing one fixed-length field by its kind (see messages.ts for the kinds). */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const DIGITS = /^\d+$/;

function bad(def: FixedFieldDef, raw: string): Sip2ProtocolError {
  return new Sip2ProtocolError(
    'BAD_FIXED_FIELD',
    `Fixed field ${def.name} (${def.kind}, ${def.length}) has an invalid value ${JSON.stringify(raw)}`,
    def.name,
  );
}

/** `timeZone`: the library's, for dates sent in local time. */
export function decodeFixed(def: FixedFieldDef, raw: string, timeZone?: string): unknown {
  switch (def.kind) {
    case 'flag':
      if (raw === 'Y' || raw === 'y') return true;
      if (raw === 'N' || raw === 'n') return false;
      throw bad(def, raw);
    case 'bit':
      if (raw === '1') return true;
      if (raw === '0') return false;
      throw bad(def, raw);
    case 'ynu':
      if (raw === 'Y' || raw === 'y') return true;
      if (raw === 'N' || raw === 'n') return false;
      if (raw === 'U' || raw === 'u') return null;
      throw bad(def, raw);
    case 'count': {
      // Koha pads unsupported counts with blanks; some servers pad short numbers with blanks too.
      const trimmed = raw.trim();
      if (trimmed === '') return null;
      if (!DIGITS.test(trimmed)) throw bad(def, raw);
      return Number(trimmed);
    }
    case 'date':
      if (!PRINTABLE_ASCII.test(raw)) throw bad(def, raw);
      return parseSipDate(raw, { timeZone });
    case 'code':
      if (!DIGITS.test(raw)) throw bad(def, raw);
      return raw;
    case 'text':
      if (!PRINTABLE_ASCII.test(raw)) throw bad(def, raw);
      return raw;
    case 'patronStatus': {
      if (!PRINTABLE_ASCII.test(raw)) throw bad(def, raw);
      const status = emptyPatronStatus();
      PATRON_STATUS_FLAGS.forEach((flag, i) => {
        status[flag] = raw[i] === 'Y' || raw[i] === 'y';
      });
      return status;
    }
    case 'summary': {
      if (!/^[YyNn ]*$/.test(raw)) throw bad(def, raw);
      // The spec allows one `Y`; if a server sets several, the first one wins.
      const index = [...raw].findIndex((c) => c === 'Y' || c === 'y');
      return index >= 0 && index < SUMMARY_ITEMS.length ? SUMMARY_ITEMS[index] : null;
    }
  }
}

function invalid(def: FixedFieldDef, value: unknown): Sip2ProtocolError {
  return new Sip2ProtocolError(
    'INVALID_MESSAGE',
    `Cannot encode ${String(value)} as fixed field ${def.name} (${def.kind}, ${def.length})`,
    def.name,
  );
}

export function encodeFixed(def: FixedFieldDef, value: unknown, timeZone?: string): string {
  switch (def.kind) {
    case 'flag':
      if (typeof value !== 'boolean') throw invalid(def, value);
      return value ? 'Y' : 'N';
    case 'bit':
      if (typeof value !== 'boolean') throw invalid(def, value);
      return value ? '1' : '0';
    case 'ynu':
      if (value === null) return 'U';
      if (typeof value !== 'boolean') throw invalid(def, value);
      return value ? 'Y' : 'N';
    case 'count': {
      if (value === null) return ' '.repeat(def.length);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= 10 ** def.length) {
        throw invalid(def, value);
      }
      return String(value).padStart(def.length, '0');
    }
    case 'date':
      if (value !== null && !(value instanceof Date && !Number.isNaN(value.getTime())))
        throw invalid(def, value);
      return formatSipDate(value, { timeZone });
    case 'code':
      if (typeof value !== 'string' || value.length !== def.length || !DIGITS.test(value))
        throw invalid(def, value);
      return value;
    case 'text':
      if (
        typeof value !== 'string' ||
        value.length !== def.length ||
        !PRINTABLE_ASCII.test(value) ||
        value.includes('|')
      ) {
        throw invalid(def, value);
      }
      return value;
    case 'patronStatus': {
      if (typeof value !== 'object' || value === null) throw invalid(def, value);
      const status = value as Partial<PatronStatus>;
      return PATRON_STATUS_FLAGS.map((flag) => (status[flag] ? 'Y' : ' ')).join('');
    }
    case 'summary': {
      if (value !== null && !SUMMARY_ITEMS.includes(value as SummaryItem)) throw invalid(def, value);
      const index = value === null ? -1 : SUMMARY_ITEMS.indexOf(value as SummaryItem);
      return Array.from({ length: def.length }, (_, i) => (i === index ? 'Y' : ' ')).join('');
    }
  }
}

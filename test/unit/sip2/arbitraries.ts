import fc from 'fast-check';
import { PATRON_STATUS_FLAGS, SUMMARY_ITEMS } from '../../../electron/station/sip2/codec/constants.js';
import { FIELD_BY_ID, FIELDS, type FieldDef } from '../../../electron/station/sip2/codec/fields.js';
import {
  type FixedFieldDef,
  MESSAGES,
  type MessageCode,
  type Sip2Message,
} from '../../../electron/station/sip2/codec/messages.js';

/** fast-check generators for every message in the codec's table. */

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter(
  (c) => c !== '|',
);

/** Text a value can carry and get back unchanged: no line breaks, no literal escape, NFC. */
export function valueArb(
  unit: 'grapheme' | fc.Arbitrary<string> = 'grapheme',
  minLength = 1,
): fc.Arbitrary<string> {
  return fc
    .string({ unit, minLength, maxLength: 24 })
    .filter((s) => !/[\r\n]/.test(s) && !s.includes('&#124;') && !s.includes('\uFFFD'))
    .map((s) => s.normalize('NFC'))
    .filter((s) => s.length >= minLength);
}

/** Letters of Russian, Uzbek and Kazakh Cyrillic that CP1251 can carry, ASCII and `|`. */
export const CP1251_TEXT = fc.constantFrom(
  ...'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяЎў abcXYZ019.,-|«»№'.split(''),
);

function fixedArb(def: FixedFieldDef): fc.Arbitrary<unknown> {
  switch (def.kind) {
    case 'flag':
    case 'bit':
      return fc.boolean();
    case 'ynu':
      return fc.constantFrom(true, false, null);
    case 'count':
      return fc.option(fc.integer({ min: 0, max: 10 ** def.length - 1 }), { nil: null });
    case 'date':
      return fc.option(
        fc
          .date({ min: new Date(1990, 0, 1), max: new Date(2090, 0, 1), noInvalidDate: true })
          .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000)),
        { nil: null },
      );
    case 'code':
      return fc.string({
        unit: fc.constantFrom(...'0123456789'),
        minLength: def.length,
        maxLength: def.length,
      });
    case 'text':
      return fc.string({ unit: fc.constantFrom(...PRINTABLE), minLength: def.length, maxLength: def.length });
    case 'patronStatus':
      return fc.record(Object.fromEntries(PATRON_STATUS_FLAGS.map((f) => [f, fc.boolean()])));
    case 'summary':
      return fc.constantFrom(null, ...SUMMARY_ITEMS);
  }
}

function fieldValueArb(field: FieldDef, text: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'text':
      return text;
    case 'flag':
      return fc.boolean();
    case 'lines':
      return fc.array(fc.oneof(text, fc.constant('')), { minLength: 1, maxLength: 3 });
    case 'items':
      return fc.array(text, { minLength: 1, maxLength: 3 });
  }
}

const unknownIdArb = fc
  .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 2, maxLength: 2 })
  .filter((id) => !FIELD_BY_ID.has(id) && id !== 'AY' && id !== 'AZ');

export function messageArb(
  codes: readonly MessageCode[],
  unit: 'grapheme' | fc.Arbitrary<string> = 'grapheme',
): fc.Arbitrary<Sip2Message> {
  const text = valueArb(unit);
  return fc.constantFrom(...codes).chain((code) => {
    const def = MESSAGES[code];
    const fixed = fc.record(Object.fromEntries(def.fixed.map((f) => [f.name, fixedArb(f)])));
    const fields = fc.record(Object.fromEntries(FIELDS.map((f) => [f.name, fieldValueArb(f, text)])), {
      requiredKeys: [],
    });
    const extra = fc.array(fc.record({ id: unknownIdArb, value: valueArb(unit, 0) }), { maxLength: 2 });
    return fc.record({ code: fc.constant(code), fixed, fields, extra }) as fc.Arbitrary<Sip2Message>;
  });
}

export const RESPONSE_CODES = (Object.keys(MESSAGES) as MessageCode[]).filter(
  (c) => MESSAGES[c].direction === 'response',
);
export const REQUEST_CODES = (Object.keys(MESSAGES) as MessageCode[]).filter(
  (c) => MESSAGES[c].direction === 'request',
);

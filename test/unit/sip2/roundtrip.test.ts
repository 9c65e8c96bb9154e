import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sip2Encoding } from '../../../electron/station/sip2/codec/charset.js';
import { decodeAny } from '../../../electron/station/sip2/codec/decode.js';
import { encodeMessage } from '../../../electron/station/sip2/codec/encode.js';
import { FIELD_BY_ID, FIELD_BY_NAME } from '../../../electron/station/sip2/codec/fields.js';
import { encodeFixed } from '../../../electron/station/sip2/codec/fixed.js';
import {
  MESSAGES,
  type MessageCode,
  type Sip2Message,
} from '../../../electron/station/sip2/codec/messages.js';
import { CP1251_TEXT, messageArb, REQUEST_CODES, RESPONSE_CODES } from './arbitraries.js';

/** What decoding must give back for the fields of `message`. */
function expectedFields(message: Sip2Message): Record<string, unknown> {
  const def = MESSAGES[message.code as MessageCode];
  const expected: Record<string, unknown> = { ...(message.fields ?? {}) };
  for (const id of def.required) {
    const field = FIELD_BY_ID.get(id);
    if (!field || expected[field.name] !== undefined) continue;
    // A required field without a value goes out empty: text reads back as '', a flag as absent.
    if (field.kind === 'text') expected[field.name] = '';
  }
  return expected;
}

function roundTrip(
  message: Sip2Message,
  encoding: Sip2Encoding,
  errorDetection: boolean,
  sequence: number,
): void {
  const encoded = encodeMessage(message, { encoding, errorDetection, sequence });
  expect(encoded.unrepresentable).toBeNull();
  const decoded = decodeAny(encoded.bytes, { encoding, errorDetection, expectedSequence: sequence });
  expect(decoded.code).toBe(message.code);
  const def = MESSAGES[message.code as MessageCode];
  for (const f of def.fixed) {
    const original = (message.fixed as Record<string, unknown>)[f.name];
    const back = (decoded.fixed as Record<string, unknown>)[f.name];
    expect(encodeFixed(f, back)).toBe(encodeFixed(f, original));
  }
  expect(decoded.fields).toEqual(expectedFields(message));
  expect(decoded.unknown).toEqual(message.extra ?? []);
  const unsequenced = message.code === '96' || message.code === '97';
  expect(decoded.sequence).toBe(errorDetection && !unsequenced ? sequence : null);
  for (const name of Object.keys(decoded.fields)) expect(FIELD_BY_NAME.has(name)).toBe(true);
}

describe('every message survives encode → decode', () => {
  it('responses and requests in UTF-8 with any text, error detection on and off', () => {
    fc.assert(
      fc.property(
        messageArb([...RESPONSE_CODES, ...REQUEST_CODES]),
        fc.boolean(),
        fc.nat(9),
        (message, ed, seq) => {
          roundTrip(message, 'utf-8', ed, seq);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('in CP1251 with Cyrillic text', () => {
    fc.assert(
      fc.property(
        messageArb([...RESPONSE_CODES, ...REQUEST_CODES], CP1251_TEXT),
        fc.nat(9),
        (message, seq) => {
          roundTrip(message, 'cp1251', true, seq);
        },
      ),
      { numRuns: 500 },
    );
  });
});

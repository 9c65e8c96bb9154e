import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TagDecodeError } from '../../../electron/station/devices/rfid/errors.js';
import { decodeTag, type ModelChoice } from '../../../electron/station/devices/rfid/model/detect.js';
import { bytesStillNeeded } from '../../../electron/station/devices/rfid/model/extent.js';
import { decodeIsil } from '../../../electron/station/devices/rfid/model/isil.js';
import {
  decodeIso28560_2,
  encodeIso28560_2,
} from '../../../electron/station/devices/rfid/model/iso28560-2.js';
import {
  decodeIso28560_3,
  encodeIso28560_3,
} from '../../../electron/station/devices/rfid/model/iso28560-3.js';

const MODELS: ModelChoice[] = ['auto', 'iso28560-2', 'iso28560-3', '3m'];

function onlyTypedErrors(run: () => unknown): void {
  try {
    run();
  } catch (err) {
    if (!(err instanceof TagDecodeError)) throw err;
  }
}

describe('decoders on arbitrary bytes', () => {
  it('100,000 random byte strings: nothing but TagDecodeError escapes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 160 }),
        fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
        (bytes, dsfid) => {
          for (const model of MODELS)
            onlyTypedErrors(() => decodeTag(bytes, { model, ...(dsfid !== undefined && { dsfid }) }));
          onlyTypedErrors(() => decodeIsil(bytes));
          expect(bytesStillNeeded(bytes, dsfid)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 100_000 },
    );
  });

  it('valid tags with random damage: nothing but TagDecodeError escapes', () => {
    const seeds = [
      encodeIso28560_2({
        primaryItemId: '123456789012',
        ownerIsil: 'UZ-TaNL',
        setInfo: { parts: 2, part: 1 },
        title: 'Kitob',
      }),
      encodeIso28560_3({
        primaryItemId: '3100000042',
        ownerIsil: 'UZ-TaNL',
        extensionBlocks: [{ id: 1, data: new Uint8Array(6) }],
      }),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (seed, edits, cut) => {
          const bytes = Uint8Array.from(seed);
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const damaged = bytes.subarray(0, Math.max(1, bytes.length - (cut % 8)));
          for (const model of MODELS) onlyTypedErrors(() => decodeTag(damaged, { model, dsfid: 0x06 }));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 });
const isilChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-:/'.split('');
const isil = fc.array(fc.constantFrom(...isilChars), { minLength: 1, maxLength: 12 }).map((c) => c.join(''));
const setInfo = fc
  .integer({ min: 1, max: 99 })
  .chain((parts) => fc.record({ parts: fc.constant(parts), part: fc.integer({ min: 1, max: parts }) }));

describe('encode then decode gives the fields back', () => {
  it('ISO 28560-2', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            primaryItemId: text,
            ownerIsil: isil,
            setInfo,
            typeOfUsage: fc.integer({ min: 0, max: 15 }),
            shelfLocation: text,
            title: text,
            localDataC: text,
          },
          { requiredKeys: ['primaryItemId'] },
        ),
        fc.subarray([1, 3, 4, 5, 6, 17, 26]),
        (fields, lock) => {
          const tag = decodeIso28560_2(encodeIso28560_2(fields, { lock }));
          expect(tag).toMatchObject(fields);
          expect(tag.warnings).toEqual([]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('ISO 28560-3', () => {
    const ascii = fc
      .string({ minLength: 1, maxLength: 16 })
      .filter((s) => !s.includes('\0') && s.charCodeAt(0) !== 1);
    fc.assert(
      fc.property(
        fc.record({
          primaryItemId: ascii,
          ownerIsil: fc.constantFrom('UZ-TaNL', 'DK-710100', 'US-DLC', 'KZ-AsNAB'),
          setInfo: fc
            .integer({ min: 1, max: 255 })
            .chain((parts) =>
              fc.record({ parts: fc.constant(parts), part: fc.integer({ min: 1, max: parts }) }),
            ),
          typeOfUsage: fc.constantFrom(0, 1, 2, 7, 8, 9),
        }),
        (fields) => {
          expect(decodeIso28560_3(encodeIso28560_3(fields))).toMatchObject(fields);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

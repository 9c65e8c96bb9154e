import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CatalogError,
  readIso2709,
  toBibRecord,
  writeIso2709,
} from '../../../electron/station/catalog/index.js';
import {
  BerError,
  decode,
  int,
  oid,
  prim,
  seq,
  toBytes,
  UNIVERSAL,
} from '../../../electron/station/catalog/z3950/ber.js';
import { OID, readPresentResponse } from '../../../electron/station/catalog/z3950/pdu.js';
import { MARC21, UNIMARC } from '../../integration/catalog/fixtures.js';

/** Damaged input of any shape ends in the catalog's own errors, never in a TypeError or a hang. */

const records = [...MARC21, ...UNIMARC].map((r) => writeIso2709(r));

/** A valid byte string with some bytes changed, some cut off, or garbage appended. */
function damaged(valid: Uint8Array[]) {
  return fc
    .record({
      which: fc.nat({ max: valid.length - 1 }),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      cut: fc.option(fc.nat()),
      tail: fc.uint8Array({ maxLength: 16 }),
    })
    .map(({ which, flips, cut, tail }) => {
      const bytes = Buffer.from(valid[which]!);
      for (const [at, value] of flips) bytes[at % bytes.length] = value;
      const kept = cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
      return new Uint8Array(Buffer.concat([kept, Buffer.from(tail)]));
    });
}

describe('fuzzing the readers', () => {
  it('ISO 2709: damaged records are read or refused with CATALOG_BAD_RECORD', () => {
    fc.assert(
      fc.property(fc.oneof(damaged(records), fc.uint8Array({ maxLength: 300 })), (bytes) => {
        try {
          const plain = readIso2709(bytes);
          toBibRecord(plain, 'auto', 'fuzz');
        } catch (err) {
          expect(err).toBeInstanceOf(CatalogError);
          expect((err as CatalogError).code).toBe('CATALOG_BAD_RECORD');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('Z39.50: damaged Present answers are read or refused with BerError', () => {
    const present = toBytes(
      seq(25, [
        int(24, 1),
        int(25, 2),
        int(27, 0),
        seq(28, [
          seq(
            16,
            [seq(1, [seq(1, [seq(8, [oid(OID.usmarc), prim(1, records[0]!)], UNIVERSAL)])])],
            UNIVERSAL,
          ),
        ]),
      ]),
    );
    fc.assert(
      fc.property(fc.oneof(damaged([present]), fc.uint8Array({ maxLength: 200 })), (bytes) => {
        try {
          readPresentResponse(decode(bytes), 1);
        } catch (err) {
          expect(err).toBeInstanceOf(BerError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

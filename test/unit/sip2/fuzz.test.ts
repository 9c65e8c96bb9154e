import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIP2_ENCODINGS } from '../../../electron/station/sip2/codec/charset.js';
import {
  type DecodeOptions,
  decodeRequest,
  decodeResponse,
} from '../../../electron/station/sip2/codec/decode.js';
import { encodeMessage } from '../../../electron/station/sip2/codec/encode.js';
import { Sip2ProtocolError } from '../../../electron/station/sip2/codec/errors.js';
import { messageArb, REQUEST_CODES, RESPONSE_CODES } from './arbitraries.js';

/**
 * The decoder against hostile input: whatever bytes arrive, it returns a message or throws a
 * Sip2ProtocolError, nothing else. 100,000 responses in all: valid ones mutated, random bytes, and
 * text that starts like a message.
 */

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number };

const SPECIAL_BYTES = [0x0d, 0x0a, 0x7c, 0x20, 0x00, 0xff, 0xd0, 0xc3, 0x41, 0x59, 0x5a];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...SPECIAL_BYTES)),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.constant(Uint8Array.of(0x7c)),
      fc.constant(Buffer.from('AY1AZ')),
      fc.uint8Array({ minLength: 1, maxLength: 8 }),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 24 }),
  }),
);

function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = Buffer.from(input);
  for (const m of mutations) {
    const at = m.at % (b.length + 1);
    switch (m.kind) {
      case 'flip':
        if (at < b.length) b[at] = (b[at] as number) ^ (1 << m.bit);
        break;
      case 'set':
        if (at < b.length) b[at] = m.byte;
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
        break;
      case 'duplicate':
        b = Buffer.concat([b.subarray(0, at + m.length), b.subarray(at)]);
        break;
    }
  }
  return b;
}

const optionsArb: fc.Arbitrary<DecodeOptions> = fc.record({
  encoding: fc.constantFrom(...SIP2_ENCODINGS),
  errorDetection: fc.boolean(),
  expectedSequence: fc.option(fc.nat(9), { nil: undefined }),
});

const tally = { parsed: 0, rejected: 0 };

/** The property: a message or a Sip2ProtocolError. Anything else fails the run with its input. */
function decodeSafely(
  decode: (bytes: Uint8Array, options: DecodeOptions) => { code: string; raw: string; all: unknown[] },
  input: Uint8Array,
  options: DecodeOptions,
): void {
  try {
    const message = decode(input, options);
    if (typeof message.code !== 'string' || typeof message.raw !== 'string' || !Array.isArray(message.all)) {
      throw new Error('decoded message has the wrong shape');
    }
    tally.parsed++;
  } catch (err) {
    if (!(err instanceof Sip2ProtocolError)) throw err;
    tally.rejected++;
  }
}

// Valid responses of every kind, in every encoding, with and without error detection, to mutate.
const corpus = fc
  .sample(
    fc.tuple(
      messageArb(RESPONSE_CODES),
      optionsArb,
      fc.nat(9),
      fc.constantFrom('\r', '\r\n') as fc.Arbitrary<'\r' | '\r\n'>,
    ),
    {
      numRuns: 400,
      seed: 20240315,
    },
  )
  .map(([message, options, sequence, terminator]) => ({
    bytes: encodeMessage(message, { ...options, sequence, terminator }).bytes,
    options: { ...options, expectedSequence: sequence },
  }));

const RUNS = { mutated: 75_000, random: 15_000, lookalike: 10_000 };

describe('the decoder never crashes', () => {
  it(`takes ${RUNS.mutated + RUNS.random + RUNS.lookalike} hostile responses`, () => {
    const started = performance.now();
    tally.parsed = 0;
    tally.rejected = 0;

    fc.assert(
      fc.property(
        fc.nat(corpus.length - 1),
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (index, mutations, sameOptions) => {
          const base = corpus[index] as (typeof corpus)[number];
          const options = sameOptions
            ? base.options
            : { ...base.options, errorDetection: !base.options.errorDetection };
          decodeSafely(decodeResponse, mutate(base.bytes, mutations), options);
        },
      ),
      { numRuns: RUNS.mutated },
    );

    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), optionsArb, (bytes, options) => {
        decodeSafely(decodeResponse, bytes, options);
      }),
      { numRuns: RUNS.random },
    );

    // Starts with a real response code, then anything: gets past the first checks.
    fc.assert(
      fc.property(
        fc.constantFrom(...RESPONSE_CODES),
        fc.string({ unit: 'binary', maxLength: 120 }),
        optionsArb,
        (code, rest, options) => {
          decodeSafely(decodeResponse, Buffer.from(code + rest, 'utf8'), options);
        },
      ),
      { numRuns: RUNS.lookalike },
    );

    const seconds = (performance.now() - started) / 1000;
    const total = tally.parsed + tally.rejected;
    console.info(
      `sip2 decoder fuzz: ${total} responses in ${seconds.toFixed(1)} s (${tally.parsed} parsed, ${tally.rejected} Sip2ProtocolError)`,
    );
    expect(total).toBeGreaterThanOrEqual(100_000);
    expect(tally.rejected).toBeGreaterThan(0);
    expect(tally.parsed).toBeGreaterThan(0);
  });

  it('takes 10000 hostile requests on the ACS side', () => {
    const requests = fc
      .sample(messageArb(REQUEST_CODES), { numRuns: 200, seed: 7 })
      .map((message) => encodeMessage(message, { errorDetection: true, sequence: 1 }).bytes);
    fc.assert(
      fc.property(
        fc.nat(requests.length - 1),
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        optionsArb,
        (i, m, o) => {
          decodeSafely(decodeRequest, mutate(requests[i] as Buffer, m), o);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  asDeliveryError,
  failureRule,
  gaveUpRule,
  unresolvedRule,
} from '../../../electron/station/sync/failure-rules.js';
import { DeliveryError, type DeliveryErrorKind } from '../../../electron/station/sync/target.js';

// The backoff is 100 ms per failure, the settle time 250 ms: which one a rule waited is visible.
const limits = { now: 1_000, maxAttempts: 3, settleMs: 250, delay: (failures: number) => failures * 100 };
const rule = (kind: DeliveryErrorKind, attempts: number, claimed: boolean) =>
  failureRule(new DeliveryError(kind, 'boom'), { ...limits, attempts, claimed });

describe('failure rules', () => {
  it('maps each kind, claimed or not, to its write and whether the target pauses', () => {
    expect(
      (['unreachable', 'ambiguous', 'transient', 'permanent'] as const).flatMap((kind) =>
        [true, false].map((claimed) => [kind, claimed, rule(kind, 1, claimed)]),
      ),
    ).toEqual([
      [
        'unreachable',
        true,
        { pause: true, input: { message: 'boom', dead: false, nextAttemptAt: 1_000, uncount: true } },
      ],
      [
        'unreachable',
        false,
        { pause: true, input: { message: 'boom', dead: false, nextAttemptAt: 1_000, uncount: false } },
      ],
      // Sent without an answer: resolved before anything is sent again, after the settle time or the backoff.
      [
        'ambiguous',
        true,
        { pause: true, input: { message: 'boom', dead: false, ambiguous: true, nextAttemptAt: 1_250 } },
      ],
      ['ambiguous', false, { pause: true, input: { message: 'boom', dead: false, nextAttemptAt: 1_000 } }],
      [
        'transient',
        true,
        { pause: false, input: { message: 'boom', count: false, dead: false, nextAttemptAt: 1_200 } },
      ],
      [
        'transient',
        false,
        { pause: false, input: { message: 'boom', count: true, dead: false, nextAttemptAt: 1_200 } },
      ],
      [
        'permanent',
        true,
        {
          pause: false,
          input: { message: 'Cannot be delivered: boom', count: false, dead: true, nextAttemptAt: 1_000 },
        },
      ],
      [
        'permanent',
        false,
        {
          pause: false,
          input: { message: 'Cannot be delivered: boom', count: true, dead: true, nextAttemptAt: 1_000 },
        },
      ],
    ]);
  });

  it('a transient failure at the attempt limit is dead; the backoff grows with the failures', () => {
    expect(rule('transient', 2, true).input).toMatchObject({ dead: true, nextAttemptAt: 1_300 });
    expect(rule('transient', 2, false).input).toMatchObject({ dead: true, nextAttemptAt: 1_300 });
    expect(rule('transient', 1, false).input).toMatchObject({ dead: false });
    // The backoff beyond the settle time wins.
    expect(rule('ambiguous', 4, true).input.nextAttemptAt).toBe(1_500);
  });

  it('what is not a DeliveryError is ambiguous once claimed, transient before', () => {
    const claimed = asDeliveryError(new Error('socket closed'), true);
    expect([claimed.kind, claimed.message, (claimed.cause as Error).message]).toEqual([
      'ambiguous',
      'socket closed',
      'socket closed',
    ]);
    expect(asDeliveryError('odd', false)).toMatchObject({ kind: 'transient', message: 'odd' });
    const own = new DeliveryError('permanent', 'bad payload');
    expect(asDeliveryError(own, true)).toBe(own);
  });

  it('an unknown verdict counts, waits at least the settle time, and is dead at the limit', () => {
    expect(unresolvedRule('on loan elsewhere', { ...limits, attempts: 1 })).toEqual({
      message: 'Could not tell whether the last attempt took effect: on loan elsewhere',
      count: true,
      dead: false,
      nextAttemptAt: 1_250,
    });
    expect(unresolvedRule(undefined, { ...limits, attempts: 2 })).toMatchObject({
      message: 'Could not tell whether the last attempt took effect: no detail',
      dead: true,
      nextAttemptAt: 1_300,
    });
  });

  it('a row out of attempts is dead and no longer ambiguous', () => {
    expect(gaveUpRule(3, null, 1_000)).toEqual({
      message: 'Gave up after 3 attempts: no answer',
      dead: true,
      nextAttemptAt: 1_000,
      ambiguous: false,
    });
    expect(gaveUpRule(3, 'timeout', 1_000).message).toBe('Gave up after 3 attempts: timeout');
  });
});

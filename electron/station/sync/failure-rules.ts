import type { FailInput } from './queue.js';
import { DeliveryError } from './target.js';

/** What the failure rules need to know besides the error: the row's count and the engine's limits. */
export interface FailureContext {
  /** The row's counted attempts before this one. */
  attempts: number;
  /** Whether this attempt was claimed (counted) before it failed: it may have reached the target. */
  claimed: boolean;
  now: number;
  maxAttempts: number;
  /** Least wait between an attempt without an answer and the question whether it took effect. */
  settleMs: number;
  /** The backoff after this many failures (called only where the rule waits). */
  delay: (failures: number) => number;
}

/** What a failure means: the row's write, and whether the target is to be paused and probed. */
export interface FailureRule {
  input: FailInput;
  pause: boolean;
}

/**
 * Anything a target throws, as a `DeliveryError`: what is not one is taken as ambiguous when the
 * attempt was claimed (it may have been sent), as transient otherwise.
 */
export function asDeliveryError(err: unknown, claimed: boolean): DeliveryError {
  if (err instanceof DeliveryError) return err;
  return new DeliveryError(claimed ? 'ambiguous' : 'transient', (err as Error)?.message ?? String(err), {
    cause: err,
  });
}

/** How a `DeliveryError`'s kind maps to backoff, dead letter, ambiguity and a paused target. */
export function failureRule(error: DeliveryError, c: FailureContext): FailureRule {
  const { message } = error;
  const attempts = c.attempts + (c.claimed ? 1 : 0);
  switch (error.kind) {
    case 'unreachable':
      // Nothing was sent: the attempt does not count, and the row is due as soon as the target is back.
      return { pause: true, input: { message, dead: false, nextAttemptAt: c.now, uncount: c.claimed } };
    case 'ambiguous':
      return {
        pause: true,
        input: c.claimed
          ? {
              message,
              dead: false,
              ambiguous: true,
              nextAttemptAt: c.now + Math.max(c.settleMs, c.delay(attempts)),
            }
          : // A question (item information) went unanswered: nothing changed, try again when the target is back.
            { message, dead: false, nextAttemptAt: c.now },
      };
    case 'transient': {
      const failures = c.claimed ? attempts : attempts + 1;
      return {
        pause: false,
        input: {
          message,
          count: !c.claimed,
          dead: failures >= c.maxAttempts,
          nextAttemptAt: c.now + c.delay(failures),
        },
      };
    }
    case 'permanent':
      return {
        pause: false,
        input: {
          message: `Cannot be delivered: ${message}`,
          count: !c.claimed,
          dead: true,
          nextAttemptAt: c.now,
        },
      };
  }
}

/**
 * The target could not tell whether an ambiguous attempt took effect: the row stays failed, counted,
 * and is asked about again after the settle time and its backoff; dead after the attempt limit.
 */
export function unresolvedRule(detail: string | undefined, c: Omit<FailureContext, 'claimed'>): FailInput {
  const failures = c.attempts + 1;
  return {
    message: `Could not tell whether the last attempt took effect: ${detail ?? 'no detail'}`,
    count: true,
    dead: failures >= c.maxAttempts,
    nextAttemptAt: c.now + Math.max(c.settleMs, c.delay(failures)),
  };
}

/** A row whose attempts ran out before a fresh one (say, found not taken at the limit): dead, not sent. */
export function gaveUpRule(attempts: number, lastError: string | null, now: number): FailInput {
  return {
    message: `Gave up after ${attempts} attempts: ${lastError ?? 'no answer'}`,
    dead: true,
    nextAttemptAt: now,
    ambiguous: false,
  };
}

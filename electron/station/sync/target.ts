import type { OutboxRow } from '../store/outbox.js';

/**
 * Why an attempt failed, as the engine needs it to decide what happens next:
 * - `unreachable`: nothing was sent (no connection, login refused). The target is paused and
 *   probed; the attempt does not count towards the dead letter.
 * - `ambiguous`: it was sent and no answer came back (timeout, connection closed, garbage). The
 *   row must be resolved (`SyncTarget.resolve`) before it is sent again; the target is paused and
 *   probed, because a target that stops answering mid-request is rarely healthy.
 * - `transient`: nothing took effect and trying later may work. Backoff, counts as an attempt.
 * - `permanent`: this row can never be delivered (a malformed payload). Dead at once.
 */
export type DeliveryErrorKind = 'unreachable' | 'ambiguous' | 'transient' | 'permanent';

export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

/**
 * What a target found out about an ambiguous attempt:
 * - `took_effect`: it happened; the row is done (`outcome` says what the target now shows);
 * - `not_taken`: it did not; the row may be sent again;
 * - `unknown`: the target cannot tell. The row stays failed and is checked again later, never
 *   sent blindly; after the engine's attempt limit it goes to the dead letter for staff.
 */
export type Verdict = 'took_effect' | 'not_taken' | 'unknown';

export interface Resolution {
  verdict: Verdict;
  /** For `took_effect`: recorded as the row's outcome. */
  outcome?: unknown;
  /** For `unknown`: why, kept as the row's last error. */
  detail?: string;
}

/**
 * A central system the outbox delivers to. The engine owns ordering, state, backoff and pausing;
 * a target only talks to its system. Every method may throw a `DeliveryError`; anything else
 * thrown by `deliver` is taken as ambiguous (it may have been sent), by the others as transient.
 */
export interface SyncTarget {
  /** The `target` column of the rows it takes. */
  readonly name: string;
  /** A cheap question showing the system answers (SIP2: SC status). */
  probe(): Promise<boolean>;
  /**
   * Called before every fresh attempt (not one being resolved); what it returns is committed to
   * the row's `checked_before` before the attempt is claimed. `undefined`: nothing to keep.
   */
  prepare?(row: OutboxRow): Promise<unknown>;
  /** Sends the row; returns what the system decided (kept as the row's outcome). */
  deliver(row: OutboxRow): Promise<unknown>;
  /** Finds out whether an ambiguous attempt took effect, without changing anything. */
  resolve(row: OutboxRow): Promise<Resolution>;
  close?(): Promise<void>;
}

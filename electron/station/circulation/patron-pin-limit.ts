import { createHmac, randomBytes } from 'node:crypto';
import { StationError } from '../errors.js';
import { stationTimeZone } from './staff-pin.js';

export const PATRON_PIN_POLICY = {
  /** Wrong PINs for one card before its visit ends. */
  wrongPins: 3,
  /** How long that card then waits before it may try again. */
  waitMs: 60_000,
  /** A card not tried again for this long is forgotten. */
  forgetMs: 15 * 60_000,
} as const;

interface Tries {
  wrong: number;
  lastAt: number;
  lockedUntil: number | null;
}

/**
 * Counts wrong patron PINs per card, in memory only: nothing here outlives the process. Cards are
 * keyed by an HMAC under a key made at start-up, never by their number, and are forgotten after a
 * quarter of an hour without a try.
 */
export class PatronPinLimit {
  readonly #key = randomBytes(32);
  readonly #tries = new Map<string, Tries>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws PATRON_PIN_LOCKED while this card waits. */
  assertMayTry(patronId: string): void {
    this.#prune();
    const tries = this.#tries.get(this.#hash(patronId));
    if (tries?.lockedUntil != null) throw locked(tries.lockedUntil);
  }

  /** A wrong PIN; throws PATRON_PIN_LOCKED when it was the last one allowed. */
  wrongPin(patronId: string): void {
    const key = this.#hash(patronId);
    const now = this.now();
    const tries = this.#tries.get(key) ?? { wrong: 0, lastAt: now, lockedUntil: null };
    tries.wrong += 1;
    tries.lastAt = now;
    this.#tries.set(key, tries);
    if (tries.wrong >= PATRON_PIN_POLICY.wrongPins) {
      tries.lockedUntil = now + PATRON_PIN_POLICY.waitMs;
      throw locked(tries.lockedUntil);
    }
  }

  /** The card was accepted: its count starts again. */
  accepted(patronId: string): void {
    this.#tries.delete(this.#hash(patronId));
  }

  /** Cards currently remembered (tests: nothing is kept longer than needed). */
  get size(): number {
    this.#prune();
    return this.#tries.size;
  }

  #prune(): void {
    const now = this.now();
    for (const [key, tries] of this.#tries) {
      // A wait that is over starts a new visit with a fresh count.
      if (
        tries.lockedUntil !== null
          ? now >= tries.lockedUntil
          : now - tries.lastAt >= PATRON_PIN_POLICY.forgetMs
      )
        this.#tries.delete(key);
    }
  }

  #hash(patronId: string): string {
    return createHmac('sha256', this.#key).update(patronId).digest('base64');
  }
}

function locked(until: number): StationError {
  return new StationError(
    'PATRON_PIN_LOCKED',
    'Too many wrong PINs for this card: it may try again in a minute.',
  ).retryAt(until, stationTimeZone());
}

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { StationError } from '../errors.js';

// The async form runs on libuv's thread pool: the station keeps serving while a PIN is checked.
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/**
 * The staff PIN guards the kiosk's admin screen and the sync queue's actions. Only a salted scrypt
 * hash is stored, so the database never holds the PIN itself.
 */
export async function hashStaffPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('base64')}:${(await scryptAsync(pin, salt, 32)).toString('base64')}`;
}

export async function staffPinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(pin, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A 4-digit PIN has 10 000 values: a few tries, then minutes between tries. */
export const STAFF_PIN_POLICY = {
  /** Wrong PINs in a row before the PIN is locked. */
  lockAfter: 5,
  /** How long each wrong answer is held back, for the 1st, 2nd… wrong PIN before the lock. */
  delaysMs: [500, 1000, 2000, 4000],
  /** The first lock; each further wrong PIN after a lock doubles it, up to `maxLockMs`. */
  lockMs: 5 * 60_000,
  maxLockMs: 60 * 60_000,
} as const;

/** Wrong staff PINs so far, kept in the settings table so a restart does not forget them. */
export interface StaffPinAttempts {
  failures: number;
  /** Epoch ms; null when not locked. */
  lockedUntil: number | null;
}

export interface StaffPinClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_CLOCK: StaffPinClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Where the attempts are kept (the kiosk config's settings key). */
export interface AttemptsStore {
  readAttempts(): StaffPinAttempts;
  writeAttempts(attempts: StaffPinAttempts): void;
}

/** The time zone the station runs in, for "locked until 21:05" on screen and in the CLI. */
export function stationTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** `HH:MM` at `at` in the station's zone: the English message for logs and the CLI. */
export function localTime(at: number, timeZone = stationTimeZone()): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
}

/**
 * Checks staff PINs one at a time (parallel guesses wait in line), holds back each wrong answer a
 * little longer than the last, and locks the PIN after `lockAfter` wrong ones in a row. While locked
 * no PIN is even checked: the answer is STAFF_PIN_LOCKED with the time it unlocks.
 */
export class StaffPinGuard {
  #line: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: AttemptsStore,
    private readonly clock: StaffPinClock = REAL_CLOCK,
  ) {}

  check(matches: () => Promise<boolean>): Promise<void> {
    const turn = this.#line.then(() => this.#check(matches));
    this.#line = turn.catch(() => undefined);
    return turn;
  }

  /** A new PIN was set: earlier failures no longer count. */
  reset(): void {
    this.store.writeAttempts({ failures: 0, lockedUntil: null });
  }

  async #check(matches: () => Promise<boolean>): Promise<void> {
    const attempts = this.store.readAttempts();
    if (attempts.lockedUntil !== null && this.clock.now() < attempts.lockedUntil)
      throw locked(attempts.lockedUntil);
    if (await matches()) {
      if (attempts.failures > 0 || attempts.lockedUntil !== null) this.reset();
      return;
    }
    const failures = attempts.failures + 1;
    const policy = STAFF_PIN_POLICY;
    if (failures >= policy.lockAfter) {
      const lockMs = Math.min(policy.lockMs * 2 ** (failures - policy.lockAfter), policy.maxLockMs);
      const lockedUntil = this.clock.now() + lockMs;
      this.store.writeAttempts({ failures, lockedUntil });
      throw locked(lockedUntil);
    }
    this.store.writeAttempts({ failures, lockedUntil: null });
    await this.clock.sleep(policy.delaysMs[failures - 1] ?? policy.delaysMs.at(-1)!);
    throw new StationError('STAFF_PIN_WRONG', 'Wrong staff PIN.');
  }
}

function locked(until: number): StationError {
  const timeZone = stationTimeZone();
  return new StationError(
    'STAFF_PIN_LOCKED',
    `Too many wrong staff PINs: locked until ${localTime(until, timeZone)}.`,
  ).retryAt(until, timeZone);
}

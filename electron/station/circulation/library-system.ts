import type { Account, ItemOutcome, KioskAction, PatronSummary } from '../contract/index.js';
import { StationError } from '../errors.js';

/**
 * The library system could not be reached. `maybeSent`: the request left before the connection
 * failed, so it may have taken effect: it must be checked before it is sent again.
 */
export class LibraryUnreachable extends StationError {
  constructor(
    message: string,
    readonly maybeSent: boolean,
  ) {
    super('LIBRARY_UNREACHABLE', message);
  }
}

/**
 * What the kiosk needs from a library system, in the kiosk's own terms. The SIP2 adapter is the
 * one implementation today; the offline queue (sync/) will sit behind the same port and decide
 * "online or queued" per transaction.
 */
export interface LibrarySystem {
  /**
   * Checks card and PIN. Throws a StationError (PATRON_UNKNOWN, PIN_WRONG, PATRON_BLOCKED) when
   * refused. `pinValid` is what the library system said of the PIN (null: it said nothing).
   */
  identify(
    patronId: string,
    pin: string | undefined,
  ): Promise<PatronSummary & { pinValid: boolean | null; blocked?: boolean }>;
  account(patronId: string, pin: string | undefined): Promise<Account>;
  transact(action: KioskAction, itemId: string, patron: PatronCredentials | null): Promise<ItemOutcome>;
  renewAll(patron: PatronCredentials): Promise<ItemOutcome[]>;
  endSession(patron: PatronCredentials): Promise<void>;
  /** Logs in and asks for status: true when the library system answers. */
  probe(): Promise<boolean>;
  close(): Promise<void>;
}

export interface PatronCredentials {
  patronId: string;
  /** Held in memory for the session only; never logged, never stored. */
  pin: string | undefined;
}

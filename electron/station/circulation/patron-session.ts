import type { ItemOutcome, PatronSummary } from '../contract/index.js';
import type { PatronCredentials } from './library-system.js';

/**
 * The one patron at the kiosk. Lives in memory only: the card number, the PIN and the name are
 * never written to disk or to a log, and `wipe` drops every reference when the session ends.
 */
export class PatronSession {
  #credentials: PatronCredentials | null = null;
  #summary: PatronSummary | null = null;
  #outcomes: ItemOutcome[] = [];

  open(credentials: PatronCredentials, summary: PatronSummary): void {
    this.wipe();
    this.#credentials = { ...credentials };
    this.#summary = { ...summary, screenMessages: [...summary.screenMessages] };
  }

  get credentials(): PatronCredentials | null {
    return this.#credentials;
  }

  get summary(): PatronSummary | null {
    return this.#summary;
  }

  get outcomes(): readonly ItemOutcome[] {
    return this.#outcomes;
  }

  record(outcome: ItemOutcome): void {
    this.#outcomes.push(outcome);
  }

  wipe(): void {
    if (this.#credentials) {
      this.#credentials.pin = undefined;
      this.#credentials.patronId = '';
    }
    this.#credentials = null;
    this.#summary = null;
    this.#outcomes = [];
  }
}

import type { ContractError, ErrorCode } from './contract/index.js';

/**
 * An error the core means to report to a caller. Anything else that escapes a handler is a bug and
 * reaches the caller only as INTERNAL, so stack traces and paths never cross the boundary.
 */
export class StationError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: string[],
    /** What the library system itself said, for the patron to read. */
    readonly screenMessages?: string[],
  ) {
    super(message);
    this.name = 'StationError';
  }

  #retryAt: ContractError['retryAt'];

  /** When the caller may try again (a lock): shown as a time in the station's zone. */
  retryAt(at: number, timeZone: string): this {
    this.#retryAt = { at: new Date(at).toISOString(), timeZone };
    return this;
  }

  toContract(): ContractError {
    const error: ContractError = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    if (this.screenMessages?.length) error.screenMessages = this.screenMessages;
    if (this.#retryAt) error.retryAt = this.#retryAt;
    return { ...error, ...this.details() };
  }

  /** What a kind of error adds to the contract's shape (a source, a diagnostic, a path…). */
  protected details(): Partial<ContractError> {
    return {};
  }
}

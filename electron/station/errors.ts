import type { ContractError, ErrorCode } from './contract.js';

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

  toContract(): ContractError {
    const error: ContractError = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    if (this.screenMessages?.length) error.screenMessages = this.screenMessages;
    return error;
  }
}

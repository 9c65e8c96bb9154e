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
  ) {
    super(message);
    this.name = 'StationError';
  }

  toContract(): ContractError {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

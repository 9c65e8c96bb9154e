import type { JobState, JobSummary } from '../contract/digitization-types.js';
import type { ContractError, DigitizationErrorCode } from '../contract/errors.js';
import type { ErrorCode } from '../contract/index.js';
import { StationError } from '../errors.js';

/** A refusal the operator can understand and act on; anything else is a bug (INTERNAL). */
export class DigitizationError extends StationError {
  constructor(
    readonly reason: DigitizationErrorCode,
    message: string,
  ) {
    // The contract's ERROR_CODES includes DIGITIZATION_ERROR_CODES; the cast only bridges the two lists.
    super(reason as unknown as ErrorCode, message);
    this.name = 'DigitizationError';
  }
}

/** A lifecycle move the transitions table does not allow. */
export class InvalidTransitionError extends DigitizationError {
  constructor(
    readonly jobId: number,
    readonly from: JobState,
    readonly to: JobState,
    allowed: readonly JobState[],
  ) {
    super(
      'INVALID_TRANSITION',
      `Job ${jobId} cannot go from ${from} to ${to}; from ${from} it may go to ${allowed.join(', ') || 'nothing'}.`,
    );
    this.name = 'InvalidTransitionError';
  }
}

export function jobNotFound(jobId: number): DigitizationError {
  return new DigitizationError('JOB_NOT_FOUND', `There is no job ${jobId}.`);
}

export function pageNotFound(jobId: number, pageId: number): DigitizationError {
  return new DigitizationError('PAGE_NOT_FOUND', `Job ${jobId} has no page ${pageId}.`);
}

/** The barcode or ISBN is already another job's: the error names those jobs for the screen. */
export class DuplicateJobError extends DigitizationError {
  constructor(
    code: string,
    readonly jobs: JobSummary[],
  ) {
    super('JOB_DUPLICATE', `${code} is already job ${jobs.map((j) => j.id).join(', ')}.`);
    this.name = 'DuplicateJobError';
  }

  protected override details(): Partial<ContractError> {
    return { jobs: this.jobs.map((j) => ({ id: j.id, itemBarcode: j.itemBarcode, title: j.title })) };
  }
}

export function duplicateJobs(code: string, jobs: JobSummary[]): DuplicateJobError {
  return new DuplicateJobError(code, jobs);
}

export function jobBusy(jobId: number): DigitizationError {
  return new DigitizationError(
    'INVALID_OPERATION',
    `Job ${jobId} is busy (a scan into it, or its packaging): stop that first.`,
  );
}

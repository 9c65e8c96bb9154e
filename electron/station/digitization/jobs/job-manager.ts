import type Database from 'better-sqlite3';
import type { CreateJobInput, JobState } from '../../contract/digitization-types.js';
import { DigitizationError, InvalidTransitionError } from '../errors.js';
import type { OperationLog } from '../pages/op-log.js';
import type { PageRepo } from '../pages/page-repo.js';
import type { JobRepo } from './job-repo.js';
import { allowedTransitions, isJobState, NEEDS_PAGES } from './lifecycle.js';

/** Longest item barcode accepted; library barcodes are 8–20 characters, RFID ids a few more. */
const MAX_BARCODE = 64;

/** Creating jobs and moving them through their lifecycle, each move one transaction with its event. */
export class JobManager {
  constructor(
    private readonly db: Database.Database,
    private readonly jobs: JobRepo,
    private readonly pages: PageRepo,
    private readonly log: OperationLog,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {}

  create(input: CreateJobInput): number {
    const barcode = input.itemBarcode.trim();
    if (barcode === '' || barcode.length > MAX_BARCODE) {
      throw new DigitizationError('INVALID_OPERATION', `An item barcode has 1 to ${MAX_BARCODE} characters.`);
    }
    if (typeof input.profile !== 'object' || input.profile === null || Array.isArray(input.profile)) {
      throw new DigitizationError('INVALID_OPERATION', 'A job needs a scan profile.');
    }
    return this.db.transaction(() =>
      this.jobs.create(barcode, input.profile, input.catalogRecord, this.clock()),
    )();
  }

  /**
   * Moves a job to `to` if the transitions table allows it, recording the move with its note.
   * Entering `delivered` closes the undo window: the operations log is cleared in the same
   * transaction, and the caller then removes the files nothing needs any more.
   */
  transition(jobId: number, to: JobState, note: string | null = null): { from: JobState; to: JobState } {
    if (!isJobState(to))
      throw new DigitizationError('INVALID_OPERATION', `There is no job state ${String(to)}.`);
    return this.db.transaction(() => {
      const job = this.jobs.require(jobId);
      const allowed = allowedTransitions(job.state, job.failed_from);
      if (!allowed.includes(to)) throw new InvalidTransitionError(jobId, job.state, to, allowed);
      if (NEEDS_PAGES.includes(to) && this.pages.order(jobId).length === 0) {
        throw new DigitizationError('JOB_EMPTY', `Job ${jobId} has no pages yet, so it cannot be ${to}.`);
      }
      this.jobs.setState(jobId, job.state, to, note?.trim() || null, this.clock());
      if (to === 'delivered') this.log.clear(jobId);
      return { from: job.state, to };
    })();
  }
}

import type Database from 'better-sqlite3';
import { ocrLanguages } from '../../catalog/ocr-languages.js';
import type { JobDetail, JobFilter, JobSummary } from '../../contract/digitization-types.js';
import { OperationLog } from '../pages/op-log.js';
import { toPages } from '../pages/page-info.js';
import { PageRepo } from '../pages/page-repo.js';
import { JobRepo, parseLookup, parseNumbering } from './job-repo.js';
import { allowedTransitions, isEditable } from './lifecycle.js';

/** Reading jobs as the screens and `bitig jobs` show them; needs only the database. */
export class JobReader {
  constructor(
    private readonly jobs: JobRepo,
    private readonly pages: PageRepo,
    private readonly log: OperationLog,
  ) {}

  static open(db: Database.Database): JobReader {
    return new JobReader(new JobRepo(db), new PageRepo(db), new OperationLog(db));
  }

  list(filter: JobFilter = {}): JobSummary[] {
    return this.jobs.list(filter);
  }

  get(jobId: number): JobDetail {
    const row = this.jobs.require(jobId);
    const numbering = parseNumbering(row);
    return {
      ...this.jobs.summary(jobId),
      profile: JSON.parse(row.profile),
      catalogRecord: row.catalog_record ? JSON.parse(row.catalog_record) : null,
      lookupDetail: parseLookup(row),
      ocrLanguages: ocrLanguages(row.catalog_record ? JSON.parse(row.catalog_record) : null),
      numbering,
      pages: toPages(this.pages.live(jobId), numbering),
      undo: this.log.lastInfo(jobId),
      events: this.jobs.events(jobId),
      allowedTransitions: allowedTransitions(row.state, row.failed_from),
      editable: isEditable(row.state),
    };
  }
}

import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { BibRecord, CatalogQuery } from '../contract/catalog-types.js';
import type {
  CapturedImage,
  CaptureOptions,
  CreateJobInput,
  CropBox,
  DigitizationEvents,
  InsertWhere,
  JobDetail,
  JobFilter,
  JobPages,
  JobState,
  JobSummary,
  NumberingRule,
  OperationKind,
  PageInfo,
  RelabelChange,
} from '../contract/digitization-types.js';
import { EventHub } from '../events.js';
import { diskFull, folderError, type StorageError } from '../store/storage-errors.js';
import { duplicateJobs, jobBusy } from './errors.js';
import { FreeSpace, type FreeSpaceOptions } from './free-space.js';
import {
  removeJobFolder,
  removeOrphanJobFolders,
  removeTempFiles,
  removeUnreferenced,
} from './jobs/job-files.js';
import { JobManager } from './jobs/job-manager.js';
import { JobReader } from './jobs/job-reader.js';
import { JobRecords, type RecordFinder } from './jobs/job-records.js';
import { JobRepo } from './jobs/job-repo.js';
import { PageOperations, type RecordedPage, type StoredMaster } from './pages/operations.js';
import { PageRepo } from './pages/page-repo.js';
import { jobFolder, masterPath, resolveData } from './paths.js';
import { DerivativeQueue } from './pipeline/derivative-queue.js';
import { detectFormat } from './pipeline/image-format.js';
import type { ImagePipeline } from './pipeline/pipeline.js';
import type { DerivativeSizes, QcThresholds } from './pipeline/protocol.js';
import { DEFAULT_QC } from './pipeline/qc-judge.js';

export const DEFAULT_SIZES: DerivativeSizes = {
  viewLongEdge: 1600,
  viewQuality: 82,
  thumbLongEdge: 240,
  thumbQuality: 75,
};

export interface DigitizationServiceOptions {
  db: Database.Database;
  dataDir: string;
  pipeline: ImagePipeline;
  sizes?: Partial<DerivativeSizes>;
  qc?: Partial<QcThresholds>;
  log?: (message: string, err?: unknown) => void;
  /** The free space capture keeps (and, in tests, the disk it asks). */
  freeSpace?: FreeSpaceOptions;
  /** Where jobs' records are looked up (the station's catalog); none: lookups stay pending. */
  finder?: RecordFinder;
  /** The clock of lookups' retries (tests move it). */
  now?: () => number;
}

export interface RecoveryReport {
  /** Half-written files removed. */
  tempFilesRemoved: number;
  /** Masters whose derivatives were missing and are being made again. */
  derivativesScheduled: number;
  /** Delivered jobs whose left-over files were removed now (the removal had been interrupted). */
  jobsPurged: number;
  /** Folders of deleted jobs removed now (the deletion had been interrupted). */
  deletedFoldersRemoved: number;
}

/**
 * The scanning station's digitization domain, as the screens and the `bitig` command use it:
 * jobs and their lifecycle, capture into a job, page operations and undo, and the image pipeline
 * behind them. Call `recover()` once at start-up, before capturing.
 */
export class DigitizationService {
  readonly events = new EventHub<DigitizationEvents>();
  readonly #db: Database.Database;
  readonly #dataDir: string;
  readonly #pipeline: ImagePipeline;
  readonly #jobs: JobRepo;
  readonly #pages: PageRepo;
  readonly #ops: PageOperations;
  readonly #manager: JobManager;
  readonly #reader: JobReader;
  readonly #derivatives: DerivativeQueue;
  readonly #records: JobRecords;
  readonly #log: DigitizationServiceOptions['log'];
  /** Next file number per job; captures into one job run one at a time, so this cannot race. */
  readonly #fileNo = new Map<number, number>();
  /** The tail of each job's capture chain: pages are recorded in the order they arrive. */
  readonly #captureChain = new Map<number, Promise<unknown>>();
  readonly #space: FreeSpace;
  /** A derivative the disk would not take: the next capture stops with it (once). */
  #diskTrouble: StorageError | null = null;
  /** Masters whose derivatives the disk would not take; made again once it has room. */
  readonly #waitingForDisk = new Set<number>();

  constructor(options: DigitizationServiceOptions) {
    this.#db = options.db;
    this.#dataDir = options.dataDir;
    this.#pipeline = options.pipeline;
    this.#log = options.log;
    this.#space = new FreeSpace(options.freeSpace);
    this.#jobs = new JobRepo(this.#db);
    this.#pages = new PageRepo(this.#db);
    this.#ops = new PageOperations(this.#db, this.#jobs, this.#pages);
    this.#manager = new JobManager(this.#db, this.#jobs, this.#pages, this.#ops.log);
    this.#reader = new JobReader(this.#jobs, this.#pages, this.#ops.log);
    this.#records = new JobRecords({
      db: this.#db,
      jobs: this.#jobs,
      events: this.events,
      finder: options.finder ?? null,
      now: options.now,
      log: options.log,
    });
    this.#derivatives = new DerivativeQueue({
      db: this.#db,
      pages: this.#pages,
      dataDir: this.#dataDir,
      pipeline: this.#pipeline,
      events: this.events,
      sizes: { ...DEFAULT_SIZES, ...options.sizes },
      qc: { ...DEFAULT_QC, ...options.qc },
      log: options.log,
      onDiskError: (masterId, err) => {
        this.#waitingForDisk.add(masterId);
        this.#diskTrouble = err;
      },
    });
  }

  // ---- jobs

  /**
   * A new job, with the record picked or typed, or a lookup to keep trying in the background.
   * Refused (JOB_DUPLICATE, naming the jobs) when another job has the barcode or one of the
   * record's ISBNs, unless `allowDuplicate`.
   */
  createJob(input: CreateJobInput & { allowDuplicate?: boolean }): JobDetail {
    const record = input.catalogRecord ?? null;
    if (!input.allowDuplicate) {
      const others = this.#records.duplicates([input.itemBarcode, ...(record?.isbns ?? [])]);
      if (others.length > 0) throw duplicateJobs(input.itemBarcode, others);
    }
    const jobId = this.#db.transaction(() => {
      const id = this.#manager.create(input);
      this.#records.initial(id, record, input.lookup ?? null);
      return id;
    })();
    if (!record && input.lookup) void this.#records.runDue();
    return this.getJob(jobId);
  }

  /** Jobs that already have this barcode or ISBN. */
  duplicates(code: string): JobSummary[] {
    return this.#records.duplicates([code]);
  }

  /** Sets the job's record (a candidate picked, fields typed), or clears it with null. */
  setRecord(jobId: number, record: BibRecord | null): JobDetail {
    this.#records.setRecord(jobId, record);
    return this.getJob(jobId);
  }

  /** Looks the job's record up now (its pending query, or a new one); answers after the try. */
  async lookupRecord(jobId: number, query?: CatalogQuery): Promise<JobDetail> {
    await this.#records.lookupNow(jobId, query);
    return this.getJob(jobId);
  }

  /** Tries every pending lookup that is due now (the background does this every few seconds). */
  runDueLookups(): Promise<void> {
    return this.#records.runDue();
  }

  /** Starts retrying pending lookups in the background (the station does, once set up). */
  startLookups(): void {
    this.#records.start();
  }

  /**
   * Deletes a job: its rows first (one transaction), then its folder. A crash between the two
   * leaves a folder no job owns, which `recover()` removes. Refused while a scan runs into the job
   * or it is being packaged (stop the packaging first).
   */
  async deleteJob(jobId: number): Promise<void> {
    const job = this.#jobs.require(jobId);
    if (this.#captureChain.has(jobId) || job.state === 'packaging') throw jobBusy(jobId);
    this.#db.transaction(() => this.#jobs.delete(jobId, new Date().toISOString()))();
    this.#fileNo.delete(jobId);
    await removeJobFolder(this.#dataDir, jobId);
    this.events.emit('job.deleted', { jobId });
  }

  listJobs(filter: JobFilter = {}): JobSummary[] {
    return this.#reader.list(filter);
  }

  getJob(jobId: number): JobDetail {
    return this.#reader.get(jobId);
  }

  /** Moves a job through its lifecycle; a move the table does not allow throws InvalidTransitionError. */
  async transition(jobId: number, to: JobState, note: string | null = null): Promise<JobSummary> {
    const move = this.#manager.transition(jobId, to, note);
    this.events.emit('job.state', { jobId, from: move.from, to: move.to, note });
    if (to === 'delivered') {
      // The job is delivered whatever happens to the clean-up; an interrupted one finishes at start-up.
      await this.#purge(jobId).catch((err: unknown) =>
        this.#log?.(`clean-up of delivered job ${jobId} failed`, err),
      );
    }
    return this.#jobs.summary(jobId);
  }

  // ---- capture

  /**
   * Adds a page after the job's last. When this resolves the master is on disk (fsynced) and its
   * row committed, so a page the screen shows survives a crash; derivatives follow in the
   * background ('page.derivatives', 'page.qc').
   */
  addCapturedPage(jobId: number, image: CapturedImage, options: CaptureOptions = {}): Promise<PageInfo> {
    return this.#capture(jobId, image, null, (master) => this.#ops.append(jobId, master, options));
  }

  /** Captures a page into the book beside `anchorPageId` (a foldout, a missed page). Undoable. */
  insertCapturedPage(
    jobId: number,
    image: CapturedImage,
    anchorPageId: number,
    where: InsertWhere,
    options: CaptureOptions = {},
  ): Promise<PageInfo> {
    return this.#capture(jobId, image, 'insert', (master) =>
      this.#ops.insert(jobId, master, anchorPageId, where, options),
    );
  }

  /** Replaces a page's image; its place, type and label stay. The old master is kept for undo. */
  rescanPage(jobId: number, pageId: number, image: CapturedImage): Promise<PageInfo> {
    return this.#capture(jobId, image, 'rescan', (master) => this.#ops.rescan(jobId, pageId, master));
  }

  /**
   * Before a batch: throws DISK_FULL ("Disk full at <job folder>") when the disk holding the job
   * has less than the minimum free. With room, derivatives the disk refused earlier are made now;
   * a disk error they met after the last batch ended is not held against this one.
   */
  async checkDisk(jobId: number): Promise<void> {
    this.#diskTrouble = null;
    await this.#space.ensure(resolveData(this.#dataDir, jobFolder(jobId)));
    for (const masterId of this.#waitingForDisk) this.#derivatives.schedule(masterId, false);
    this.#waitingForDisk.clear();
  }

  /** Before each page: the disk error a derivative met meanwhile (once), then room for the master. */
  async #checkDiskForPage(jobId: number, bytes: number): Promise<void> {
    const trouble = this.#diskTrouble;
    if (trouble) {
      this.#diskTrouble = null;
      throw trouble;
    }
    await this.#space.ensure(resolveData(this.#dataDir, jobFolder(jobId)), bytes);
  }

  // ---- page operations (each one transaction, each undoable)

  pages(jobId: number): JobPages {
    return this.#ops.jobPages(jobId);
  }

  movePages(jobId: number, pageIds: number[], position: number): JobPages {
    return this.#changed(jobId, 'reorder', this.#ops.move(jobId, pageIds, position));
  }

  /** Deleted pages keep their files until the job is delivered; until then delete can be undone. */
  deletePages(jobId: number, pageIds: number[]): JobPages {
    return this.#changed(jobId, 'delete', this.#ops.delete(jobId, pageIds));
  }

  relabelPages(jobId: number, pageIds: number[], change: RelabelChange): JobPages {
    return this.#changed(jobId, 'relabel', this.#ops.relabel(jobId, pageIds, change));
  }

  rotatePages(jobId: number, pageIds: number[], by: number): JobPages {
    return this.#changed(jobId, 'rotate', this.#ops.rotate(jobId, pageIds, by));
  }

  /**
   * Sets (or with null clears) a page's crop box, in master pixels before its rotation. The master
   * is never touched: its viewing copy and thumbnail are made again showing what the box keeps.
   * They are marked not made in the same transaction, so after a crash start-up remakes them.
   */
  setCrop(jobId: number, pageId: number, crop: CropBox | null): JobPages {
    const masterId = this.#db.transaction(() => {
      const page = this.#ops.crop(jobId, pageId, crop).pages.find((p) => p.id === pageId)!;
      this.#pages.clearDerivatives(page.master.id);
      return page.master.id;
    })();
    this.#derivatives.schedule(masterId);
    return this.#changed(jobId, 'crop', this.#ops.jobPages(jobId));
  }

  setNumbering(jobId: number, rule: NumberingRule | null): JobPages {
    return this.#changed(jobId, 'numbering', this.#ops.setNumbering(jobId, rule));
  }

  /** Reverts the job's newest page operation. Throws NOTHING_TO_UNDO when there is none. */
  undo(jobId: number): JobPages {
    const { kind, pages } = this.#db.transaction(() => {
      // Undoing a crop changes what the page's derivatives must show: they are made again.
      const op = this.#ops.log.last(jobId);
      const undone = this.#ops.undo(jobId);
      if (op?.kind !== 'crop') return undone;
      for (const page of op.inverse.pages ?? []) this.#pages.clearDerivatives(page.masterId);
      return { kind: undone.kind, pages: this.#ops.jobPages(jobId) };
    })();
    // Undo may bring back a master whose derivatives were never made (a crash before they were).
    for (const page of pages.pages)
      if (page.derivatives === 'pending') this.#derivatives.schedule(page.master.id, kind === 'crop');
    this.events.emit('job.pages', { jobId, operation: kind, undone: true });
    return pages;
  }

  // ---- life of the service

  /**
   * Start-up: removes half-written files, finishes interrupted clean-ups of delivered jobs, and
   * makes derivatives that are missing (a crash between a capture and its thumbnail).
   */
  async recover(): Promise<RecoveryReport> {
    const tempFilesRemoved = await removeTempFiles(this.#dataDir);
    const unpurged = this.#jobs.unpurgedDelivered();
    for (const jobId of unpurged) await this.#purge(jobId);
    const deletedFoldersRemoved = await removeOrphanJobFolders(this.#dataDir, this.#jobs.ids());
    const derivativesScheduled = await this.#derivatives.resume();
    return { tempFilesRemoved, derivativesScheduled, jobsPurged: unpurged.length, deletedFoldersRemoved };
  }

  /** Resolves when no derivatives are being made (tests, benchmarks, an orderly shutdown). */
  idle(): Promise<void> {
    return this.#derivatives.idle();
  }

  /** Stops the pipeline; derivatives not made yet are made at the next start. Call before closing the store. */
  async close(): Promise<void> {
    await this.#records.stop();
    this.#derivatives.close();
    await this.#pipeline.close();
  }

  /** `operation` is the undoable operation the capture is, or null for a plain append. */
  async #capture(
    jobId: number,
    image: CapturedImage,
    operation: 'insert' | 'rescan' | null,
    record: (master: StoredMaster) => RecordedPage,
  ): Promise<PageInfo> {
    const previous = this.#captureChain.get(jobId) ?? Promise.resolve();
    const next = () => this.#captureNow(jobId, image, operation, record);
    const run = previous.then(next, next);
    this.#captureChain.set(jobId, run);
    try {
      return await run;
    } finally {
      if (this.#captureChain.get(jobId) === run) this.#captureChain.delete(jobId);
    }
  }

  async #captureNow(
    jobId: number,
    image: CapturedImage,
    operation: 'insert' | 'rescan' | null,
    record: (master: StoredMaster) => RecordedPage,
  ): Promise<PageInfo> {
    // Refuse before writing anything: a closed job or a foreign format should leave no file behind.
    this.#ops.editableJob(jobId);
    const format = detectFormat(image.data);
    // Room for this master and then some, or the capture stops here with every page before it kept.
    await this.#checkDiskForPage(jobId, image.data.byteLength);
    const fileNo = this.#nextFileNo(jobId);
    const relative = masterPath(jobId, fileNo, format);
    const absolute = resolveData(this.#dataDir, relative);
    let stored: Awaited<ReturnType<ImagePipeline['store']>>;
    try {
      stored = await this.#pipeline.store(absolute, image.data);
    } catch (err) {
      // The half-written file is already gone (durable-file.ts); the disk's error gets its sentence.
      throw folderError(err, path.dirname(absolute)) ?? err;
    }
    let recorded: RecordedPage;
    try {
      recorded = record({
        fileNo,
        path: relative,
        sha256: stored.sha256,
        bytes: stored.bytes,
        format,
        width: image.width || stored.width,
        height: image.height || stored.height,
        resolution: image.resolution || stored.density,
        mode: image.mode ?? null,
      });
    } catch (err) {
      // The row did not commit: a file nothing references would only fill the disk.
      fs.rmSync(absolute, { force: true });
      if ((err as { code?: string }).code === 'SQLITE_FULL') throw diskFull(this.#dataDir);
      throw err;
    }
    const page = this.#ops.jobPages(jobId).pages.find((p) => p.id === recorded.pageId)!;
    this.events.emit('page.captured', {
      jobId,
      pageId: page.id,
      sequence: page.sequence,
      masterId: recorded.masterId,
    });
    if (operation) this.events.emit('job.pages', { jobId, operation, undone: false });
    this.#derivatives.schedule(recorded.masterId);
    return page;
  }

  #nextFileNo(jobId: number): number {
    const next = (this.#fileNo.get(jobId) ?? this.#pages.maxFileNo(jobId)) + 1;
    this.#fileNo.set(jobId, next);
    return next;
  }

  #changed(jobId: number, operation: OperationKind, pages: JobPages): JobPages {
    this.events.emit('job.pages', { jobId, operation, undone: false });
    return pages;
  }

  /** A delivered job's undo window is closed: deleted pages and replaced masters go, rows and files. */
  async #purge(jobId: number): Promise<void> {
    const keep = this.#db.transaction(() => this.#pages.purgeRows(jobId))();
    const removed = await removeUnreferenced(this.#dataDir, jobId, keep);
    this.#jobs.markPurged(jobId, new Date().toISOString());
    if (removed) this.#log?.(`job ${jobId} delivered: removed ${removed} files no page uses`);
  }
}

import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { CropBox, DigitizationEvents, JobProfile } from '../../contract/digitization-types.js';
import type { EventHub } from '../../events.js';
import { diskFull, folderError, isDiskError, type StorageError } from '../../store/storage-errors.js';
import { DigitizationError } from '../errors.js';
import type { MasterCheck, MasterTask, PageRepo } from '../pages/page-repo.js';
import { resolveData, thumbPath, viewPath } from '../paths.js';
import type { ImagePipeline } from './pipeline.js';
import type { DerivativeSizes, DeriveOutput, DeriveProgress, QcThresholds } from './protocol.js';

export interface DerivativeQueueOptions {
  db: Database.Database;
  pages: PageRepo;
  dataDir: string;
  pipeline: ImagePipeline;
  events: EventHub<DigitizationEvents>;
  sizes: DerivativeSizes;
  qc: QcThresholds;
  log?: (message: string, err?: unknown) => void;
  clock?: () => string;
  /**
   * A derivative could not be written for the disk's sake (full, read-only, gone, failing): the
   * page is fine and its derivatives stay not made; the capture decides what to do.
   */
  onDiskError?: (masterId: number, err: StorageError) => void;
}

/** Stat calls in flight at once while checking derivatives at start-up. */
const STAT_BATCH = 64;

/**
 * Makes each master's viewing copy, thumbnail and quality control in the pipeline, records them
 * and announces them. A master is never in the queue twice: scheduled again while in flight (its
 * page was cropped meanwhile), it is made once more afterwards, and the older result is dropped
 * unrecorded. Results that arrive after `close` are dropped: the next start finds those
 * derivatives missing and makes them again.
 */
export class DerivativeQueue {
  readonly #o: DerivativeQueueOptions;
  readonly #inFlight = new Map<number, Promise<void>>();
  /** Masters in flight whose page changed since: what is being made is already out of date. */
  readonly #again = new Map<number, boolean>();
  #closed = false;

  constructor(options: DerivativeQueueOptions) {
    this.#o = options;
  }

  get size(): number {
    return this.#inFlight.size;
  }

  /** `urgent`: a page just captured, which the operator is waiting to see (see ImagePipeline.derive). */
  schedule(masterId: number, urgent = true): void {
    if (this.#closed) return;
    if (this.#inFlight.has(masterId)) {
      this.#again.set(masterId, urgent || (this.#again.get(masterId) ?? false));
      return;
    }
    const task = this.#o.pages.masterTask(masterId);
    if (!task) return;
    const { dataDir, sizes, qc } = this.#o;
    const done = this.#o.pipeline
      .derive(
        {
          master: resolveData(dataDir, task.path),
          view: resolveData(dataDir, viewPath(task.job_id, task.file_no)),
          thumb: resolveData(dataDir, thumbPath(task.job_id, task.file_no)),
          sizes,
          qc,
          resolution: task.resolution,
          expectedResolution: profileResolution(task.profile),
          crop: this.#cropOf(masterId),
        },
        (made) => {
          try {
            this.#derived(task, made);
          } catch (err) {
            this.#notRecorded(task, err);
          }
        },
        urgent,
      )
      .then(
        (out) => this.#checked(task, out),
        (err: unknown) => this.#failed(task, err),
      )
      .catch((err: unknown) => this.#notRecorded(task, err))
      .finally(() => {
        this.#inFlight.delete(masterId);
        const again = this.#again.get(masterId);
        this.#again.delete(masterId);
        if (again !== undefined) this.schedule(masterId, again);
      });
    this.#inFlight.set(masterId, done);
  }

  /** Resolves once every scheduled master is done (including any scheduled meanwhile). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight.values());
  }

  /**
   * Start-up: schedules every master a page uses whose derivatives were never recorded, or whose
   * files are gone or short (a crash or power cut mid-write). Returns how many were scheduled.
   */
  async resume(): Promise<number> {
    const masters = this.#o.pages.mastersToCheck();
    let scheduled = 0;
    for (let i = 0; i < masters.length; i += STAT_BATCH) {
      const batch = masters.slice(i, i + STAT_BATCH);
      const intact = await Promise.all(batch.map((m) => this.#intact(m)));
      batch.forEach((master, k) => {
        if (intact[k]) return;
        if (master.derived_at) this.#o.pages.clearDerivatives(master.id);
        this.schedule(master.id, false);
        scheduled++;
      });
    }
    return scheduled;
  }

  close(): void {
    this.#closed = true;
  }

  async #intact(master: MasterCheck): Promise<boolean> {
    if (!master.derived_at) return false;
    const sizes = await Promise.all(
      [master.view_path, master.thumb_path].map((p) =>
        p
          ? fs.promises.stat(resolveData(this.#o.dataDir, p)).then(
              (s) => s.size,
              () => -1,
            )
          : -1,
      ),
    );
    return sizes[0] === master.view_bytes && sizes[1] === master.thumb_bytes;
  }

  /** The crop box of the page showing this master (one page per master; a deleted one may come back). */
  #cropOf(masterId: number): CropBox | null {
    for (const { id, job_id } of this.#o.pages.pagesOfMaster(masterId)) {
      const crop = this.#o.pages.get(job_id, id)?.crop;
      if (crop) return JSON.parse(crop) as CropBox;
    }
    return null;
  }

  #derived(task: MasterTask, made: DeriveProgress): void {
    if (!this.#usable(task)) return;
    const view = { ...made.view, path: viewPath(task.job_id, task.file_no) };
    const thumb = { ...made.thumb, path: thumbPath(task.job_id, task.file_no) };
    this.#o.pages.recordDerivatives(task.id, view, thumb, this.#now());
    for (const page of this.#o.pages.pagesOfMaster(task.id)) {
      this.#o.events.emit('page.derivatives', {
        jobId: page.job_id,
        pageId: page.id,
        masterId: task.id,
        view: view.path,
        thumb: thumb.path,
      });
    }
  }

  #checked(task: MasterTask, out: DeriveOutput): void {
    if (!this.#usable(task)) return;
    this.#o.pages.recordQc(task.id, out.flags, out.metrics, this.#now());
    for (const page of this.#o.pages.pagesOfMaster(task.id)) {
      this.#o.events.emit('page.qc', {
        jobId: page.job_id,
        pageId: page.id,
        masterId: task.id,
        flags: out.flags,
      });
    }
  }

  #failed(task: MasterTask, err: unknown): void {
    // Shutting down is not a failure of the page: the next start makes its derivatives.
    if (err instanceof DigitizationError && err.reason === 'PIPELINE_CLOSED') return;
    if (!this.#usable(task)) return;
    // A full or failing disk says nothing about the image: the page is not flagged unreadable,
    // its derivatives stay not made (start-up or the next capture makes them), and capture stops.
    if (isDiskError(err)) {
      const about = (err as NodeJS.ErrnoException).path;
      const folder = path.dirname(about ?? resolveData(this.#o.dataDir, viewPath(task.job_id, task.file_no)));
      this.#o.log?.(`derivatives of ${task.path} could not be written`, err);
      this.#o.onDiskError?.(task.id, folderError(err, folder)!);
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    this.#o.log?.(`derivatives of ${task.path} failed`, err);
    this.#o.pages.recordDeriveError(task.id, message, this.#now());
    for (const page of this.#o.pages.pagesOfMaster(task.id)) {
      this.#o.events.emit('page.failed', { jobId: page.job_id, pageId: page.id, masterId: task.id, message });
    }
  }

  /**
   * The database would not take a result (SQLITE_FULL: the disk is full): the derivatives count as
   * not made, to be made again when there is room, and the capture is told; anything else is logged.
   */
  #notRecorded(task: MasterTask, err: unknown): void {
    const code = (err as { code?: unknown } | null)?.code;
    this.#o.log?.(`the derivatives of ${task.path} could not be recorded`, err);
    if (code === 'SQLITE_FULL' || isDiskError(err)) this.#o.onDiskError?.(task.id, diskFull(this.#o.dataDir));
  }

  /** Whether a result may be recorded: not after close, nor when the master is to be made again. */
  #usable(task: MasterTask): boolean {
    return !this.#closed && this.#o.db.open && !this.#again.has(task.id);
  }

  #now(): string {
    return this.#o.clock?.() ?? new Date().toISOString();
  }
}

function profileResolution(profile: string): number | null {
  const parsed = JSON.parse(profile) as JobProfile;
  return typeof parsed.resolution === 'number' && parsed.resolution > 0 ? parsed.resolution : null;
}

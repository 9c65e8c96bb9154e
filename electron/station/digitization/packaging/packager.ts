import fs from 'node:fs';
import path from 'node:path';
import type { BibRecord } from '../../contract/catalog-types.js';
import type { JobDetail, PageInfo } from '../../contract/digitization-types.js';
import type {
  PackageFormat,
  PackageLayout,
  PackagePhase,
  PackageProgress,
  PackageSettings,
  PackagingEvents,
} from '../../contract/packaging.js';
import { StationError } from '../../errors.js';
import type { EventHub } from '../../events.js';
import type { PackageRepo, PackageRequest } from './package-repo.js';

/** Where a package's pieces come from; `writers.ts` binds them to the packages room. */
export interface PackageSteps {
  /** The straightened page image (crop and rotation applied) and its thumbnail, written under `dir`. */
  images(
    page: PageInfo,
    files: { master: string; capturedThumb: string | null },
    dir: string,
    signal: AbortSignal,
  ): Promise<{ view: string; thumb: string }>;
  /** OCR of one straightened page: ALTO and a text-only PDF page. */
  ocr(
    image: string,
    outBase: string,
    languages: string[],
    signal: AbortSignal,
  ): Promise<{ alto: string; textPdf: string; words: number }>;
  /** Everything after the pages: PDF, METS, IIIF and the bag, written as `<packagesDir>/<name>`. */
  assemble(
    plan: AssemblyPlan,
    signal: AbortSignal,
    onProgress: (phase: PackagePhase, done: number, total: number) => void,
  ): Promise<string>;
}

export interface PlannedPage {
  page: PageInfo;
  /** Absolute paths. */
  master: string;
  view: string;
  thumb: string;
  alto: string | null;
  textPdf: string | null;
}

export interface AssemblyPlan {
  name: string;
  job: JobDetail;
  record: BibRecord | null;
  pages: PlannedPage[];
  formats: PackageFormat[];
  layout: PackageLayout;
  settings: PackageSettings;
  /** Where the package goes: `<packagesDir>/<name>`. */
  packagesDir: string;
  /** Scratch space for this run. */
  workDir: string;
  ocrLanguages: string[];
}

export interface PackagerOptions {
  dataDir: string;
  repo: PackageRepo;
  events: EventHub<PackagingEvents>;
  steps: PackageSteps;
  settings: () => PackageSettings;
  job: (jobId: number) => JobDetail;
  /** Moves the job through its lifecycle (the service's transition, with its event). */
  transition: (
    jobId: number,
    to: 'packaging' | 'packaged' | 'reviewed' | 'failed',
    note: string | null,
  ) => Promise<unknown>;
  now?: () => Date;
  log?: (message: string, err?: unknown) => void;
}

export const PACKAGES_DIR = 'packages';
const IMAGE_CONCURRENCY = 2;

/** Runs `work` over `items`, at most `limit` at once; the first failure ends it. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Packages reviewed jobs in the background, one job at a time (OCR inside a job runs in its own
 * bounded pool): reviewed → packaging → packaged, or back to reviewed when stopped, or failed with
 * the reason. What was asked is kept in SQLite and OCR results per page, so a restart makes the
 * same package and redoes only what was not finished; a package is renamed into place only when
 * whole, so nothing half-made ever looks done.
 */
export class Packager {
  readonly #o: PackagerOptions;
  readonly #running = new Map<number, AbortController>();
  #chain: Promise<void> = Promise.resolve();

  constructor(options: PackagerOptions) {
    this.#o = options;
  }

  /** Starts packaging a reviewed job (or a failed one, again). Answers at once. */
  async start(jobId: number, request: PackageRequest): Promise<PackageProgress> {
    if (this.#running.has(jobId))
      throw new StationError('PACKAGE_BUSY', `Job ${jobId} is being packaged already.`);
    if (request.formats.includes('mets') && !this.#o.settings().rights) {
      throw new StationError(
        'PACKAGE_SETTINGS_MISSING',
        "The library's rights statement is not set (Settings).",
      );
    }
    await this.#o.transition(jobId, 'packaging', null);
    this.#o.repo.start(jobId, request, this.#iso());
    this.#enqueue(jobId);
    return this.#progress(jobId, 'queued', 0, 0);
  }

  /** Stops a job's packaging: back to reviewed; the partial package and scratch space go. */
  async cancel(jobId: number): Promise<PackageProgress> {
    const running = this.#running.get(jobId);
    if (!running) throw new StationError('INVALID_OPERATION', `Job ${jobId} is not being packaged.`);
    running.abort();
    return this.#o.repo.get(jobId) ?? this.#progress(jobId, 'cancelled', 0, 0);
  }

  progress(jobId: number): PackageProgress | null {
    return this.#o.repo.get(jobId);
  }

  /** Start-up: packaging a crash cut short starts again (OCR already done is kept). */
  resume(): number[] {
    const unfinished = this.#o.repo.unfinished();
    for (const jobId of unfinished) this.#enqueue(jobId);
    return unfinished;
  }

  /** Stops everything under way (the jobs stay `packaging` and resume at the next start). */
  async close(): Promise<void> {
    for (const c of this.#running.values()) c.abort(new Error('closing'));
    await this.#chain.catch(() => undefined);
  }

  idle(): Promise<void> {
    return this.#chain;
  }

  #enqueue(jobId: number): void {
    const stop = new AbortController();
    this.#running.set(jobId, stop);
    this.#chain = this.#chain
      .then(() => this.#run(jobId, stop.signal))
      .finally(() => this.#running.delete(jobId));
  }

  async #run(jobId: number, signal: AbortSignal): Promise<void> {
    const request = this.#o.repo.request(jobId);
    if (!request) return;
    const workDir = path.join(this.#o.dataDir, PACKAGES_DIR, `.work-${jobId}`);
    try {
      const job = this.#o.job(jobId);
      const pages = await this.#pages(job, request, workDir, signal);
      const name = packageName(job);
      const plan: AssemblyPlan = {
        name,
        job,
        record: job.catalogRecord,
        pages,
        formats: request.formats,
        layout: request.layout,
        settings: this.#o.settings(),
        packagesDir: path.join(this.#o.dataDir, PACKAGES_DIR),
        workDir,
        ocrLanguages: request.ocrLanguages,
      };
      const written = await this.#o.steps.assemble(plan, signal, (phase, done, total) =>
        this.#progress(jobId, phase, done, total),
      );
      const relative = path.relative(this.#o.dataDir, written).split(path.sep).join('/');
      // Not running any more before anyone hears it is done: a new request must not find it busy.
      this.#running.delete(jobId);
      this.#o.repo.finish(jobId, 'done', relative, null, this.#iso());
      await this.#o.transition(jobId, 'packaged', null);
      this.#emit(jobId);
    } catch (err) {
      if (signal.aborted && String(signal.reason) === 'Error: closing') return;
      const cancelled = signal.aborted;
      const error = cancelled ? null : asError(err);
      if (!cancelled) this.#o.log?.(`packaging job ${jobId} failed`, err);
      this.#running.delete(jobId);
      this.#o.repo.finish(jobId, cancelled ? 'cancelled' : 'failed', null, error, this.#iso());
      await this.#o
        .transition(jobId, cancelled ? 'reviewed' : 'failed', error?.message ?? null)
        .catch(() => undefined);
      this.#emit(jobId);
    } finally {
      await fs.promises.rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Straightened images, then OCR (kept per master and languages, so a restart skips what was done). */
  async #pages(
    job: JobDetail,
    request: PackageRequest,
    workDir: string,
    signal: AbortSignal,
  ): Promise<PlannedPage[]> {
    const total = job.pages.length;
    const planned: PlannedPage[] = [];
    await fs.promises.mkdir(workDir, { recursive: true });
    let imagesDone = 0;
    // Two pages at a time: sharp's own threads do the pixels, this keeps them busy between files.
    await eachLimited(job.pages, IMAGE_CONCURRENCY, async (page, i) => {
      signal.throwIfAborted();
      const master = this.#file(page.master.path);
      // The capture's thumbnail, when it is made and on disk (a page just rescanned may still wait for it).
      const derived = page.thumb && page.derivatives === 'ready' ? this.#file(page.thumb.path) : null;
      const capturedThumb = derived && fs.existsSync(derived) ? derived : null;
      const { view, thumb } = await this.#o.steps.images(page, { master, capturedThumb }, workDir, signal);
      planned[i] = { page, master, view, thumb, alto: null, textPdf: null };
      this.#progress(job.id, 'images', ++imagesDone, total);
    });
    const wantsText =
      request.ocrLanguages.length > 0 &&
      (request.formats.includes('alto') || request.formats.includes('pdf'));
    if (!wantsText) return planned;
    const languages = request.ocrLanguages.join('+');
    const ocrDir = path.join(this.#o.dataDir, 'jobs', String(job.id), 'ocr');
    await fs.promises.mkdir(ocrDir, { recursive: true });
    let done = 0;
    await Promise.all(
      planned.map(async (p) => {
        const cached = this.#o.repo.ocr(p.page.master.id, languages);
        if (cached && fs.existsSync(path.join(this.#o.dataDir, cached.altoPath))) {
          p.alto = path.join(this.#o.dataDir, cached.altoPath);
          p.textPdf = path.join(this.#o.dataDir, cached.pdfPath);
        } else {
          const base = path.join(ocrDir, `${String(p.page.master.id).padStart(6, '0')}.${languages}`);
          const result = await this.#o.steps.ocr(p.view, base, request.ocrLanguages, signal);
          const rel = (file: string) => path.relative(this.#o.dataDir, file).split(path.sep).join('/');
          this.#o.repo.saveOcr(
            p.page.master.id,
            languages,
            { altoPath: rel(result.alto), pdfPath: rel(result.textPdf), words: result.words },
            this.#iso(),
          );
          p.alto = result.alto;
          p.textPdf = result.textPdf;
        }
        this.#progress(job.id, 'ocr', ++done, planned.length);
      }),
    );
    return planned;
  }

  /** A stored relative path (forward slashes) as an absolute one. */
  #file(relative: string): string {
    return path.join(this.#o.dataDir, ...relative.split('/'));
  }

  #progress(jobId: number, phase: PackagePhase, done: number, total: number): PackageProgress {
    this.#o.repo.progress(jobId, phase, done, total);
    return this.#emit(jobId);
  }

  #emit(jobId: number): PackageProgress {
    const progress = this.#o.repo.get(jobId)!;
    this.#o.events.emit('job.package', progress);
    return progress;
  }

  #iso(): string {
    return (this.#o.now?.() ?? new Date()).toISOString();
  }
}

/** `bitig-12-3100009`: the job and its barcode, in characters every file system and URL takes. */
export function packageName(job: Pick<JobDetail, 'id' | 'itemBarcode'>): string {
  const safe = job.itemBarcode
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return `bitig-${job.id}${safe ? `-${safe}` : ''}`;
}

function asError(err: unknown): { code: string; message: string } {
  if (err instanceof StationError) return { code: err.code, message: err.message };
  return { code: 'PACKAGE_FAILED', message: err instanceof Error ? err.message : String(err) };
}

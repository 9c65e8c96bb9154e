import type Database from 'better-sqlite3';
import type { JobDetail } from '../../contract/digitization-types.js';
import type {
  OcrStatus,
  PackageFormat,
  PackageLayout,
  PackageProgress,
  PackageSettings,
  PackagingEvents,
} from '../../contract/packaging.js';
import { StationError } from '../../errors.js';
import type { EventHub } from '../../events.js';
import type { SettingsRepo } from '../../store/settings.js';
import { PackageRepo } from './package-repo.js';
import { PackageSettingsStore } from './package-settings.js';
import { Packager, type PackageSteps } from './packager.js';

/** What the station's OCR can do, asked when a package needs it (Tesseract may be installed later). */
export interface OcrAvailability {
  status(): Promise<OcrStatus>;
}

export interface PackagingServiceOptions {
  db: Database.Database;
  dataDir: string;
  settings: SettingsRepo;
  events: EventHub<PackagingEvents>;
  steps: PackageSteps;
  ocr: OcrAvailability;
  job: (jobId: number) => JobDetail;
  transition: (
    jobId: number,
    to: 'packaging' | 'packaged' | 'reviewed' | 'failed',
    note: string | null,
  ) => Promise<unknown>;
  log?: (message: string, err?: unknown) => void;
}

/** The scanning station's packages as the screens and `bitig export` use them. */
export class PackagingService {
  readonly settings: PackageSettingsStore;
  readonly #packager: Packager;
  readonly #ocr: OcrAvailability;
  readonly #job: (jobId: number) => JobDetail;

  constructor(options: PackagingServiceOptions) {
    this.settings = new PackageSettingsStore(options.settings);
    this.#ocr = options.ocr;
    this.#job = options.job;
    this.#packager = new Packager({
      dataDir: options.dataDir,
      repo: new PackageRepo(options.db),
      events: options.events,
      steps: options.steps,
      settings: () => this.settings.get(),
      job: options.job,
      transition: options.transition,
      log: options.log,
    });
  }

  ocrStatus(): Promise<OcrStatus> {
    return this.#ocr.status();
  }

  /**
   * Packages a reviewed job: the site's formats and layout unless given; OCR languages given, else
   * the record's; an empty list means no OCR. Languages this station cannot read are refused before
   * anything starts (OCR_LANGUAGE_MISSING), so a package never silently lacks its text.
   */
  async package(
    jobId: number,
    asked: { formats?: PackageFormat[]; layout?: PackageLayout; ocrLanguages?: string[] },
  ): Promise<PackageProgress> {
    const site: PackageSettings = this.settings.get();
    const formats = asked.formats ?? site.formats;
    const wantsText = formats.includes('alto') || formats.includes('pdf');
    const languages = wantsText ? (asked.ocrLanguages ?? this.#job(jobId).ocrLanguages) : [];
    if (languages.length > 0) {
      const ocr = await this.#ocr.status();
      if (!ocr.available)
        throw new StationError('OCR_UNAVAILABLE', 'Tesseract is not installed (tesseract-ocr).');
      const missing = languages.filter((l) => !ocr.languages.includes(l));
      if (missing.length > 0) {
        throw new StationError(
          'OCR_LANGUAGE_MISSING',
          `No OCR model for ${missing.join(', ')}: install ${missing.map((l) => `tesseract-ocr-${l.replace('_', '-')}`).join(' ')}.`,
        );
      }
    }
    return this.#packager.start(jobId, {
      formats,
      layout: asked.layout ?? site.layout,
      ocrLanguages: languages,
    });
  }

  cancel(jobId: number): Promise<PackageProgress> {
    return this.#packager.cancel(jobId);
  }

  progress(jobId: number): PackageProgress | null {
    return this.#packager.progress(jobId);
  }

  /** Start-up: packaging a crash cut short starts again. */
  resume(): number[] {
    return this.#packager.resume();
  }

  idle(): Promise<void> {
    return this.#packager.idle();
  }

  close(): Promise<void> {
    return this.#packager.close();
  }
}

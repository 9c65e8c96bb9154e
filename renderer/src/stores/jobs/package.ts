import {
  type ContractError,
  type ErrorCode,
  type JobPackageInput,
  OcrLanguage,
  type OcrStatus,
  type PackageFormat,
  type PackageLayout,
  type PackagePhase,
  type PackageProgress,
  PackageSettings,
} from '@contract/index.js';
import type { z } from 'zod';
import { type JobMeta, type JobsContext, JobsScreen } from './context.js';

/**
 * Packaging the open job (reviewed → packaging → packaged): the formats, OCR languages and layout
 * chosen for it (the site's defaults and the record's languages first), starting and stopping it,
 * and its progress as the core reports it (`jobs.packageProgress` when the job opens, then the
 * `job.package` events). The rules are pure functions below, so they are tested without a screen.
 */

/** The most OCR languages one package may ask for (the contract's limit). */
export const MAX_OCR_LANGUAGES = 4;
/** The phases that do work, in the order the core runs them. */
export const WORKING_PHASES = ['images', 'ocr', 'pdf', 'metadata', 'bag'] as const;
type WorkingPhase = (typeof WORKING_PHASES)[number];
/** Tesseract's data files that are not languages (orientation and script, equations). */
const NOT_LANGUAGES = new Set(['osd', 'equ']);

export interface PackageDraft {
  formats: PackageFormat[];
  /** False: "no OCR" (also when the station has no OCR). */
  ocr: boolean;
  /** Tesseract names, in the order chosen. */
  languages: string[];
  layout: PackageLayout;
}

/** Start pressed with nothing to do: no format, or OCR wanted in no language. */
export type PackageProblem = 'noFormat' | 'noLanguage';

export interface PackageData {
  packageSettings: PackageSettings | null;
  ocrStatus: OcrStatus | null;
  packageDraft: PackageDraft | null;
  packageProgress: PackageProgress | null;
  /** A start or a stop under way (one at a time). */
  packageBusy: 'start' | 'cancel' | null;
  /** The core refused a call (no rights statement yet, already packaging…). */
  packageError: ContractError | null;
  packageProblem: PackageProblem | null;
  /**
   * "Open the PDF": asking the core (`opening`), the desktop opened it in the system's viewer
   * (`desktop`), or a new tab was opened on the web host's address (`tab`).
   */
  packagePdf: 'opening' | 'desktop' | 'tab' | null;
}

export interface PackageSlice extends PackageData {
  /** The package screen for the open job: the site's settings, the OCR, where its package stands. */
  showPackage(): Promise<void>;
  /** Where the open job's package stands (after opening it, or a restart of the core). */
  loadPackageProgress(): Promise<void>;
  setPackageFormat(format: PackageFormat, on: boolean): void;
  setOcrLanguage(language: string, on: boolean): void;
  /** "No OCR" (false) or OCR in the languages chosen (true). */
  setOcr(on: boolean): void;
  setPackageLayout(layout: PackageLayout): void;
  startPackage(): Promise<void>;
  cancelPackage(): Promise<void>;
  /** Opens the finished package's PDF: the desktop's viewer, or a new tab on the web host. */
  openPackagePdf(): Promise<void>;
}

/** Nothing known of a package: how every job starts before the screen asks. */
export function closedPackage(): PackageData {
  return {
    packageSettings: null,
    ocrStatus: null,
    packageDraft: null,
    packageProgress: null,
    packageBusy: null,
    packageError: null,
    packageProblem: null,
    packagePdf: null,
  };
}

/** The languages the station's OCR offers, as Tesseract names them (its helper files left out). */
export function ocrChoices(status: OcrStatus | null): string[] {
  if (!status?.available) return [];
  return status.languages.filter((l) => !NOT_LANGUAGES.has(l) && OcrLanguage.safeParse(l).success);
}

/** The record's languages that the station can read, at most four, in the record's order. */
export function suggestedLanguages(suggested: readonly string[], installed: readonly string[]): string[] {
  return suggested.filter((l) => installed.includes(l)).slice(0, MAX_OCR_LANGUAGES);
}

/** The choices a job starts with: the site's formats and layout, OCR in the record's languages. */
export function initialDraft(
  settings: PackageSettings,
  ocr: OcrStatus | null,
  job: Pick<JobMeta, 'ocrLanguages'>,
): PackageDraft {
  const installed = ocrChoices(ocr);
  return {
    formats: [...settings.formats],
    ocr: installed.length > 0,
    languages: suggestedLanguages(job.ocrLanguages, installed),
    layout: settings.layout,
  };
}

/** What `jobs.package` is sent, or why nothing is: no format, OCR in no language. */
export function packageRequest(
  jobId: number,
  draft: PackageDraft,
  ocr: OcrStatus | null,
): { input: z.input<typeof JobPackageInput> } | { problem: PackageProblem } {
  if (draft.formats.length === 0) return { problem: 'noFormat' };
  const withOcr = draft.ocr && ocrChoices(ocr).length > 0;
  if (withOcr && draft.languages.length === 0) return { problem: 'noLanguage' };
  return {
    input: {
      jobId,
      formats: draft.formats,
      // An empty list is "no OCR"; an absent one would let the core guess from the record.
      ocrLanguages: withOcr ? draft.languages : [],
      layout: draft.layout,
    },
  };
}

/** Whether the core is still working on the package. */
export function isPackaging(phase: PackagePhase | undefined): boolean {
  return phase === 'queued' || (WORKING_PHASES as readonly string[]).includes(phase ?? '');
}

export interface PackageStep {
  phase: WorkingPhase;
  state: 'done' | 'current' | 'waiting';
  done: number;
  total: number;
}

/**
 * Each working phase as the screen shows it while packaging: the ones before the current phase
 * are done, the current one counts its pages, the rest wait.
 */
export function packageSteps(progress: PackageProgress): PackageStep[] {
  const at = WORKING_PHASES.indexOf(progress.phase as WorkingPhase);
  const finished = progress.phase === 'done';
  return WORKING_PHASES.map((phase, i) => {
    if (finished || (at >= 0 && i < at)) return { phase, state: 'done', done: 1, total: 1 };
    if (i === at) return { phase, state: 'current', done: progress.done, total: progress.total };
    return { phase, state: 'waiting', done: 0, total: 0 };
  });
}

/** A failed package's error as the screens show contract errors (translated by its code). */
export function packageFailure(progress: PackageProgress | null): ContractError | null {
  if (progress?.phase !== 'failed' || !progress.error) return null;
  return { code: progress.error.code as ErrorCode, message: progress.error.message };
}

/** States whose job has (or is making, or failed making) a package to show. */
function hasPackage(job: Pick<JobMeta, 'state' | 'failedFrom'>): boolean {
  return (
    job.state === 'packaging' ||
    job.state === 'packaged' ||
    (job.state === 'failed' && job.failedFrom === 'packaging')
  );
}

export function createPackageSlice(ctx: JobsContext): PackageSlice {
  const { api, set, get } = ctx;

  const patchDraft = (patch: Partial<PackageDraft>) => {
    const draft = get().packageDraft;
    if (draft) set({ packageDraft: { ...draft, ...patch }, packageProblem: null });
  };

  return {
    ...closedPackage(),

    async showPackage() {
      const job = get().job;
      if (!job) return;
      set({ screen: JobsScreen.package, viewer: null });
      const epoch = ctx.jobEpoch;
      const [settings, ocr] = await Promise.all([
        api.call('packaging.settings', {}),
        api.call('ocr.status', {}),
        get().loadPackageProgress(),
      ]);
      if (epoch !== ctx.jobEpoch) return;
      const ocrStatus = ocr.ok ? ocr.value : null;
      // Without the site's settings the screen still works from the contract's defaults.
      const packageSettings = settings.ok ? settings.value : PackageSettings.parse({});
      set({
        packageSettings,
        ocrStatus,
        packageDraft: get().packageDraft ?? initialDraft(packageSettings, ocrStatus, get().job ?? job),
        packageError: settings.ok ? (ocr.ok ? null : ocr.error) : settings.error,
      });
    },

    async loadPackageProgress() {
      const job = get().job;
      if (!job) return;
      const epoch = ctx.jobEpoch;
      const before = get().packageProgress;
      const result = await api.call('jobs.packageProgress', { jobId: job.id });
      if (epoch !== ctx.jobEpoch || !result.ok) return;
      // An event that came while the call was out is newer than its answer: it stays.
      if (get().packageProgress === before) set({ packageProgress: result.value });
    },

    setPackageFormat(format, on) {
      const draft = get().packageDraft;
      if (!draft) return;
      const formats = draft.formats.filter((f) => f !== format);
      patchDraft({ formats: on ? [...formats, format] : formats });
    },

    setOcrLanguage(language, on) {
      const draft = get().packageDraft;
      if (!draft) return;
      const rest = draft.languages.filter((l) => l !== language);
      if (on && rest.length >= MAX_OCR_LANGUAGES) return;
      patchDraft({ languages: on ? [...rest, language] : rest, ocr: on ? true : draft.ocr });
    },

    setOcr(on) {
      patchDraft({ ocr: on });
    },

    setPackageLayout(layout) {
      patchDraft({ layout });
    },

    async startPackage() {
      const { job, packageDraft, packageBusy, ocrStatus } = get();
      if (!job || !packageDraft || packageBusy !== null) return;
      const request = packageRequest(job.id, packageDraft, ocrStatus);
      if ('problem' in request) {
        set({ packageProblem: request.problem });
        return;
      }
      const epoch = ctx.jobEpoch;
      set({ packageBusy: 'start', packageError: null, packageProblem: null, packagePdf: null });
      const result = await api.call('jobs.package', request.input);
      if (epoch !== ctx.jobEpoch) return;
      if (result.ok) set({ packageBusy: null, packageProgress: result.value });
      else set({ packageBusy: null, packageError: result.error });
      ctx.scheduleRefresh();
    },

    async openPackagePdf() {
      const { job, packagePdf } = get();
      if (!job || packagePdf === 'opening') return;
      const epoch = ctx.jobEpoch;
      set({ packagePdf: 'opening', packageError: null });
      const result = await api.call('jobs.openPackagePdf', { jobId: job.id });
      if (epoch !== ctx.jobEpoch) return;
      if (!result.ok) {
        set({ packagePdf: null, packageError: result.error });
        return;
      }
      if (result.value.opened) {
        set({ packagePdf: 'desktop' });
        return;
      }
      ctx.openUrl(api.fileUrl?.(result.value.url) ?? result.value.url);
      set({ packagePdf: 'tab' });
    },

    async cancelPackage() {
      const { job, packageBusy } = get();
      if (!job || packageBusy !== null) return;
      const epoch = ctx.jobEpoch;
      set({ packageBusy: 'cancel', packageError: null });
      const result = await api.call('jobs.cancelPackage', { jobId: job.id });
      if (epoch !== ctx.jobEpoch) return;
      if (result.ok) set({ packageBusy: null, packageProgress: result.value });
      else set({ packageBusy: null, packageError: result.error });
      ctx.scheduleRefresh();
    },
  };
}

/** After a job opens: a job that has a package (or is making one) says where it stands. */
export function afterJobOpened(ctx: JobsContext): void {
  const job = ctx.get().job;
  if (job && hasPackage(job)) void ctx.get().loadPackageProgress();
}

/** `job.package`: the open job's progress follows; at the end its state is read again. */
export function onJobPackage(ctx: JobsContext, event: PackageProgress): void {
  if (ctx.get().job?.id !== event.jobId) return;
  ctx.set({ packageProgress: event });
  if (!isPackaging(event.phase)) ctx.scheduleRefresh();
}

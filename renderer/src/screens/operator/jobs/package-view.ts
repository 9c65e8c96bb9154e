/**
 * What the package screen shows, decided outside the components (no string literals in .tsx; see
 * renderer/README.md): the screen's mode from the job and its progress, and the technical names
 * that stay the same in every language (the Cyrillic locales take them as arguments).
 */
import type { PackageFormat, PackageLayout, PackageProgress } from '@contract/index.js';
import type { JobMeta } from '../../../stores/jobs/context.js';
import { isPackaging, type PackageStep } from '../../../stores/jobs/package.js';

export const FORMAT_NAMES: Record<PackageFormat, string> = {
  mets: 'METS',
  alto: 'ALTO',
  pdf: 'PDF',
  iiif: 'IIIF',
  bagit: 'BagIt',
};
export const TECH_NAMES = {
  goobi: 'Goobi',
  bagit: 'BagIt',
  pdf: 'PDF',
  pdfa: 'PDF/A',
  tiff: 'TIFF',
  jpeg: 'JPEG',
  iiif: 'IIIF',
  mets: 'METS',
  /** The placeholder the station replaces with the package's name; ICU would read it as an argument. */
  placeholder: '{id}',
} as const;

export const LAYOUT_ARGS: Record<PackageLayout, Record<string, string>> = {
  bag: { bagit: TECH_NAMES.bagit },
  goobi: { goobi: TECH_NAMES.goobi },
};

/** The OCR languages named in the locale files; others are named by Intl, or by their code. */
export const NAMED_OCR_LANGUAGES = ['uzb', 'uzb_cyrl', 'rus', 'kaz', 'eng'] as const;
export type NamedOcrLanguage = (typeof NAMED_OCR_LANGUAGES)[number];

export function isNamedOcrLanguage(code: string): code is NamedOcrLanguage {
  return (NAMED_OCR_LANGUAGES as readonly string[]).includes(code);
}

/** A Tesseract language's name from the browser's own data, in the operator's language; else its code. */
export function intlLanguageName(code: string, language: string): string {
  const base = code.split('_')[0] ?? code;
  try {
    const name = new Intl.DisplayNames([language], { type: 'language', fallback: 'none' }).of(base);
    return name ?? code;
  } catch {
    return code;
  }
}

/**
 * - `notReady`: not reviewed yet; `ready`: the choices and Package;
 * - `running`: the core is packaging; `done`: packaged;
 * - `failed` / `cancelled`: said, then the choices again.
 */
export type PackageMode = 'notReady' | 'ready' | 'running' | 'done' | 'failed' | 'cancelled';

export function packageMode(
  job: Pick<JobMeta, 'state' | 'failedFrom' | 'allowedTransitions'>,
  progress: PackageProgress | null,
): PackageMode {
  if (isPackaging(progress?.phase) || job.state === 'packaging') return 'running';
  if (job.state === 'packaged' || progress?.phase === 'done') return 'done';
  const canStart = job.state === 'reviewed' || job.allowedTransitions.includes('packaging');
  if (!canStart) return 'notReady';
  if (progress?.phase === 'failed' || (job.state === 'failed' && job.failedFrom === 'packaging'))
    return 'failed';
  if (progress?.phase === 'cancelled') return 'cancelled';
  return 'ready';
}

export const MODE = {
  notReady: 'notReady',
  ready: 'ready',
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
} as const satisfies Record<PackageMode, PackageMode>;

/** Whether the header's Package tab leads anywhere: the job is reviewed or has a package. */
export function canOpenPackage(job: Pick<JobMeta, 'state' | 'failedFrom' | 'allowedTransitions'>): boolean {
  return packageMode(job, null) !== 'notReady';
}

export const STOPPING = 'cancel' as const;
export const QUEUED = 'queued' as const;
/** Where "Open the PDF" stands (the store's `packagePdf`). */
export const PDF_OPENING = 'opening' as const;
export const PDF_ON_DESKTOP = 'desktop' as const;
export const PDF_IN_TAB = 'tab' as const;

/** A bar's value: none (an indeterminate bar) for the current phase before it counts pages. */
export function stepValue(step: PackageStep): number | undefined {
  return step.state === 'current' && step.total === 0 ? undefined : step.done;
}

/** Only the current phase says its pages done of all. */
export function showsPages(step: PackageStep): boolean {
  return step.state === 'current' && step.total > 0;
}

/** Between a part's name and its pages, and before its printed label. */
export const TOC_SEPARATOR = ' · ';
export const TOC_GAP = ' ';

import type { CropBox, QcFlag, QcMetrics } from '../../contract/digitization-types.js';

/**
 * The messages between the pipeline (main thread) and its workers. Paths are absolute; images
 * travel as bytes only when they are not on disk yet (a capture being stored).
 */

export interface StoreInput {
  /** Absolute final path of the master. */
  target: string;
  data: Uint8Array;
}

export interface StoreOutput {
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  /** Dots per inch recorded in the image, if any. */
  density: number | null;
}

export interface DerivativeSizes {
  /** Long edge of the viewing copy, in pixels. */
  viewLongEdge: number;
  viewQuality: number;
  /** Long edge of the thumbnail, in pixels. */
  thumbLongEdge: number;
  thumbQuality: number;
}

export interface QcThresholds {
  /** Laplacian energy over gradient energy (see qc-measure.ts) below which a page is blurred. */
  blurBelow: number;
  /** Share of ink pixels below which a page is blank. */
  blankInkBelow: number;
  /** Standard deviation (0..255) below which a page is blank whatever its ink. */
  blankStdDevBelow: number;
  /** Skew in degrees (either way) above which a page is flagged. */
  skewAbove: number;
  /** A page scanned below this share of the profile's resolution is flagged. */
  resolutionTolerance: number;
}

export interface DeriveInput {
  master: string;
  view: string;
  thumb: string;
  sizes: DerivativeSizes;
  qc: QcThresholds;
  /** The page's resolution as the scanner reported it; else the image's own density is used. */
  resolution: number | null;
  /** The job profile's resolution, which the page is checked against. */
  expectedResolution: number | null;
  /**
   * The page's crop box (master pixels, orientation tag applied, before the page's rotation):
   * derivatives and quality control show only what it keeps. Absent or null: the whole master.
   * The page's rotation is not applied here; the screens turn the derivatives.
   */
  crop?: CropBox | null;
}

export interface MadeDerivative {
  width: number;
  height: number;
  bytes: number;
}

export interface DeriveProgress {
  view: MadeDerivative;
  thumb: MadeDerivative;
}

export interface DeriveOutput extends DeriveProgress {
  flags: QcFlag[];
  metrics: QcMetrics;
}

/** Each task: what goes in, what it reports along the way, what comes out. */
export type PipelineTasks = {
  store: { input: StoreInput; progress: never; output: StoreOutput };
  derive: { input: DeriveInput; progress: DeriveProgress; output: DeriveOutput };
};

export type TaskMap = Record<string, { input: unknown; progress: unknown; output: unknown }>;

export interface TaskMessage {
  id: number;
  kind: string;
  input: unknown;
}

export interface SerializedError {
  name: string;
  message: string;
  /** A DigitizationError's reason, so the main thread can rethrow it typed. */
  reason?: string;
  /** A file-system error's errno code (ENOSPC, EIO…): the disk's trouble, not the image's. */
  code?: string;
  /** The file or folder a file-system error was about. */
  path?: string;
}

export type WorkerMessage =
  | { id: number; type: 'progress'; data: unknown }
  | { id: number; type: 'done'; result: unknown }
  | { id: number; type: 'error'; error: SerializedError };

/**
 * The digitization domain's shapes as the screens and the contract see them. Plain types only, so
 * index.ts (which the renderer imports) can use them without pulling in Node.
 */
import type { BibRecord, CatalogQuery } from './catalog-types.js';
import type { ContractError } from './errors.js';

/**
 * A job's lifecycle, in the order a book normally moves through it; `failed` and `rejected` are the
 * error states an operator acts on. The allowed moves are in jobs/lifecycle.ts.
 */
export const JOB_STATES = [
  'created',
  'capturing',
  'captured',
  'reviewed',
  'packaging',
  'packaged',
  'queued',
  'delivering',
  'delivered',
  'failed',
  'rejected',
] as const;
export type JobState = (typeof JOB_STATES)[number];

/** What a page is, for the METS logical structure and for numbering (see pages/page-types.ts). */
export const PAGE_TYPES = [
  'normal',
  'cover',
  'title',
  'copyright',
  'preface',
  'contents',
  'chapter',
  'illustration',
  'foldout',
  'index',
  'appendix',
  'blank',
  'tissue',
  'colour_card',
  'white_card',
] as const;
export type PageType = (typeof PAGE_TYPES)[number];

export const PAGE_SIDES = ['recto', 'verso'] as const;
export type PageSide = (typeof PAGE_SIDES)[number];
export type Rotation = 0 | 90 | 180 | 270;

/** A crop rectangle in pixels of the master as displayed (its own orientation tag applied), before the page's rotation. */
export interface CropBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type MasterFormat = 'tiff' | 'png' | 'jpeg';

/**
 * What quality control found on a page's current master.
 * - `blur`: edges are soft (the Laplacian is weak for the page's gradients)
 * - `blank`: almost no ink (may be expected: a verso left blank)
 * - `skew`: the text lines lean more than the allowed angle
 * - `resolution_low`: scanned below the job's profile; `resolution_unknown`: nobody said
 * - `unreadable`: the master could not be decoded
 */
export const QC_FLAGS = [
  'blur',
  'blank',
  'skew',
  'resolution_low',
  'resolution_unknown',
  'unreadable',
] as const;
export type QcFlag = (typeof QC_FLAGS)[number];

export interface QcMetrics {
  /** Laplacian energy over gradient energy on the 1600-pixel grey copy: low when edges are soft. */
  sharpness: number;
  /** Share of pixels dark enough to be ink, 0..1. */
  inkRatio: number;
  /** Standard deviation of the grey image, 0..255. */
  stdDev: number;
  /** Estimated skew in degrees, clockwise positive; null when the page has too little ink to tell. */
  skewDegrees: number | null;
  /** Dots per inch the page was scanned at, when known. */
  resolution: number | null;
}

export interface PageQc {
  flags: QcFlag[];
  metrics: QcMetrics | null;
  at: string;
}

/**
 * Page labels are numbered from a rule, never by hand: pages up to and including
 * `frontMatterEndsAt` get roman numerals, pages after it arabic ones. The rule names a page, not
 * a position, so it follows that page through reorders, inserts and deletes.
 */
export interface NumberingRule {
  /** The last page of the front matter; null when the book has none (all arabic). */
  frontMatterEndsAt: number | null;
  /** The front matter's first number (1 = i). */
  romanStart: number;
  /** The body's first number. */
  arabicStart: number;
}

export interface MasterInfo {
  id: number;
  /** Relative to the data directory, with forward slashes. */
  path: string;
  sha256: string;
  bytes: number;
  format: MasterFormat;
  width: number;
  height: number;
  resolution: number | null;
  capturedAt: string;
}

export interface DerivativeInfo {
  /** Relative to the data directory. A new master gets new names, so caches never show a stale image. */
  path: string;
  width: number;
  height: number;
}

export type DerivativeState = 'pending' | 'ready' | 'failed';

export interface PageInfo {
  id: number;
  jobId: number;
  /** 1..n among the job's pages. */
  sequence: number;
  type: PageType;
  /** What the page is called: the hand-set label if any, else the numbering rule's. */
  label: string | null;
  /** Set by hand (relabel); overrides the numbering rule. */
  manualLabel: string | null;
  /** From the job's numbering rule. */
  autoLabel: string | null;
  side: PageSide;
  /** Clockwise degrees the screens and the packages apply to the master, which stays as captured. */
  rotation: Rotation;
  crop: CropBox | null;
  master: MasterInfo;
  derivatives: DerivativeState;
  derivativesError: string | null;
  view: DerivativeInfo | null;
  thumb: DerivativeInfo | null;
  /** Null until quality control has run on the current master. */
  qc: PageQc | null;
}

export type QcCounts = Partial<Record<QcFlag, number>>;

/**
 * Where a job's catalog record stands:
 * - `none`: no lookup wanted (the record was picked or typed, or the operator went on without one);
 * - `pending`: no source answered yet; retried in the background;
 * - `choose`: the lookup found several records: the operator picks one;
 * - `found`: the record is the job's;
 * - `not_found`: the sources answered and know no such book: search otherwise or type it.
 */
export const LOOKUP_STATES = ['none', 'pending', 'choose', 'found', 'not_found'] as const;
export type LookupState = (typeof LOOKUP_STATES)[number];

export interface JobSummary {
  id: number;
  itemBarcode: string;
  /** From the catalog record (title and first creator), so every list and header names the book. */
  title: string | null;
  author: string | null;
  lookup: LookupState;
  state: JobState;
  /** When `failed`: the step that failed, which a retry returns to. */
  failedFrom: JobState | null;
  pageCount: number;
  /** Pages whose current master has each flag. */
  qcCounts: QcCounts;
  /** Pages with at least one flag. */
  flaggedPages: number;
  /** Pages whose viewing copy and thumbnail are not made yet. */
  pendingPages: number;
  createdAt: string;
  updatedAt: string;
}

export interface JobEvent {
  id: number;
  from: JobState | null;
  to: JobState;
  note: string | null;
  at: string;
}

export type OperationKind =
  | 'reorder'
  | 'delete'
  | 'insert'
  | 'rescan'
  | 'relabel'
  | 'rotate'
  | 'crop'
  | 'numbering';

/** The operation `undo` would revert next. */
export interface UndoInfo {
  kind: OperationKind;
  at: string;
}

/** A job's pages after an operation: sequences and labels of all pages may have moved. */
export interface JobPages {
  jobId: number;
  numbering: NumberingRule | null;
  pages: PageInfo[];
  undo: UndoInfo | null;
}

export interface JobDetail extends JobSummary, Omit<JobPages, 'jobId'> {
  /** The scan profile the job was created with, as given. */
  profile: JobProfile;
  /** The catalog record, once picked, filled by a lookup, or typed. */
  catalogRecord: BibRecord | null;
  /** The job's lookup: its query, what it found to choose from, and why it is still pending. */
  lookupDetail: JobLookup;
  /** The OCR languages the record suggests (Tesseract names, Uzbek by the title's script); empty: none known. */
  ocrLanguages: string[];
  events: JobEvent[];
  /** Where `transition` may take the job from its current state. */
  allowedTransitions: JobState[];
  /** Whether pages may be captured and edited in the current state. */
  editable: boolean;
}

/**
 * The scan profile stored with a job, as JSON. Only `resolution` is read here (quality control
 * compares each page against it); the rest travels to packaging as it is.
 */
export interface JobProfile {
  resolution?: number;
  [key: string]: unknown;
}

/** A job's catalog lookup as kept with the job, so it survives restarts. */
export interface JobLookup {
  state: LookupState;
  query: CatalogQuery | null;
  candidates: BibRecord[];
  /** Tries so far, and when the next background try is due (pending only). */
  attempts: number;
  nextAttemptAt: string | null;
  /** Why the last try did not answer (a source down, a timeout). */
  lastError: ContractError | null;
}

export interface CreateJobInput {
  itemBarcode: string;
  profile: JobProfile;
  catalogRecord?: BibRecord | null;
  /** Without a record: the lookup to run in the background. */
  lookup?: CatalogQuery | null;
}

/**
 * A page image as a scanner delivers it. The scanner layer's `ScannedPage` fits this shape.
 * Width and height of 0 mean "unknown": they are read from the image.
 */
export interface CapturedImage {
  data: Uint8Array;
  mimeType?: string;
  width?: number;
  height?: number;
  /** Dots per inch; when absent the image's own density is used, if it has one. */
  resolution?: number;
  mode?: string;
}

export interface CaptureOptions {
  type?: PageType;
  /** By default: recto for odd sequences, verso for even ones. */
  side?: PageSide;
}

export type InsertWhere = 'before' | 'after';

export interface RelabelChange {
  type?: PageType;
  /** A string sets a hand label; null returns the pages to the numbering rule; absent leaves it. */
  label?: string | null;
  side?: PageSide;
}

export interface JobFilter {
  states?: JobState[];
  itemBarcode?: string;
}

/** Events the screens follow; the contract forwards them. */
export interface DigitizationEvents {
  /** A page's master is on disk and recorded: the screen may show it (thumbnail still coming). */
  'page.captured': { jobId: number; pageId: number; sequence: number; masterId: number };
  /** The viewing copy and thumbnail of a master are ready. */
  'page.derivatives': { jobId: number; pageId: number; masterId: number; view: string; thumb: string };
  /** Quality control finished for a master. */
  'page.qc': { jobId: number; pageId: number; masterId: number; flags: QcFlag[] };
  /** Derivatives or quality control failed: shown, never silent. */
  'page.failed': { jobId: number; pageId: number; masterId: number; message: string };
  /** Pages were reordered, deleted, inserted, relabelled… or an operation was undone. */
  'job.pages': { jobId: number; operation: OperationKind; undone: boolean };
  'job.state': { jobId: number; from: JobState; to: JobState; note: string | null };
  /** A job's record or lookup changed: a background lookup answered, or the operator picked a record. */
  'job.record': { jobId: number; lookup: LookupState; title: string | null; author: string | null };
  /** A job was deleted (by staff) with its files. */
  'job.deleted': { jobId: number };
}

/**
 * Why a scan failed, in the terms an operator acts on:
 * - `jammed`: paper jam in the feeder; clear it and rescan from the first missing page;
 * - `cover_open`: a cover, lid or feeder door is open;
 * - `no_documents`: the feeder is empty (a batch that already delivered pages ends normally instead);
 * - `busy`: the scanner is in use (by us or someone else) or warming up; try again shortly;
 * - `io`: the connection to the scanner failed (USB unplugged, network down, device error);
 * - `cancelled`: the scan was cancelled;
 * - `unavailable`: no such scanner, no access to it, or no driver here (SANE not built);
 * - `unsupported`: the scanner cannot do what the profile asks (an ADF on a flatbed-only device);
 * - `protocol`: the scanner answered in a way the driver does not understand.
 */
export const SCANNER_ERROR_CODES = [
  'jammed',
  'cover_open',
  'no_documents',
  'busy',
  'io',
  'cancelled',
  'unavailable',
  'unsupported',
  'protocol',
] as const;
export type ScannerErrorCode = (typeof SCANNER_ERROR_CODES)[number];

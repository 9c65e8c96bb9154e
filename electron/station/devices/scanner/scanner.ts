import type { ScanProfile, ScanProfileInput } from './profile.js';

export type ScanSource = 'flatbed' | 'adf';
export type ColorMode = 'color' | 'gray' | 'lineart';
export type ScannerDriver = 'sane' | 'escl' | 'camera';

export interface ScannerCapabilities {
  sources: ScanSource[];
  modes: ColorMode[];
  /** Resolutions in dpi. For a scanner with a continuous range, the usual steps inside it. */
  resolutions: number[];
  /** Present when the scanner takes any resolution in a range. */
  resolutionRange?: { min: number; max: number; step: number };
  /** The largest area the scanner covers, when it says. */
  maxArea?: { widthMm: number; heightMm: number };
  /** MIME types of the images pages arrive as. */
  formats: string[];
}

export interface ScannedPage {
  /** 1, 2, 3… in the order the scanner delivered them within one `scan()`. */
  sequence: number;
  /** The image as delivered: PNG for SANE (raw frames encoded here), JPEG/PNG/PDF from eSCL. */
  data: Buffer;
  mimeType: string;
  /** Pixels; 0 when the format does not say without decoding it (PDF). */
  width: number;
  height: number;
  /** Dots per inch the page was scanned at. */
  resolution: number;
  mode: ColorMode;
  source: ScanSource;
}

export interface ScanProgress {
  /** The page being transferred (not yet delivered). */
  sequence: number;
  bytes: number;
  /** When the scanner announced the size in advance. */
  expectedBytes?: number;
}

/**
 * Receives each page as soon as it is complete. The scanner waits for the returned promise before
 * it fetches the next page, so a slow consumer (writing to disk) holds the feeder back rather than
 * piling pages up in memory.
 */
export type PageHandler = (page: ScannedPage) => void | Promise<void>;

export interface ScanEvents {
  onProgress?: (progress: ScanProgress) => void;
  /** Aborting is the same as `cancel()`. */
  signal?: AbortSignal;
}

export interface ScanResult {
  pages: number;
}

/**
 * A document scanner, whatever speaks to it (SANE, eSCL, later cameras). One scan at a time.
 *
 * `scan()` resolves when the platen page is done or the feeder is empty. It rejects with a
 * `ScannerError` (jammed, cover_open, no_documents, busy, io, cancelled, unavailable, unsupported,
 * protocol) whose `pagesDelivered` counts the pages `onPage` already received; those are complete.
 * An invalid profile rejects with zod's error, which names the field; an error thrown by `onPage`
 * stops the scan and rejects unchanged.
 */
export interface Scanner {
  /** `sane:<SANE device name>` or `escl:<base URL>`. */
  readonly id: string;
  readonly driver: ScannerDriver;
  capabilities(): Promise<ScannerCapabilities>;
  scan(
    profile: ScanProfile | ScanProfileInput,
    onPage: PageHandler,
    events?: ScanEvents,
  ): Promise<ScanResult>;
  /** Stops the scan in progress; it rejects with `cancelled`. Harmless when idle. */
  cancel(): void;
  close(): Promise<void>;
}

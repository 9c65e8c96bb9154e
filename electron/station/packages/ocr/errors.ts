import type { ErrorCode } from '../../contract/index.js';
import { StationError } from '../../errors.js';

/** What can go wrong running OCR; stable codes the screens and the CLI may rely on. */
export const OCR_ERROR_CODES = [
  /** No Tesseract binary: install `tesseract-ocr` (or point BITIG_TESSERACT at one). */
  'OCR_UNAVAILABLE',
  /** A language the job asks for has no model installed: the message names the Debian package. */
  'OCR_LANGUAGE_MISSING',
  /** Tesseract exited non-zero, or the image is not one it can read: the message is what it said. */
  'OCR_FAILED',
  /** The job's OCR was cancelled: its running page killed, its queued pages dropped. */
  'OCR_CANCELLED',
] as const;
export type OcrErrorCode = (typeof OCR_ERROR_CODES)[number];

export class OcrError extends StationError {
  constructor(
    readonly reason: OcrErrorCode,
    message: string,
    /** For OCR_LANGUAGE_MISSING: the models missing and the Debian packages that bring them. */
    readonly missing?: { languages: string[]; packages: string[] },
  ) {
    // OCR_ERROR_CODES join the contract's ERROR_CODES at merge; the cast only bridges the two lists.
    super(reason as unknown as ErrorCode, message);
    this.name = 'OcrError';
  }
}

export function ocrCancelled(what = 'OCR'): OcrError {
  return new OcrError('OCR_CANCELLED', `${what} was cancelled.`);
}

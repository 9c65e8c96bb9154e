import type { PackagingErrorCode } from '../../contract/errors.js';
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
export type OcrErrorCode = (typeof OCR_ERROR_CODES)[number] & PackagingErrorCode;

export class OcrError extends StationError {
  constructor(
    readonly reason: OcrErrorCode,
    message: string,
    /** For OCR_LANGUAGE_MISSING: the models missing and the Debian packages that bring them. */
    readonly missing?: { languages: string[]; packages: string[] },
  ) {
    super(reason, message);
    this.name = 'OcrError';
  }
}

export function ocrCancelled(what = 'OCR'): OcrError {
  return new OcrError('OCR_CANCELLED', `${what} was cancelled.`);
}

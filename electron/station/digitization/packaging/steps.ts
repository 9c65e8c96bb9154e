import path from 'node:path';
import { buildManifest } from '../../packages/iiif/index.js';
import { writePdf } from '../../packages/pdf/index.js';
import { assemble } from './assemble.js';
import type { PackageSteps } from './packager.js';
import { straighten } from './straighten.js';

/** OCR of one page as the packager needs it; bound to the packages room's Tesseract engine. */
export interface PageOcr {
  recognize(
    image: string,
    options: { languages: string[]; outBase: string; fileName: string; signal?: AbortSignal },
  ): Promise<{ alto: string; textPdf: string; words: number }>;
}

/** The packager's steps, bound to the packages room's writers. */
export function packageSteps(context: {
  ocr: () => Promise<PageOcr>;
  agent: string;
  timeZone: () => string;
  now?: () => Date;
}): PackageSteps {
  return {
    images: (page, { master, capturedThumb }, dir) => straighten(page, master, dir, capturedThumb),
    ocr: async (image, outBase, languages, signal) =>
      (await context.ocr()).recognize(image, {
        languages,
        outBase,
        fileName: path.basename(image),
        signal,
      }),
    assemble: (plan, signal, onProgress) =>
      assemble(
        plan,
        { writePdf, buildManifest },
        { agent: context.agent, timeZone: context.timeZone(), now: context.now?.() ?? new Date() },
        signal,
        onProgress,
      ),
  };
}

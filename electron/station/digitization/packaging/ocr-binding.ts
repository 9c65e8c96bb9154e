import path from 'node:path';
import type { OcrStatus } from '../../contract/packaging.js';
import { OcrPool } from '../../packages/ocr/ocr-pool.js';
import { findTesseract } from '../../packages/ocr/tesseract.js';
import type { OcrAvailability } from './packaging-service.js';
import type { PageOcr } from './steps.js';

/**
 * The station's OCR: Tesseract found when first needed (and looked for again when it was not
 * there: it may have been installed since), pages run in one bounded pool so OCR never takes the
 * core capture needs. A job's pages share a key (their folder): stopping the job stops them all.
 */
export function stationOcr(): OcrAvailability & {
  pages: () => Promise<PageOcr>;
  hold: () => () => void;
  pool: () => OcrPool;
} {
  let pool: OcrPool | null = null;
  return {
    /** Capture is running: OCR yields (see OcrPool.hold); nothing to hold before the first OCR. */
    hold: () => pool?.hold() ?? (() => {}),
    /** The station's one pool (made on first use). */
    pool: () => {
      pool ??= new OcrPool();
      return pool;
    },
    async status(): Promise<OcrStatus> {
      try {
        const t = await findTesseract({ refresh: true });
        return { available: true, version: t.version, languages: t.languages };
      } catch {
        return { available: false, version: null, languages: [] };
      }
    },
    async pages(): Promise<PageOcr> {
      const tesseract = await findTesseract();
      pool ??= new OcrPool();
      const running = pool;
      return {
        recognize: async (image, { languages, outBase, fileName, signal }) => {
          const key = path.dirname(outBase);
          const stop = () => running.cancel(key);
          signal?.addEventListener('abort', stop, { once: true });
          try {
            return await running.recognize(key, image, {
              languages,
              outBase,
              imageName: fileName,
              tesseract,
            });
          } finally {
            signal?.removeEventListener('abort', stop);
          }
        },
      };
    },
  };
}

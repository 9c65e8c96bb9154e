import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { OcrError } from '../../../electron/station/packages/ocr/errors.js';
import { OcrPool } from '../../../electron/station/packages/ocr/ocr-pool.js';
import type { OcrResult, RecognizeOptions } from '../../../electron/station/packages/ocr/tesseract.js';

/** A stand-in engine: each page waits until the test finishes it, or until it is aborted. */
function fakeEngine() {
  const running = new Map<string, { finish: (words: number) => void; signal: AbortSignal }>();
  const started: string[] = [];
  let pid = 1000;
  const recognize = (image: string, options: RecognizeOptions): Promise<OcrResult> =>
    new Promise((resolve, reject) => {
      started.push(image);
      options.onSpawn?.(pid++);
      const signal = options.signal!;
      signal.addEventListener('abort', () => {
        running.delete(image);
        reject(new OcrError('OCR_CANCELLED', 'killed'));
      });
      running.set(image, {
        signal,
        finish: (words) => {
          running.delete(image);
          resolve({ alto: `${options.outBase}.xml`, textPdf: `${options.outBase}.pdf`, words });
        },
      });
    });
  return { recognize, running, started };
}

const opts = { languages: ['rus'], outBase: '/tmp/none' };
const settled = (p: Promise<unknown>) =>
  p.then(
    (v) => ({ ok: true, v }),
    (e: unknown) => ({ ok: false, e }),
  );

describe('OcrPool', () => {
  it('keeps a core for capture by default', () => {
    expect(new OcrPool().size).toBe(Math.max(1, os.availableParallelism() - 1));
    expect(new OcrPool({ size: 0 }).size).toBe(1);
  });

  it('runs at most N pages, first come first served, and is idle when all are done', async () => {
    const engine = fakeEngine();
    const pool = new OcrPool({ size: 2, recognize: engine.recognize });
    const progress: string[] = [];
    const pages = ['a', 'b', 'c', 'd'].map((image) =>
      pool.recognize(1, image, { ...opts, onProgress: (p) => progress.push(`${image}:${p.state}`) }),
    );
    expect(engine.started).toEqual(['a', 'b']);
    expect([pool.running, pool.queued]).toEqual([2, 2]);
    let idle = false;
    void pool.idle().then(() => {
      idle = true;
    });
    engine.running.get('b')!.finish(5);
    await pages[1];
    expect(engine.started).toEqual(['a', 'b', 'c']);
    engine.running.get('a')!.finish(3);
    engine.running.get('c')!.finish(4);
    await Promise.all(pages.slice(0, 3));
    expect(engine.started).toEqual(['a', 'b', 'c', 'd']);
    expect(idle).toBe(false);
    engine.running.get('d')!.finish(1);
    expect((await Promise.all(pages)).map((r) => r.words)).toEqual([3, 5, 4, 1]);
    await pool.idle();
    expect(idle).toBe(true);
    expect(progress.filter((p) => p.startsWith('c:'))).toEqual(['c:queued', 'c:running', 'c:done']);
    expect(progress.filter((p) => p.startsWith('a:'))).toEqual(['a:running', 'a:done']);
  });

  it("cancels one job's pages, running and queued, with OCR_CANCELLED; the other job's go on", async () => {
    const engine = fakeEngine();
    const pool = new OcrPool({ size: 1, recognize: engine.recognize });
    const job1 = ['a', 'b', 'c'].map((image) => settled(pool.recognize(1, image, opts)));
    const job2 = pool.recognize(2, 'x', opts);
    const signal = engine.running.get('a')!.signal;
    expect(pool.cancel(1)).toBe(3);
    expect(signal.aborted).toBe(true);
    for (const r of await Promise.all(job1)) {
      expect(r.ok).toBe(false);
      expect(((r as { e: OcrError }).e as OcrError).code).toBe('OCR_CANCELLED');
    }
    await Promise.resolve();
    expect(engine.started).toEqual(['a', 'x']);
    engine.running.get('x')!.finish(7);
    expect((await job2).words).toBe(7);
    expect(pool.cancel(1)).toBe(0);
    await pool.idle();
  });

  it('passes an engine failure on to its page only', async () => {
    const pool = new OcrPool({
      size: 1,
      recognize: async (image) => {
        if (image === 'bad') throw new OcrError('OCR_FAILED', 'pix not read');
        return { alto: 'a', textPdf: 'p', words: 1 };
      },
    });
    const [bad, good] = await Promise.all([
      settled(pool.recognize(1, 'bad', opts)),
      settled(pool.recognize(1, 'good', opts)),
    ]);
    expect((bad as { e: OcrError }).e.code).toBe('OCR_FAILED');
    expect(good.ok).toBe(true);
  });
});

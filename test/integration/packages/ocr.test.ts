import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrError } from '../../../electron/station/packages/ocr/errors.js';
import { OcrPool, type OcrProgress } from '../../../electron/station/packages/ocr/ocr-pool.js';
import {
  findTesseract,
  type OcrResult,
  recognize,
  type Tesseract,
  tesseractBinary,
} from '../../../electron/station/packages/ocr/tesseract.js';
import { keyWordsFound, renderPage, SAMPLES, sharedDir } from './helpers/ocr-pages.js';

/**
 * OCR through the system's Tesseract on pages of known text (Russian, Kazakh, Uzbek in both
 * scripts) set in Noto fonts: the words found, ALTO 4.4 valid against the official XSD, the text
 * PDF page, the errors a station shows, and the pool that runs the pages.
 */

function has(program: string, flag = '--version'): boolean {
  return spawnSync(program, [flag], { stdio: 'ignore' }).status === 0;
}
const missingTesseract = (() => {
  try {
    tesseractBinary();
    return null;
  } catch {
    return 'tesseract is not installed (Debian: tesseract-ocr)';
  }
})();
const shared = sharedDir();
const skipXsd = !has('xmllint')
  ? 'xmllint is not installed (Debian: libxml2-utils)'
  : !shared
    ? 'the shared folder (../shared) with the ALTO XSD is not beside the repository'
    : null;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-ocr-'));
const pages = new Map<string, string>();
const results = new Map<string, OcrResult>();
let tesseract: Tesseract;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

async function fails(run: Promise<unknown>): Promise<OcrError> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof OcrError)) throw new Error(`expected an OcrError, got ${String(err)}`);
  return err;
}

function contents(alto: string): string[] {
  return [...alto.matchAll(/\bCONTENT="([^"]*)"/g)].map((m) => m[1]!);
}

describe.skipIf(missingTesseract !== null)(
  `OCR with Tesseract${missingTesseract ? ` (skipped: ${missingTesseract})` : ''}`,
  // A page takes 1–3 s on one core; a loaded CI machine may take several times that.
  { timeout: 90_000 },
  () => {
    beforeAll(async () => {
      tesseract = await findTesseract();
      const missing = SAMPLES.flatMap((s) => s.languages).filter((l) => !tesseract.languages.includes(l));
      if (missing.length) throw new Error(`these tests need the models ${missing.join(', ')}`);
      for (const sample of SAMPLES)
        pages.set(sample.name, await renderPage(sample, path.join(dir, 'pages', `${sample.name}.png`)));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('finds the binary, its version and its models', () => {
      expect(tesseract.version).toMatch(/^\d+\.\d+/);
      expect(tesseract.languages).toEqual(expect.arrayContaining(['eng', 'rus', 'kaz', 'uzb', 'uzb_cyrl']));
    });

    describe.each(SAMPLES)('a $name page', (sample) => {
      it(`reads at least 80% of the key words (${sample.languages.join('+')}, ${sample.font})`, async () => {
        const started = performance.now();
        const result = await recognize(pages.get(sample.name)!, {
          languages: sample.languages,
          outBase: path.join(dir, 'out', sample.name),
          imageName: `images/${sample.name}.png`,
          tesseract,
        });
        const ms = Math.round(performance.now() - started);
        results.set(sample.name, result);
        const alto = fs.readFileSync(result.alto, 'utf8');
        const { found, missed } = keyWordsFound(alto, sample.keyWords);
        console.log(
          `${sample.name}: ${found.length}/${sample.keyWords.length} key words, ${result.words} words in ${ms} ms` +
            (missed.length ? `; missed ${missed.join(' ')}` : ''),
        );
        expect(found.length / sample.keyWords.length).toBeGreaterThanOrEqual(0.8);
        expect(result.words).toBeGreaterThan(sample.keyWords.length);
        expect(fs.readFileSync(result.textPdf).subarray(0, 5).toString()).toBe('%PDF-');
      });
    });

    it('Uzbek Latin comes out without a Cyrillic letter (sub-languages off), with ʻ and ʼ as Uzbek writes them', () => {
      const alto = fs.readFileSync(results.get('uzbek-latin')!.alto, 'utf8');
      const words = contents(alto);
      expect(words.filter((w) => CYRILLIC.test(w))).toEqual([]);
      // Tesseract reads the marks as ' (U+0027): none is left, and oʻ, gʻ, ʼ are there.
      expect(words.filter((w) => /&#39;|['`‘’]/.test(w))).toEqual([]);
      expect(alto).toContain('oʻ');
      expect(alto).toContain('Gʻ');
      expect(alto).toContain('ʼ');
    });

    it('Uzbek Cyrillic comes out without a Latin letter', () => {
      const words = contents(fs.readFileSync(results.get('uzbek-cyrillic')!.alto, 'utf8'));
      expect(words.filter((w) => LATIN.test(w))).toEqual([]);
    });

    it.skipIf(!has('pdftotext', '-v'))(
      'the text PDF page holds the same words, Uzbek apostrophes normalised',
      () => {
        const text = execFileSync('pdftotext', [results.get('uzbek-latin')!.textPdf, '-'], {
          encoding: 'utf8',
        });
        expect(text).toContain('Respublikasi'.slice(0, 0) || 'kutubxonasi');
        expect(text).toMatch(/oʻ|Oʻ/);
        expect(text).not.toMatch(/[A-Za-z]'[A-Za-z]/);
        if (has('qpdf')) {
          const check = spawnSync('qpdf', ['--check', results.get('uzbek-latin')!.textPdf], {
            encoding: 'utf8',
          });
          expect(check.status, check.stdout + check.stderr).toBe(0);
        }
      },
    );

    it.skipIf(skipXsd !== null)(
      `the ALTO is ALTO 4.4 and validates against the official XSD${skipXsd ? ` (skipped: ${skipXsd})` : ''}`,
      () => {
        const schemas = path.join(shared!, 'schemas');
        for (const sample of SAMPLES) {
          const file = results.get(sample.name)!.alto;
          const alto = fs.readFileSync(file, 'utf8');
          expect(alto).toContain('xmlns="http://www.loc.gov/standards/alto/ns-v4#"');
          expect(alto).toContain(`<fileName>images/${sample.name}.png</fileName>`);
          expect(alto).toContain(`<softwareVersion>${tesseract.version}</softwareVersion>`);
          expect(alto).toContain(`languages: ${sample.languages.join('+')}`);
          const lint = spawnSync(
            'xmllint',
            ['--nonet', '--noout', '--schema', path.join(schemas, 'alto-4-4.xsd'), file],
            {
              encoding: 'utf8',
              env: { ...process.env, XML_CATALOG_FILES: path.join(schemas, 'catalog.xml') },
            },
          );
          expect(lint.status, lint.stderr).toBe(0);
          expect(lint.stderr).toContain('validates');
        }
      },
    );

    it('a language without a model is OCR_LANGUAGE_MISSING, naming the Debian package', async () => {
      const absent = ['tgk', 'kir', 'tuk', 'aze', 'uzb_cyrl'].find((l) => !tesseract.languages.includes(l))!;
      const err = await fails(
        recognize(pages.get('russian')!, {
          languages: ['rus', absent],
          outBase: path.join(dir, 'out', 'missing'),
        }),
      );
      expect(err.code).toBe('OCR_LANGUAGE_MISSING');
      expect(err.missing).toEqual({
        languages: [absent],
        packages: [`tesseract-ocr-${absent.replace('_', '-')}`],
      });
      expect(err.message).toContain(`tesseract-ocr-${absent.replace('_', '-')}`);
      expect(fs.existsSync(path.join(dir, 'out', 'missing.xml'))).toBe(false);
    });

    it('no Tesseract is OCR_UNAVAILABLE, saying to install tesseract-ocr', async () => {
      const none = await fails(Promise.resolve().then(() => findTesseract({ env: { PATH: dir } })));
      expect(none.code).toBe('OCR_UNAVAILABLE');
      expect(none.message).toContain('tesseract-ocr');
      const wrong = await fails(
        Promise.resolve().then(() => findTesseract({ env: { BITIG_TESSERACT: path.join(dir, 'nothing') } })),
      );
      expect(wrong.code).toBe('OCR_UNAVAILABLE');
    });

    it('a corrupt image is OCR_FAILED with what Tesseract said, and leaves no output behind', async () => {
      const truncated = path.join(dir, 'truncated.png');
      fs.writeFileSync(truncated, fs.readFileSync(pages.get('russian')!).subarray(0, 600));
      const err = await fails(
        recognize(truncated, { languages: ['rus'], outBase: path.join(dir, 'out', 'truncated'), tesseract }),
      );
      console.log(`truncated PNG: ${err.message}`);
      expect(err.code).toBe('OCR_FAILED');
      expect(err.message).toMatch(/truncated\.png: \S/);
      expect(fs.readdirSync(path.join(dir, 'out')).filter((f) => f.startsWith('truncated'))).toEqual([]);

      // Tesseract would take a text file for a list of images to read: refused before it runs.
      const text = path.join(dir, 'list.png');
      fs.writeFileSync(text, `${pages.get('russian')}\n`);
      const notImage = await fails(
        recognize(text, { languages: ['rus'], outBase: path.join(dir, 'out', 'list'), tesseract }),
      );
      expect(notImage.code).toBe('OCR_FAILED');
      expect(notImage.message).toContain('not an image');
    });

    it('the pool reads at most N pages at once, in the order given, reporting each page', async () => {
      const pool = new OcrPool({ size: 2 });
      const events: { page: number; progress: OcrProgress }[] = [];
      let running = 0;
      let most = 0;
      const started = performance.now();
      const order = [0, 1, 2, 3, 0];
      const done = order.map((s, page) => {
        const sample = SAMPLES[s]!;
        return pool.recognize('job-1', pages.get(sample.name)!, {
          languages: sample.languages,
          outBase: path.join(dir, 'pool', `page-${page}`),
          tesseract,
          onProgress: (progress) => {
            events.push({ page, progress });
            if (progress.state === 'running') most = Math.max(most, ++running);
            if (progress.state === 'done') running--;
          },
        });
      });
      expect(pool.running).toBe(2);
      expect(pool.queued).toBe(3);
      const all = await Promise.all(done);
      await pool.idle();
      const ms = Math.round(performance.now() - started);
      console.log(`pool of 2: ${order.length} pages in ${ms} ms, at most ${most} at once`);
      expect(most).toBe(2);
      expect(all.every((r) => r.words > 10)).toBe(true);
      expect(events.filter((e) => e.progress.state === 'running').map((e) => e.page)).toEqual([
        0, 1, 2, 3, 4,
      ]);
      expect(events.filter((e) => e.progress.state === 'queued').map((e) => e.progress)).toEqual([
        { state: 'queued', ahead: 0 },
        { state: 'queued', ahead: 1 },
        { state: 'queued', ahead: 2 },
      ]);
      for (let page = 0; page < order.length; page++) {
        const states = events.filter((e) => e.page === page).map((e) => e.progress.state);
        expect(states).toEqual(page < 2 ? ['running', 'done'] : ['queued', 'running', 'done']);
      }
    });

    it.runIf(process.platform === 'linux')(
      'capture holds the pool: the page being read is stopped, none starts, and all finish after',
      async () => {
        const pool = new OcrPool({ size: 1 });
        const big = await renderPage(SAMPLES[0]!, path.join(dir, 'pages', 'held.png'), 6);
        let pid = 0;
        const started: number[] = [];
        const pages = [0, 1].map((i) =>
          pool.recognize('held', big, {
            languages: ['rus'],
            outBase: path.join(dir, 'held', `page-${i}`),
            tesseract,
            onProgress: (p) => {
              if (p.state === 'running') {
                pid = p.pid;
                started.push(i);
              }
            },
          }),
        );
        while (pid === 0) await new Promise((r) => setTimeout(r, 5));
        const release = pool.hold();
        // The kernel's view of the process: T is stopped (by a signal).
        const state = () => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[0];
        await new Promise((r) => setTimeout(r, 100));
        expect(state()).toBe('T');
        const cpu = () =>
          fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).join(' ');
        const before = cpu();
        await new Promise((r) => setTimeout(r, 300));
        expect(cpu()).toBe(before);
        expect(started).toEqual([0]);
        release();
        const results = await Promise.all(pages);
        expect(started).toEqual([0, 1]);
        expect(results.every((r) => r.words > 10)).toBe(true);
      },
      60_000,
    );

    it("cancelling a job kills its running page and rejects its queued ones; another job's page goes on", async () => {
      const pool = new OcrPool({ size: 1 });
      // A full page, so that it is still being read when cancelled.
      const big = await renderPage(SAMPLES[0]!, path.join(dir, 'pages', 'big.png'), 6);
      let pid = 0;
      const job = [0, 1, 2].map((i) =>
        pool
          .recognize(7, big, {
            languages: ['rus'],
            outBase: path.join(dir, 'cancel', `page-${i}`),
            tesseract,
            onProgress: (p) => {
              if (p.state === 'running' && i === 0) pid = p.pid;
            },
          })
          .then(
            () => null,
            (e: unknown) => e,
          ),
      );
      const other = pool.recognize(8, pages.get('kazakh')!, {
        languages: ['kaz'],
        outBase: path.join(dir, 'cancel', 'other'),
        tesseract,
      });
      await expect.poll(() => pid, { timeout: 5000 }).toBeGreaterThan(0);
      expect(() => process.kill(pid, 0)).not.toThrow();
      const cancelledAt = performance.now();
      expect(pool.cancel(7)).toBe(3);
      const errors = await Promise.all(job);
      const ms = Math.round(performance.now() - cancelledAt);
      console.log(`cancel: 3 pages of job 7 rejected ${ms} ms after cancel`);
      for (const err of errors) expect((err as OcrError).code).toBe('OCR_CANCELLED');
      expect(ms).toBeLessThan(1000);
      expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
      expect(fs.existsSync(path.join(dir, 'cancel', 'page-0.xml'))).toBe(false);
      expect((await other).words).toBeGreaterThan(10);
      await pool.idle();
      expect(pool.running + pool.queued).toBe(0);
    });
  },
);

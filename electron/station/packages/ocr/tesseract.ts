import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileDurably } from '../../store/durable-file.js';
import { altoWordCount, toAlto44 } from './alto.js';
import { isUzbek } from './apostrophes.js';
import { OcrError, ocrCancelled } from './errors.js';
import { normaliseTextPdf } from './text-pdf.js';

/** The Tesseract a station runs: where it is, its version, the models it has. */
export interface Tesseract {
  binary: string;
  /** As `tesseract --version` prints it: `5.3.0`. */
  version: string;
  /** Installed models (`--list-langs`): `eng`, `rus`, `uzb_cyrl`, `osd`… */
  languages: string[];
}

export interface RecognizeOptions {
  /** Tesseract's models, most important first; joined with `+`. */
  languages: readonly string[];
  /** Where the output goes, without extension: `<outBase>.xml` (ALTO 4.4) and `<outBase>.pdf`. */
  outBase: string;
  /** Aborting kills the run and rejects with OCR_CANCELLED. */
  signal?: AbortSignal;
  /** ALTO's `sourceImageInformation/fileName`: the image's path in the package. Default: its base name. */
  imageName?: string;
  /** The image's resolution when its file does not say (Tesseract guesses otherwise). */
  dpi?: number;
  /** A Tesseract already found (`findTesseract()`); found (and remembered) otherwise. */
  tesseract?: Tesseract;
  /** Told the process id once the run starts. */
  onSpawn?: (pid: number) => void;
}

export interface OcrResult {
  /** ALTO 4.4. */
  alto: string;
  /** One PDF page of invisible text (`textonly_pdf`), to lay over the page image. */
  textPdf: string;
  /** Words (ALTO Strings) found. */
  words: number;
}

/** The Debian package that brings a Tesseract model: `uzb_cyrl` → `tesseract-ocr-uzb-cyrl`. */
export function debianPackage(language: string): string {
  return `tesseract-ocr-${language.toLowerCase().replaceAll('_', '-')}`;
}

/** The binary: `BITIG_TESSERACT`, else `tesseract` on the PATH. Throws OCR_UNAVAILABLE. */
export function tesseractBinary(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.BITIG_TESSERACT?.trim();
  if (configured) {
    if (isExecutable(configured)) return path.resolve(configured);
    throw new OcrError(
      'OCR_UNAVAILABLE',
      `BITIG_TESSERACT is ${configured}, which is not a program that can run.`,
    );
  }
  const names = process.platform === 'win32' ? ['tesseract.exe'] : ['tesseract'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (dir && isExecutable(candidate)) return candidate;
    }
  }
  throw new OcrError(
    'OCR_UNAVAILABLE',
    'Tesseract is not installed: install the package tesseract-ocr (and the languages, e.g. tesseract-ocr-rus), or set BITIG_TESSERACT.',
  );
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const found = new Map<string, Promise<Tesseract>>();

/**
 * The station's Tesseract, its version and models; asked once per binary (`refresh` asks again,
 * after a language was installed). Throws OCR_UNAVAILABLE.
 */
export function findTesseract(
  options: { env?: NodeJS.ProcessEnv; refresh?: boolean } = {},
): Promise<Tesseract> {
  const binary = tesseractBinary(options.env);
  let tesseract = found.get(binary);
  if (!tesseract || options.refresh) {
    tesseract = describe(binary);
    found.set(binary, tesseract);
    const asked = tesseract;
    asked.catch(() => {
      if (found.get(binary) === asked) found.delete(binary);
    });
  }
  return tesseract;
}

async function describe(binary: string): Promise<Tesseract> {
  const version = await run(binary, ['--version'], {});
  const match = /tesseract\s+v?(\S+)/i.exec(`${version.stdout}\n${version.stderr}`);
  if (version.code !== 0 || !match) {
    throw new OcrError('OCR_UNAVAILABLE', `${binary} does not run as Tesseract: ${lastLine(version.stderr)}`);
  }
  const list = await run(binary, ['--list-langs'], {});
  if (list.code !== 0)
    throw new OcrError('OCR_UNAVAILABLE', `${binary} --list-langs failed: ${lastLine(list.stderr)}`);
  // Tesseract 5 lists on stdout, some 4.x builds on stderr.
  const lines = `${list.stdout}\n${list.stderr}`.split(/\r?\n/).map((l) => l.trim());
  const start = lines.findIndex((l) => /^List of available languages/i.test(l));
  return { binary, version: match[1]!, languages: lines.slice(start + 1).filter((l) => /^[\w-]+$/.test(l)) };
}

/** Throws OCR_LANGUAGE_MISSING naming the models this Tesseract lacks and the packages to install. */
export function requireLanguages(tesseract: Tesseract, languages: readonly string[]): void {
  const missing = languages.filter((l) => !tesseract.languages.includes(l));
  if (missing.length === 0) return;
  const packages = missing.map(debianPackage);
  throw new OcrError(
    'OCR_LANGUAGE_MISSING',
    `Tesseract has no model for ${missing.join(', ')}: install ${packages.join(', ')}.`,
    { languages: missing, packages },
  );
}

/**
 * Reads one page: ONE Tesseract run writes its ALTO and a text-only PDF page; the ALTO is then
 * made ALTO 4.4, and with Uzbek the apostrophes are normalised in both. Tesseract runs on one
 * thread (`OMP_THREAD_LIMIT=1`: its OpenMP threads only fight each other, run a page per core
 * instead) at the lowest CPU priority, so capture stays responsive; Debian's uzb and uzb_cyrl
 * are kept from loading each other (`tessedit_load_sublangs=`). Aborting `signal` kills it.
 */
export async function recognize(image: string, options: RecognizeOptions): Promise<OcrResult> {
  const { languages, signal } = options;
  if (languages.length === 0) throw new Error('recognize needs at least one OCR language');
  if (signal?.aborted) throw ocrCancelled();
  const tesseract = options.tesseract ?? (await findTesseract());
  requireLanguages(tesseract, languages);
  const source = path.resolve(image);
  checkImage(source);
  const outBase = path.resolve(options.outBase);
  const alto = `${outBase}.xml`;
  const textPdf = `${outBase}.pdf`;
  fs.mkdirSync(path.dirname(outBase), { recursive: true });
  const args = [
    source,
    outBase,
    '-l',
    languages.join('+'),
    '-c',
    'tessedit_load_sublangs=',
    '-c',
    'textonly_pdf=1',
  ];
  if (options.dpi) args.push('--dpi', String(Math.round(options.dpi)));
  args.push('alto', 'pdf');
  try {
    const result = await run(tesseract.binary, args, {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      signal,
      lowPriority: true,
      onSpawn: options.onSpawn,
    });
    if (result.cancelled) throw ocrCancelled(`OCR of ${path.basename(source)}`);
    if (result.code !== 0) {
      throw new OcrError(
        'OCR_FAILED',
        `Tesseract could not read ${path.basename(source)}: ${lastLine(result.stderr)}`,
      );
    }
    const uzbek = isUzbek(languages);
    let xml: string;
    try {
      xml = toAlto44(fs.readFileSync(alto, 'utf8'), {
        fileName: options.imageName ?? path.basename(source),
        tesseractVersion: tesseract.version,
        languages,
        uzbekApostrophes: uzbek,
      });
    } catch (err) {
      throw new OcrError(
        'OCR_FAILED',
        `Tesseract's ALTO for ${path.basename(source)}: ${(err as Error).message}`,
      );
    }
    const pdf = fs.readFileSync(textPdf);
    writeFileDurably(alto, Buffer.from(xml, 'utf8'));
    writeFileDurably(textPdf, uzbek ? normaliseTextPdf(pdf) : pdf);
    return { alto, textPdf, words: altoWordCount(xml) };
  } catch (err) {
    fs.rmSync(alto, { force: true });
    fs.rmSync(textPdf, { force: true });
    throw err;
  }
}

/**
 * Tesseract takes a file that is no image it knows for a list of image paths: refuse anything
 * that does not start as an image (PNG, JPEG, TIFF, JPEG 2000, WebP, GIF, BMP, PNM).
 */
function checkImage(file: string): void {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(12);
    fs.readSync(fd, head, 0, 12, 0);
    fs.closeSync(fd);
  } catch (err) {
    throw new OcrError(
      'OCR_FAILED',
      `Cannot read the image ${path.basename(file)}: ${(err as Error).message}`,
    );
  }
  const hex = head.toString('hex');
  const ascii = head.toString('latin1');
  const known =
    hex.startsWith('89504e470d0a1a0a') ||
    hex.startsWith('ffd8ff') ||
    hex.startsWith('49492a00') ||
    hex.startsWith('4d4d002a') ||
    hex.startsWith('0000000c6a502020') ||
    hex.startsWith('ff4fff51') ||
    (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') ||
    ascii.startsWith('GIF8') ||
    ascii.startsWith('BM') ||
    /^P[1-6]\s/.test(ascii);
  if (!known) throw new OcrError('OCR_FAILED', `${path.basename(file)} is not an image Tesseract reads.`);
}

/** What a failed run said last, leaving out Tesseract's generic closing line. */
function lastLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && l !== 'Error during processing.');
  return lines.at(-1) ?? 'no message';
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  cancelled: boolean;
}

const KEEP = 64 * 1024;

function run(
  binary: string,
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    signal?: AbortSignal;
    lowPriority?: boolean;
    onSpawn?: (pid: number) => void;
  },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout = (stdout + s).slice(-KEEP);
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr = (stderr + s).slice(-KEEP);
    });
    const abort = () => {
      cancelled = true;
      child.kill('SIGKILL');
    };
    child.once('spawn', () => {
      if (child.pid === undefined) return;
      if (options.lowPriority) {
        try {
          os.setPriority(child.pid, 19);
        } catch {
          // Not allowed here (or the process is gone): it runs at normal priority.
        }
      }
      options.onSpawn?.(child.pid);
    });
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted) abort();
    child.once('error', (err: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', abort);
      reject(
        err.code === 'ENOENT' || err.code === 'EACCES'
          ? new OcrError('OCR_UNAVAILABLE', `Tesseract (${binary}) cannot be run: install tesseract-ocr.`)
          : err,
      );
    });
    child.once('close', (code) => {
      options.signal?.removeEventListener('abort', abort);
      resolve({ code, stdout, stderr, cancelled });
    });
  });
}

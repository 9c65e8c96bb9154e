import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { JobDetail } from '../../contract/digitization-types.js';
import {
  OcrLanguage,
  PACKAGE_FORMATS,
  type PackageFormat,
  type PackageProgress,
} from '../../contract/packaging.js';
import { StationError } from '../../errors.js';
import { Station } from '../../station.js';
import { defaultDataDir } from '../../store/data-dir.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';
import { type JobRef, parseJobRef } from '../job-ref.js';

interface ExportOptions {
  to: string;
  formats?: PackageFormat[];
  /** The languages given, false for --no-ocr, true (commander's default) when neither. */
  ocr?: string[] | boolean;
  layout?: 'bag' | 'goobi';
  dataDir?: string;
}

const HELP = `
A reviewed job is packaged first (OCR, then the formats), as the Package step does; a packaged job's
package is copied as it is. The package is written under a partial name and renamed when whole.
Examples:
  bitig export 12 --to /mnt/hotfolder                        the site's formats, OCR from the record
  bitig export 31000000012345 --to out --formats mets,alto,pdf --ocr rus+kaz
  bitig export 12 --to out --no-ocr --layout goobi
Exit codes: 0 written, 1 packaging failed, 2 bad command line or a job not ready, 4 OCR not installed.`;

/** `bitig export`: a job's package to a folder, from the terminal. */
export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('package a reviewed job (OCR, METS/MODS, ALTO, PDF, IIIF, BagIt) into a folder')
    .argument('<job>', "job number, or the item's barcode (its newest job)", parseJobRef)
    .requiredOption('--to <dir>', 'the folder the package goes in (as <dir>/<package name>/)')
    .option(
      '--formats <list>',
      `comma-separated: ${PACKAGE_FORMATS.join(',')} (default: the site's)`,
      parseFormats,
    )
    .option(
      '--ocr <languages>',
      'OCR languages, e.g. rus+kaz or uzb (default: from the record)',
      parseLanguages,
    )
    .option('--no-ocr', 'no OCR (no ALTO, no text layer in the PDF)')
    .addOption(
      new Option('--layout <layout>', "plain bag or a Goobi process folder (default: the site's)").choices([
        'bag',
        'goobi',
      ]),
    )
    .option('--data-dir <dir>', 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)')
    .addHelpText('after', HELP)
    .action(async (ref: JobRef, o: ExportOptions) => {
      const station = Station.open({ dataDir: o.dataDir ?? defaultDataDir(io.env), host: 'web' });
      try {
        const job = findJob(station, ref);
        const progress = await packaged(station, job, o, io);
        const source = path.join(station.store.dataDir, progress.path!);
        const target = await copyInto(source, path.resolve(o.to));
        io.out(`Job ${job.id} exported to ${target}`);
      } catch (err) {
        if (err instanceof StationError && !(err instanceof CliExit)) {
          const code =
            err.code === 'OCR_UNAVAILABLE' || err.code === 'OCR_LANGUAGE_MISSING'
              ? EXIT.UNAVAILABLE
              : EXIT.USAGE;
          throw new CliExit(code, `bitig export: ${err.message} [${err.code}]`);
        }
        throw err;
      } finally {
        await station.close();
      }
    });
}

function findJob(station: Station, ref: JobRef): JobDetail {
  if ('id' in ref) return station.digitization.getJob(ref.id);
  const [newest] = station.digitization.listJobs({ itemBarcode: ref.barcode });
  if (!newest) throw new CliExit(EXIT.USAGE, `bitig export: there is no job for the item ${ref.barcode}.`);
  return station.digitization.getJob(newest.id);
}

/** The job's package: made now (with progress on stderr) unless the job is packaged already. */
async function packaged(
  station: Station,
  job: JobDetail,
  o: ExportOptions,
  io: CliIo,
): Promise<PackageProgress> {
  const existing = station.packaging.progress(job.id);
  if (job.state === 'packaged' && existing?.phase === 'done' && existing.path) return existing;
  if (job.state !== 'reviewed' && !(job.state === 'failed' && job.failedFrom === 'packaging')) {
    throw new CliExit(
      EXIT.USAGE,
      `bitig export: job ${job.id} is ${job.state}; only a reviewed job is packaged.`,
    );
  }
  const finished = new Promise<PackageProgress>((resolve) => {
    let last = '';
    const off = station.events.on('job.package', (p) => {
      if (p.jobId !== job.id) return;
      const ended = p.phase === 'done' || p.phase === 'failed' || p.phase === 'cancelled';
      const line = p.total && !ended ? `${p.phase} ${p.done}/${p.total}` : p.phase;
      if (line !== last) io.err(line);
      last = line;
      if (ended) {
        off();
        resolve(p);
      }
    });
  });
  await station.packaging.package(job.id, {
    formats: o.formats,
    layout: o.layout,
    ocrLanguages: Array.isArray(o.ocr) ? o.ocr : o.ocr === false ? [] : undefined,
  });
  const result = await finished;
  if (result.phase !== 'done' || !result.path) {
    throw new CliExit(
      EXIT.FAILURE,
      `bitig export: ${result.error?.message ?? 'packaging stopped'} [${result.error?.code ?? result.phase}]`,
    );
  }
  return result;
}

/** Copies the package folder to `<dir>/<name>` under a partial name, then renames it; never overwrites. */
async function copyInto(source: string, dir: string): Promise<string> {
  const target = path.join(dir, path.basename(source));
  if (fs.existsSync(target))
    throw new CliExit(EXIT.USAGE, `bitig export: ${target} is there already; nothing was overwritten.`);
  await fs.promises.mkdir(dir, { recursive: true });
  const partial = path.join(dir, `.${path.basename(source)}.partial-${randomUUID().slice(0, 8)}`);
  try {
    await fs.promises.cp(source, partial, { recursive: true, errorOnExist: true });
    await fs.promises.rename(partial, target);
  } catch (err) {
    await fs.promises.rm(partial, { recursive: true, force: true });
    throw err;
  }
  return target;
}

function parseFormats(value: string): PackageFormat[] {
  const list = value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const wrong = list.filter((f) => !(PACKAGE_FORMATS as readonly string[]).includes(f));
  if (wrong.length || list.length === 0)
    throw new InvalidArgumentError(`formats are ${PACKAGE_FORMATS.join(', ')}`);
  return list as PackageFormat[];
}

function parseLanguages(value: string): string[] {
  const list = value
    .split(/[+,]/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (list.length === 0 || list.length > 4 || !list.every((l) => OcrLanguage.safeParse(l).success)) {
    throw new InvalidArgumentError('Tesseract languages joined by +, e.g. rus+kaz');
  }
  return list;
}

import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type CaptureResult,
  PAGE_SIZE_MAX,
  PAGE_SIZE_NAMES,
  PageSize,
  type SavedScanProfile,
  SCANNER_ERROR_CODES,
  type ScanProfile,
} from '../../contract/digitization.js';
import { canonicalScannerId } from '../../devices/scanner/escl/escl-url.js';
import { scannerSentence } from '../../devices/scanner/scanner-error.js';
import { DuplicateJobError } from '../../digitization/errors.js';
import { nameKey, ScanProfiles } from '../../digitization/scan-profiles.js';
import { StationError } from '../../errors.js';
import { Station } from '../../station.js';
import { defaultDataDir } from '../../store/data-dir.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';
import { type JobRef, parseJobRef } from '../job-ref.js';

interface ScanOptions {
  device?: string;
  profile?: string;
  source: 'flatbed' | 'adf';
  mode: 'color' | 'gray' | 'lineart';
  resolution: number;
  pageSize: PageSize;
  job: JobRef;
  dataDir?: string;
  json?: boolean;
  another?: boolean;
}

/**
 * `bitig scan`: capture from a scanner into a job without the screens, through the same capture
 * path (every page written, fsynced and recorded before the next sheet is fetched).
 */
export function registerScan(program: Command, io: CliIo): void {
  program
    .command('scan')
    .description('capture pages from a scanner into a job (pages print as they land)')
    .option('--device <id>', 'scanner: sane:<name>, escl:<url>, or demo:feeder (see bitig scanners list)')
    .option(
      '--profile <name>',
      "a saved scan profile (the station's Scan profiles screen); options given here override it",
    )
    .addOption(
      new Option('--source <source>', 'flatbed or automatic document feeder')
        .choices(['flatbed', 'adf'])
        .default('flatbed'),
    )
    .addOption(
      new Option('--mode <mode>', 'colour mode').choices(['color', 'gray', 'lineart']).default('gray'),
    )
    .option('--resolution <dpi>', 'resolution in dpi', parseDpi, 300)
    .option(
      '--page-size <size>',
      `area to scan: ${[...PAGE_SIZE_NAMES, PAGE_SIZE_MAX].join(', ')} or <width>x<height>mm (e.g. 200x280mm); cut to what the scanner covers`,
      parsePageSize,
      PAGE_SIZE_MAX,
    )
    .requiredOption(
      '--job <id or barcode>',
      'a job id, or the barcode of a book to start a new job for',
      parseJobRef,
    )
    .option('--another', 'a barcode that already has a job: start another job for it all the same')
    .option('--data-dir <dir>', 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)')
    .option('--json', 'print one JSON line per page and a summary')
    .action(async (o: ScanOptions, command: Command) => {
      const station = Station.open({ dataDir: o.dataDir ?? defaultDataDir(io.env), host: 'web' });
      const stop = station.events.on('page.captured', (page) =>
        io.out(
          o.json
            ? JSON.stringify({ event: 'page', ...page })
            : `page ${page.sequence} recorded (job ${page.jobId})`,
        ),
      );
      try {
        const profile = scanProfile(o, command, new ScanProfiles(station.settings).list());
        const jobId =
          'id' in o.job
            ? station.digitization.getJob(o.job.id).id
            : newJob(station, o.job.barcode, profile, o.another === true);
        const result = await station.capture.capture(jobId, profile, {});
        await station.digitization.idle();
        const stopped = stopText(result);
        io.out(
          o.json
            ? JSON.stringify({ event: 'done', ...result, stopSentence: stopped })
            : `${result.pages} page(s) captured into job ${jobId}.${stopped ? ` ${stopped}` : ''}`,
        );
        if (result.stoppedBy && result.stoppedBy !== 'no_documents') throw new CliExit(EXIT.UNAVAILABLE, '');
      } catch (err) {
        if (err instanceof StationError && !(err instanceof CliExit))
          throw new CliExit(EXIT.FAILURE, `${err.code}: ${err.message}`);
        throw err;
      } finally {
        stop();
        await station.close();
      }
    });
}

/** A new job for the barcode; one the station already has a job for needs `--another`. */
function newJob(station: Station, barcode: string, profile: ScanProfile, another: boolean): number {
  try {
    return station.digitization.createJob({ itemBarcode: barcode, profile, allowDuplicate: another }).id;
  } catch (err) {
    if (!(err instanceof DuplicateJobError)) throw err;
    const jobs = err.jobs.map((j) => `${j.id}${j.title ? ` (${j.title})` : ''}`).join(', ');
    throw new CliExit(
      EXIT.USAGE,
      `The item ${barcode} already has job ${jobs}: scan into it with --job <id>, or start another with --another.`,
    );
  }
}

/**
 * What to scan with: the options given on the command line, then the saved profile's settings
 * (`--profile`, its name in any case), then the options' defaults.
 */
function scanProfile(o: ScanOptions, command: Command, saved: readonly SavedScanProfile[]): ScanProfile {
  const named =
    o.profile === undefined ? null : saved.find((p) => nameKey(p.name) === nameKey(o.profile ?? ''));
  if (o.profile !== undefined && !named) {
    const names = saved.map((p) => p.name).join(', ');
    throw new CliExit(
      EXIT.USAGE,
      `No scan profile is named "${o.profile}". ${names ? `Saved profiles: ${names}.` : 'This station has none yet.'}`,
    );
  }
  const given = (key: keyof ScanOptions) => command.getOptionValueSource(key) === 'cli';
  const from = named?.profile;
  const device = given('device') ? o.device : (from?.device ?? o.device);
  if (!device) {
    throw new CliExit(
      EXIT.USAGE,
      named
        ? `The profile "${named.name}" names no scanner: add --device (see bitig scanners list)`
        : 'Name a scanner with --device, or a saved --profile (see bitig scanners list)',
    );
  }
  const pick = <K extends 'source' | 'mode' | 'resolution' | 'pageSize'>(key: K): ScanProfile[K] =>
    given(key) || !from ? o[key] : from[key];
  return {
    // The job records the scanner as the station names it (`escl:http://host/eSCL/`).
    device: canonicalScannerId(device),
    source: pick('source'),
    mode: pick('mode'),
    resolution: pick('resolution'),
    pageSize: pick('pageSize'),
  };
}

/** The operator's sentence for a scanner's stop reason; a reason added since reads generically. */

function parseDpi(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 25 || n > 4800)
    throw new InvalidArgumentError('not a resolution (25-4800 dpi)');
  return n;
}

/**
 * `a4`, `letter`, `max`… or a custom size in millimetres, `210x297mm` (decimals allowed,
 * `215.9x279.4mm`); the bounds and their wording are the contract's.
 */
export function parsePageSize(value: string): PageSize {
  const text = value.trim().toLowerCase();
  const custom = /^(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*mm$/u.exec(text);
  const candidate = custom ? { widthMm: Number(custom[1]), heightMm: Number(custom[2]) } : text;
  const parsed = PageSize.safeParse(candidate);
  if (parsed.success) return parsed.data;
  if (!custom)
    throw new InvalidArgumentError(
      `not a page size: use ${[...PAGE_SIZE_NAMES, PAGE_SIZE_MAX].join(', ')} or <width>x<height>mm`,
    );
  throw new InvalidArgumentError(parsed.error.issues.map((i) => i.message).join('; '));
}

/**
 * Why a scan stopped, for the operator at the terminal: a scanner's stop is its sentence then its
 * own words; the disk's stops (DISK_FULL, FOLDER_READ_ONLY…) carry their own sentence, naming the
 * folder. Null when the scan ended normally.
 */
export function stopText(result: Pick<CaptureResult, 'stoppedBy' | 'stopDetail'>): string | null {
  const code = result.stoppedBy;
  if (code === null) return null;
  if ((SCANNER_ERROR_CODES as readonly string[]).includes(code)) {
    return `${scannerSentence(code)} (${code}: ${result.stopDetail})`;
  }
  return `${result.stopDetail ?? 'The scan stopped.'} (${code})`;
}

import { type Command, InvalidArgumentError } from 'commander';
import {
  JOB_STATES,
  type JobDetail,
  type JobState,
  type JobSummary,
  type PageInfo,
  type QcCounts,
} from '../../contract/digitization-types.js';
import { DigitizationError } from '../../digitization/errors.js';
import { JobReader } from '../../digitization/jobs/job-reader.js';
import { isJobState } from '../../digitization/jobs/lifecycle.js';
import { defaultDataDir } from '../../store/data-dir.js';
import { openStore } from '../../store/db.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';
import { type JobRef, parseJobRef } from '../job-ref.js';

interface JobsOptions {
  json?: boolean;
  dataDir?: string;
}

const HELP = `
Examples:
  bitig jobs list                        every job, newest first
  bitig jobs list --state failed,rejected --json
  bitig jobs show 12                     one job: its pages, QC flags and history
  bitig jobs show 31000000012345         the newest job for this item's barcode
Job states: ${JOB_STATES.join(', ')}.`;

/** `bitig jobs list|show`: the scanning station's jobs as the screens see them, read-only. */
export function registerJobs(program: Command, io: CliIo): void {
  const jobs = program
    .command('jobs')
    .description("list the scanning station's digitization jobs, or show one with its pages")
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)')
    .addHelpText('after', HELP);

  jobs
    .command('list')
    .description('jobs with their state, pages and QC flags, newest first')
    .option('--state <states>', 'only jobs in these states (comma-separated)', parseStates)
    .option('--item <barcode>', "only jobs for this item's barcode")
    .action((opts: { state?: JobState[]; item?: string }, command: Command) => {
      const o = command.optsWithGlobals() as JobsOptions;
      const list = withReader(io, o, (reader) => reader.list({ states: opts.state, itemBarcode: opts.item }));
      io.out(o.json ? JSON.stringify(list, null, 2) : formatList(list));
    });

  jobs
    .command('show')
    .description('one job: profile, pages with labels and QC flags, lifecycle history')
    .argument('<job>', "job number, or the item's barcode (its newest job)", parseJobRef)
    .action((ref: JobRef, _opts: unknown, command: Command) => {
      const o = command.optsWithGlobals() as JobsOptions;
      const job = withReader(io, o, (reader) => {
        if ('id' in ref) return reader.get(ref.id);
        // `bitig scan --job <barcode>` made it: the newest job for that book, as `jobs list --item` lists them.
        const [newest, ...older] = reader.list({ itemBarcode: ref.barcode });
        if (!newest) throw new CliExit(EXIT.FAILURE, `There is no job for the item ${ref.barcode}.`);
        if (older.length)
          io.err(
            `The item ${ref.barcode} has ${older.length + 1} jobs; this is the newest (bitig jobs list --item ${ref.barcode} lists them).`,
          );
        return reader.get(newest.id);
      });
      io.out(o.json ? JSON.stringify(job, null, 2) : formatJob(job));
    });
}

function withReader<T>(io: CliIo, o: JobsOptions, read: (reader: JobReader) => T): T {
  const store = openStore({ dataDir: o.dataDir ?? defaultDataDir(io.env) });
  try {
    return read(JobReader.open(store.db));
  } catch (err) {
    if (err instanceof DigitizationError && err.reason === 'JOB_NOT_FOUND')
      throw new CliExit(EXIT.FAILURE, err.message);
    throw err;
  } finally {
    store.close();
  }
}

function parseStates(value: string): JobState[] {
  const states = value.split(',').map((s) => s.trim());
  const wrong = states.filter((s) => !isJobState(s));
  if (wrong.length)
    throw new InvalidArgumentError(`unknown state ${wrong.join(', ')}; states: ${JOB_STATES.join(', ')}`);
  return states as JobState[];
}

function formatList(list: JobSummary[]): string {
  if (list.length === 0) return 'No jobs.';
  const rows = list.map((j) => [
    String(j.id),
    j.itemBarcode,
    bookOf(j),
    j.failedFrom ? `${j.state} (at ${j.failedFrom})` : j.state,
    String(j.pageCount),
    j.flaggedPages ? `${j.flaggedPages}: ${formatCounts(j.qcCounts)}` : '-',
    String(j.pendingPages),
    j.updatedAt.slice(0, 16).replace('T', ' '),
  ]);
  return table(['ID', 'ITEM', 'BOOK', 'STATE', 'PAGES', 'QC FLAGS', 'PENDING', 'UPDATED (UTC)'], rows);
}

function formatJob(job: JobDetail): string {
  const lines = [
    `Job ${job.id} · item ${job.itemBarcode} · ${job.state}${job.failedFrom ? ` (failed at ${job.failedFrom})` : ''}`,
    `Book         ${bookOf(job)}`,
    `Record       ${formatLookup(job)}`,
    `Profile      ${JSON.stringify(job.profile)}`,
    `Pages        ${job.pageCount}; ${job.pendingPages} waiting for derivatives; ${job.flaggedPages} flagged${job.flaggedPages ? ` (${formatCounts(job.qcCounts)})` : ''}`,
    `Numbering    ${formatNumbering(job)}`,
    `Undo         ${job.undo ? `${job.undo.kind} at ${job.undo.at}` : '-'}`,
    `Next states  ${job.allowedTransitions.join(', ') || '-'}`,
  ];
  if (job.pages.length) {
    lines.push('', table(['#', 'LABEL', 'TYPE', 'SIDE', 'ROT', 'QC', 'MASTER'], job.pages.map(pageRow)));
  }
  lines.push('', 'History');
  for (const e of job.events) {
    lines.push(`  ${e.at}  ${e.from ? `${e.from} → ${e.to}` : e.to}${e.note ? `  ${e.note}` : ''}`);
  }
  return lines.join('\n');
}

/** Title / author, cut to a table column; what the lookup is doing when there is no record yet. */
function bookOf(j: JobSummary): string {
  if (!j.title) return j.lookup === 'none' ? '-' : `(${LOOKUP_WORDS[j.lookup]})`;
  const text = j.author ? `${j.title} / ${j.author}` : j.title;
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

const LOOKUP_WORDS: Record<JobSummary['lookup'], string> = {
  none: 'no record',
  pending: 'record pending',
  choose: 'choose the record',
  found: 'record found',
  not_found: 'no record found',
};

function formatLookup(job: JobDetail): string {
  const r = job.catalogRecord;
  const l = job.lookupDetail;
  if (r) {
    const from = r.edited
      ? 'typed or edited by hand'
      : `from ${r.source}${r.recordId ? ` (${r.recordId})` : ''}`;
    return `${from}${r.isbns.length ? `; ISBN ${r.isbns.join(', ')}` : ''}`;
  }
  if (l.state === 'pending') {
    const why = l.lastError
      ? `; last try: ${l.lastError.source ? `${l.lastError.source}: ` : ''}${l.lastError.code}`
      : '';
    return `pending after ${l.attempts} tries${l.nextAttemptAt ? `, next at ${l.nextAttemptAt}` : ''}${why}`;
  }
  if (l.state === 'choose') return `${l.candidates.length} records to choose from (on the job's screen)`;
  return LOOKUP_WORDS[l.state];
}

function pageRow(p: PageInfo): string[] {
  const qc = p.derivatives === 'pending' ? '(pending)' : p.qc?.flags.join(',') || '-';
  return [String(p.sequence), p.label ?? '-', p.type, p.side, String(p.rotation), qc, p.master.path];
}

function formatNumbering(job: JobDetail): string {
  const rule = job.numbering;
  if (!rule) return 'none (labels set by hand only)';
  const end = job.pages.find((p) => p.id === rule.frontMatterEndsAt);
  return end
    ? `roman from ${rule.romanStart} to page ${end.sequence}, then arabic from ${rule.arabicStart}`
    : `arabic from ${rule.arabicStart}`;
}

function formatCounts(counts: QcCounts): string {
  return Object.entries(counts)
    .map(([flag, n]) => `${flag} ${n}`)
    .join(', ');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerJobs } from '../../../electron/station/cli/commands/jobs.js';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import { CliExit, type CliIo } from '../../../electron/station/cli/io.js';
import { runCli } from '../../../electron/station/cli/program.js';
import { bibRecord } from '../../helpers/bib-record.js';
import { openHarness, PROFILE } from './helpers/harness.js';
import { qcPages, smallPage } from './helpers/images.js';

let dir: string;
let jobId: number;
let emptyJob: number;

/** Runs `bitig jobs …` the way the command line does (program.ts's error handling, in small). */
async function jobs(args: string[], env: NodeJS.ProcessEnv = { BITIG_DATA_DIR: dir }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  const program = new Command('bitig')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerJobs(program, io);
  let code: number = EXIT.OK;
  try {
    await program.parseAsync(['jobs', ...args], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    else if (e instanceof CliExit) {
      code = e.exitCode;
      err.push(e.message);
    } else throw e;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-cli-jobs-'));
  const h = await openHarness({ dir });
  const set = await qcPages(620, 877);
  jobId = h.service.createJob({
    itemBarcode: '31000000012345',
    profile: PROFILE,
    catalogRecord: bibRecord({
      title: 'Oʻtkan kunlar',
      creators: [{ name: 'Qodiriy, Abdulla', role: 'aut', primary: true }],
      source: 'Milliy kutubxona',
    }),
  }).id;
  const cover = await h.service.addCapturedPage(jobId, { data: await smallPage(1) }, { type: 'cover' });
  const title = await h.service.addCapturedPage(jobId, { data: await smallPage(2) }, { type: 'title' });
  await h.service.addCapturedPage(jobId, { data: await smallPage(3) });
  await h.service.addCapturedPage(jobId, { data: set.blank });
  h.service.setNumbering(jobId, { frontMatterEndsAt: title.id, romanStart: 1, arabicStart: 1 });
  h.service.rotatePages(jobId, [cover.id], 90);
  await h.service.idle();
  await h.service.transition(jobId, 'captured', 'feeder empty');
  emptyJob = h.service.createJob({
    itemBarcode: '31000000054321',
    profile: PROFILE,
    lookup: { kind: 'barcode', value: '31000000054321' },
  }).id;
  await h.stop();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bitig jobs', () => {
  it('list prints every job with state, pages and QC flags', async () => {
    const { code, out } = await jobs(['list']);
    expect(code).toBe(EXIT.OK);
    const [header, ...rows] = out.split('\n');
    expect(header).toMatch(/^ID\s+ITEM\s+BOOK\s+STATE\s+PAGES\s+QC FLAGS\s+PENDING\s+UPDATED \(UTC\)$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      new RegExp(`^${emptyJob}\\s+31000000054321\\s+\\(record pending\\)\\s+created\\s+0\\s+-\\s+0`),
    );
    expect(rows[1]).toMatch(
      new RegExp(
        `^${jobId}\\s+31000000012345\\s+Oʻtkan kunlar / Qodiriy, Abdulla\\s+captured\\s+4\\s+1: blank 1\\s+0`,
      ),
    );
  });

  it('list --json gives the summaries, and --state filters', async () => {
    const all = JSON.parse((await jobs(['list', '--json'])).out);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ id: jobId, state: 'captured', pageCount: 4, qcCounts: { blank: 1 } });
    const created = JSON.parse((await jobs(['--json', 'list', '--state', 'created,failed'])).out);
    expect(created.map((j: { id: number }) => j.id)).toEqual([emptyJob]);
    const byItem = JSON.parse((await jobs(['list', '--item', '31000000012345', '--json'])).out);
    expect(byItem.map((j: { id: number }) => j.id)).toEqual([jobId]);
  });

  it('show prints the pages with labels, types, rotation and flags, and the history', async () => {
    const { code, out } = await jobs(['show', String(jobId)]);
    expect(code).toBe(EXIT.OK);
    expect(out).toContain(`Job ${jobId} · item 31000000012345 · captured`);
    expect(out).toContain('Book         Oʻtkan kunlar / Qodiriy, Abdulla');
    expect(out).toContain('Record       from Milliy kutubxona');
    expect(out).toContain('Numbering    roman from 1 to page 2, then arabic from 1');
    expect(out).toContain('Undo         rotate at');
    expect(out).toContain('Next states  capturing, reviewed, rejected');
    expect(out).toMatch(/\n1\s+-\s+cover\s+recto\s+90\s+-\s+jobs\/\d+\/master\/000001\.png/);
    expect(out).toMatch(/\n2\s+i\s+title\s+verso\s+0\s+-\s+/);
    expect(out).toMatch(/\n4\s+2\s+normal\s+verso\s+0\s+blank\s+/);
    expect(out).toMatch(/created → capturing {2}first page captured/);
    expect(out).toMatch(/capturing → captured {2}feeder empty/);
  });

  it('show --json gives the whole job', async () => {
    const job = JSON.parse((await jobs(['show', String(jobId), '--json'])).out);
    expect(job.pages.map((p: { label: string | null }) => p.label)).toEqual([null, 'i', '1', '2']);
    expect(job.events).toHaveLength(3);
    expect(job.pages[3].qc.flags).toEqual(['blank']);
  });

  it('show takes the item’s barcode too', async () => {
    const { code, out } = await jobs(['show', '31000000012345']);
    expect(code).toBe(EXIT.OK);
    expect(out).toContain(`Job ${jobId} · item 31000000012345 · captured`);
    expect(JSON.parse((await jobs(['show', '31000000054321', '--json'])).out).id).toBe(emptyJob);
    // No catalogue was set up to answer: the lookup waits, and says so.
    expect((await jobs(['show', '31000000054321'])).out).toMatch(/Record {7}pending after 0 tries/);
  });

  it('an unknown job or item fails with a message; something that is neither is a usage error', async () => {
    expect(await jobs(['show', '999'])).toMatchObject({ code: EXIT.FAILURE, err: 'There is no job 999.' });
    expect(await jobs(['show', '31000000099999'])).toMatchObject({
      code: EXIT.FAILURE,
      err: 'There is no job for the item 31000000099999.',
    });
    expect(await jobs(['show', 'LIB-7'])).toMatchObject({
      code: EXIT.FAILURE,
      err: 'There is no job for the item LIB-7.',
    });
    expect((await jobs(['show', ' '])).code).toBe(EXIT.USAGE);
    expect((await jobs(['show', 'x'.repeat(65)])).code).toBe(EXIT.USAGE);
    expect((await jobs(['list', '--state', 'lost'])).code).toBe(EXIT.USAGE);
  });

  it('an empty data directory has no jobs', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-cli-jobs-empty-'));
    try {
      expect((await jobs(['list'], { BITIG_DATA_DIR: empty })).out).toBe('No jobs.');
      expect((await jobs(['list', '--data-dir', empty, '--json'])).out).toBe('[]');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

// The imaging workers run from the build (npm run build).
const workerBuilt = fs.existsSync(path.join('dist', 'digitization', 'pipeline-worker.cjs'));

describe.runIf(workerBuilt)('bitig scan --job <barcode>, then bitig jobs show <barcode>', () => {
  it('finds the job the scan made for the barcode, and the newest when the item was scanned again', async () => {
    const scanDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-cli-jobs-scan-'));
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => out.push(t), env: { BITIG_DATA_DIR: scanDir } };
    const run = async (args: string[]) => {
      out.length = 0;
      const code = await runCli(args, io);
      return { code, text: out.join('\n') };
    };
    try {
      const scan = [
        'scan',
        '--device',
        'demo:feeder',
        '--source',
        'adf',
        '--resolution',
        '100',
        '--job',
        '3100017',
      ];
      expect((await run(scan)).text).toMatch(/^10 page\(s\) captured into job 1\.$/m);
      const first = await run(['jobs', 'show', '3100017', '--json']);
      expect(first.code, first.text).toBe(EXIT.OK);
      expect(JSON.parse(first.text)).toMatchObject({ id: 1, itemBarcode: '3100017', pageCount: 10 });

      // Scanned again: the station says the item has a job, and makes another only when asked.
      const refused = await run(scan);
      expect(refused.code).toBe(EXIT.USAGE);
      expect(refused.text).toContain(
        'The item 3100017 already has job 1: scan into it with --job <id>, or start another with --another.',
      );
      expect((await run([...scan, '--another'])).text).toMatch(/captured into job 2\.$/m);
      const again = await run(['jobs', 'show', '3100017']);
      expect(again.code).toBe(EXIT.OK);
      expect(again.text).toContain('The item 3100017 has 2 jobs; this is the newest');
      expect(again.text).toContain('Job 2 · item 3100017');
    } finally {
      fs.rmSync(scanDir, { recursive: true, force: true });
    }
  });
});

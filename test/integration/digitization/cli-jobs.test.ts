import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerJobs } from '../../../electron/station/cli/commands/jobs.js';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import { CliExit, type CliIo } from '../../../electron/station/cli/io.js';
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
  jobId = h.service.createJob({ itemBarcode: '31000000012345', profile: PROFILE }).id;
  const cover = await h.service.addCapturedPage(jobId, { data: await smallPage(1) }, { type: 'cover' });
  const title = await h.service.addCapturedPage(jobId, { data: await smallPage(2) }, { type: 'title' });
  await h.service.addCapturedPage(jobId, { data: await smallPage(3) });
  await h.service.addCapturedPage(jobId, { data: set.blank });
  h.service.setNumbering(jobId, { frontMatterEndsAt: title.id, romanStart: 1, arabicStart: 1 });
  h.service.rotatePages(jobId, [cover.id], 90);
  await h.service.idle();
  await h.service.transition(jobId, 'captured', 'feeder empty');
  emptyJob = h.service.createJob({ itemBarcode: '31000000054321', profile: PROFILE }).id;
  await h.stop();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bitig jobs', () => {
  it('list prints every job with state, pages and QC flags', async () => {
    const { code, out } = await jobs(['list']);
    expect(code).toBe(EXIT.OK);
    const [header, ...rows] = out.split('\n');
    expect(header).toMatch(/^ID\s+ITEM\s+STATE\s+PAGES\s+QC FLAGS\s+PENDING\s+UPDATED \(UTC\)$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`^${emptyJob}\\s+31000000054321\\s+created\\s+0\\s+-\\s+0`));
    expect(rows[1]).toMatch(new RegExp(`^${jobId}\\s+31000000012345\\s+captured\\s+4\\s+1: blank 1\\s+0`));
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

  it('an unknown job fails with a message; a bad id is a usage error', async () => {
    expect(await jobs(['show', '999'])).toMatchObject({ code: EXIT.FAILURE, err: 'There is no job 999.' });
    expect((await jobs(['show', 'abc'])).code).toBe(EXIT.USAGE);
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

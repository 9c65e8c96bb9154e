import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobState } from '../../../electron/station/contract/digitization-types.js';
import { DigitizationError, InvalidTransitionError } from '../../../electron/station/digitization/errors.js';
import { bibRecord } from '../../helpers/bib-record.js';
import { type Harness, openHarness, PROFILE } from './helpers/harness.js';
import { smallPage } from './helpers/images.js';

let h: Harness;
let pages: Buffer[];
beforeAll(async () => {
  pages = await Promise.all([1, 2, 3].map((n) => smallPage(n)));
});
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

async function caught(run: () => unknown): Promise<DigitizationError> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(DigitizationError);
    return err as DigitizationError;
  }
  throw new Error('expected a DigitizationError');
}

async function jobWithPages(n = 2) {
  const job = h.service.createJob({ itemBarcode: '31000000012345', profile: PROFILE });
  for (let i = 0; i < n; i++) await h.service.addCapturedPage(job.id, { data: pages[i % pages.length]! });
  return job.id;
}

describe('jobs', () => {
  it('a new job records the book, the profile and its creation, and is editable', () => {
    const job = h.service.createJob({
      itemBarcode: ' 31000000012345 ',
      profile: PROFILE,
      catalogRecord: bibRecord({
        title: 'Qutadgʻu bilig',
        creators: [{ name: 'Yusuf Xos Hojib', role: 'aut', primary: true }],
      }),
    });
    expect(job).toMatchObject({
      itemBarcode: '31000000012345',
      state: 'created',
      profile: PROFILE,
      catalogRecord: { title: 'Qutadgʻu bilig' },
      title: 'Qutadgʻu bilig',
      author: 'Yusuf Xos Hojib',
      lookup: 'found',
      pageCount: 0,
      editable: true,
      allowedTransitions: ['capturing', 'rejected'],
      undo: null,
    });
    expect(job.events).toEqual([expect.objectContaining({ from: null, to: 'created', note: null })]);
  });

  it('goes the whole way to delivered, each move recorded with its time and note', async () => {
    const id = await jobWithPages();
    // The first page moved the job from created to capturing.
    const path: JobState[] = [
      'captured',
      'reviewed',
      'packaging',
      'packaged',
      'queued',
      'delivering',
      'delivered',
    ];
    for (const to of path) await h.service.transition(id, to, `to ${to}`);
    const job = h.service.getJob(id);
    expect(job.state).toBe('delivered');
    expect(job.editable).toBe(false);
    expect(job.allowedTransitions).toEqual(['rejected']);
    expect(job.events.map((e) => [e.from, e.to, e.note])).toEqual([
      [null, 'created', null],
      ['created', 'capturing', 'first page captured'],
      ['capturing', 'captured', 'to captured'],
      ['captured', 'reviewed', 'to reviewed'],
      ['reviewed', 'packaging', 'to packaging'],
      ['packaging', 'packaged', 'to packaged'],
      ['packaged', 'queued', 'to queued'],
      ['queued', 'delivering', 'to delivering'],
      ['delivering', 'delivered', 'to delivered'],
    ]);
    for (const event of job.events) expect(Date.parse(event.at)).not.toBeNaN();
    expect(h.events.filter((e) => e.topic === 'job.state')).toHaveLength(path.length);
  });

  it('refuses a move the table does not allow with a typed error, and changes nothing', async () => {
    const id = await jobWithPages(1);
    const err = await caught(() => h.service.transition(id, 'delivered'));
    expect(err).toBeInstanceOf(InvalidTransitionError);
    expect(err.code).toBe('INVALID_TRANSITION');
    expect(err).toMatchObject({ from: 'capturing', to: 'delivered' });
    expect(err.message).toContain('may go to captured, failed, rejected');
    const job = h.service.getJob(id);
    expect(job.state).toBe('capturing');
    expect(job.events).toHaveLength(2);
    expect((await caught(() => h.service.transition(id, 'nonsense' as JobState))).code).toBe(
      'INVALID_OPERATION',
    );
    expect((await caught(() => h.service.transition(999, 'capturing'))).code).toBe('JOB_NOT_FOUND');
  });

  it('a job without pages cannot be captured or reviewed', async () => {
    const job = h.service.createJob({ itemBarcode: '1', profile: PROFILE });
    await h.service.transition(job.id, 'capturing');
    expect((await caught(() => h.service.transition(job.id, 'captured'))).code).toBe('JOB_EMPTY');
  });

  it('a failed step is retried from where it failed; a rejected job can be reopened', async () => {
    const id = await jobWithPages(1);
    for (const to of ['captured', 'reviewed', 'packaging', 'packaged', 'queued', 'delivering'] as const) {
      await h.service.transition(id, to);
    }
    await h.service.transition(id, 'failed', 'upload refused: 507');
    let job = h.service.getJob(id);
    expect(job).toMatchObject({ state: 'failed', failedFrom: 'delivering', editable: false });
    expect(job.allowedTransitions).toEqual(['queued', 'captured', 'reviewed', 'rejected']);
    await caught(() => h.service.transition(id, 'delivering'));
    await h.service.transition(id, 'queued', 'retry');
    expect(h.service.getJob(id).failedFrom).toBeNull();

    await h.service.transition(id, 'failed');
    await h.service.transition(id, 'rejected', 'pages missing');
    await h.service.transition(id, 'captured', 'reopened');
    job = h.service.getJob(id);
    expect(job.state).toBe('captured');
    expect(job.editable).toBe(true);
  });

  it('pages cannot change once packaging starts', async () => {
    const id = await jobWithPages(2);
    await h.service.transition(id, 'captured');
    await h.service.transition(id, 'reviewed');
    await h.service.transition(id, 'packaging');
    const [first] = h.service.getJob(id).pages;
    expect((await caught(() => h.service.deletePages(id, [first!.id]))).code).toBe('JOB_NOT_EDITABLE');
    expect((await caught(() => h.service.addCapturedPage(id, { data: pages[0]! }))).code).toBe(
      'JOB_NOT_EDITABLE',
    );
    expect((await caught(() => h.service.undo(id))).code).toBe('JOB_NOT_EDITABLE');
    // Nothing was written for the refused capture.
    expect(fs.readdirSync(path.join(h.dir, 'jobs', String(id), 'master'))).toHaveLength(2);
  });

  it('lists jobs with state, page count and QC counts, newest first, filtered by state or barcode', async () => {
    const a = await jobWithPages(2);
    const b = h.service.createJob({ itemBarcode: '999', profile: { resolution: 600 } }).id;
    await h.service.addCapturedPage(b, { data: pages[0]! });
    await h.service.idle();
    const all = h.service.listJobs();
    expect(all.map((j) => j.id)).toEqual([b, a]);
    expect(all.find((j) => j.id === a)).toMatchObject({
      pageCount: 2,
      pendingPages: 0,
      flaggedPages: 0,
      qcCounts: {},
    });
    // The 300 dpi page is below job b's 600 dpi profile.
    expect(all.find((j) => j.id === b)).toMatchObject({
      pageCount: 1,
      flaggedPages: 1,
      qcCounts: { resolution_low: 1 },
    });
    expect(h.service.listJobs({ states: ['created'] })).toEqual([]);
    expect(h.service.listJobs({ states: ['capturing'] })).toHaveLength(2);
    expect(h.service.listJobs({ itemBarcode: '999' }).map((j) => j.id)).toEqual([b]);
  });

  it('delivery closes the undo window: deleted pages and replaced masters go, rows and files', async () => {
    const id = await jobWithPages(3);
    const [p1, p2] = h.service.getJob(id).pages;
    h.service.deletePages(id, [p1!.id]);
    await h.service.rescanPage(id, p2!.id, { data: pages[2]! });
    await h.service.idle();
    const jobDir = path.join(h.dir, 'jobs', String(id));
    expect(fs.readdirSync(path.join(jobDir, 'master'))).toHaveLength(4);
    for (const to of [
      'captured',
      'reviewed',
      'packaging',
      'packaged',
      'queued',
      'delivering',
      'delivered',
    ] as const) {
      await h.service.transition(id, to);
    }
    const job = h.service.getJob(id);
    expect(job.pages).toHaveLength(2);
    expect(job.undo).toBeNull();
    const kept = job.pages.map((p) => path.basename(p.master.path)).sort();
    expect(fs.readdirSync(path.join(jobDir, 'master')).sort()).toEqual(kept);
    expect(fs.readdirSync(path.join(jobDir, 'thumbs'))).toHaveLength(2);
    expect(fs.readdirSync(path.join(jobDir, 'view'))).toHaveLength(2);
    const count = (table: string) =>
      h.store.db.prepare(`SELECT count(*) FROM ${table} WHERE job_id = ?`).pluck().get(id) as number;
    expect(count('digitization_pages')).toBe(2);
    expect(count('digitization_masters')).toBe(2);
    expect(count('digitization_operations')).toBe(0);
  });

  it('keeps the catalog record set later, and shows its title in the list', async () => {
    const id = await jobWithPages(1);
    const record = bibRecord({
      title: 'Devonu lugʻotit turk',
      publication: { place: null, publisher: null, date: '1072' },
    });
    h.service.setRecord(id, record);
    expect(h.service.getJob(id).catalogRecord).toEqual(record);
    expect(h.service.listJobs()[0]).toMatchObject({ id, title: 'Devonu lugʻotit turk', lookup: 'found' });
    h.service.setRecord(id, null);
    expect(h.service.getJob(id).catalogRecord).toBeNull();
    expect(h.service.listJobs()[0]).toMatchObject({ id, title: null, lookup: 'none' });
  });

  it('a clean-up of a delivered job cut short by a crash finishes at start-up', async () => {
    const id = await jobWithPages(2);
    const [p1] = h.service.getJob(id).pages;
    h.service.deletePages(id, [p1!.id]);
    await h.service.idle();
    for (const to of [
      'captured',
      'reviewed',
      'packaging',
      'packaged',
      'queued',
      'delivering',
      'delivered',
    ] as const) {
      await h.service.transition(id, to);
    }
    // As if the process died after the rows went and before the files did.
    const stray = path.join(h.dir, 'jobs', String(id), 'master', '000099.png');
    fs.writeFileSync(stray, pages[0]!);
    h.store.db.prepare('UPDATE digitization_jobs SET purged_at = NULL WHERE id = ?').run(id);
    expect(await h.service.recover()).toMatchObject({ jobsPurged: 1, derivativesScheduled: 0 });
    expect(fs.existsSync(stray)).toBe(false);
    expect(fs.readdirSync(path.join(h.dir, 'jobs', String(id), 'master'))).toHaveLength(1);
    expect((await h.service.recover()).jobsPurged).toBe(0);
  });

  it('survives a restart: jobs, pages, history and the undo log are in the database', async () => {
    const id = await jobWithPages(2);
    const [p1] = h.service.getJob(id).pages;
    h.service.rotatePages(id, [p1!.id], 90);
    await h.service.idle();
    const before = h.service.getJob(id);
    await h.stop();
    const again = await openHarness({ dir: h.dir });
    try {
      expect(again.service.getJob(id)).toEqual(before);
      expect(again.service.undo(id).pages[0]!.rotation).toBe(0);
    } finally {
      await again.stop();
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FoundRecords } from '../../../electron/station/catalog/catalog-service.js';
import { CatalogError } from '../../../electron/station/catalog/errors.js';
import type { CatalogQuery } from '../../../electron/station/contract/catalog-types.js';
import { DigitizationError } from '../../../electron/station/digitization/errors.js';
import { RETRY_DELAYS_MS } from '../../../electron/station/digitization/jobs/job-records.js';
import { bibRecord } from '../../helpers/bib-record.js';
import { type Harness, openHarness, PROFILE } from './helpers/harness.js';
import { smallPage } from './helpers/images.js';

const KUNLAR = bibRecord({
  title: 'Oʻtkan kunlar',
  creators: [{ name: 'Qodiriy, Abdulla', role: 'aut', primary: true }],
  isbns: ['978-9943-01-234-9'],
  source: 'Milliy kutubxona',
});
const ABAI = bibRecord({
  title: 'Абай жолы',
  creators: [{ name: 'Әуезов, Мұхтар', role: 'aut', primary: true }],
});

/** A catalog whose answers the test scripts, one per lookup; it records the queries asked. */
function scriptedFinder(...answers: (FoundRecords | Error)[]) {
  const asked: CatalogQuery[] = [];
  return {
    asked,
    find: async (query: CatalogQuery): Promise<FoundRecords> => {
      asked.push(query);
      const next = answers.shift();
      if (!next) throw new Error('the test gave no more answers');
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

const DOWN: FoundRecords = {
  records: [],
  firstSourceHits: 0,
  answered: false,
  errors: [new CatalogError('CATALOG_UNREACHABLE', 'down', { source: 'Milliy kutubxona' }).toContract()],
};
const found = (records = [KUNLAR], firstSourceHits = records.length): FoundRecords => ({
  records,
  firstSourceHits,
  answered: true,
  errors: [],
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("a job's catalog record", () => {
  it('flags a barcode or ISBN another job has: ISBN-10 and -13, hyphens or not, and the record’s ISBNs', async () => {
    h = await openHarness();
    h.service.createJob({ itemBarcode: 'INV-000123', profile: PROFILE });
    h.service.createJob({ itemBarcode: 'INV-000124', profile: PROFILE, catalogRecord: KUNLAR });

    expect(h.service.duplicates('inv-000123').map((j) => j.itemBarcode)).toEqual(['INV-000123']);
    // 978-9943-01-234-9 as ISBN-10 and without hyphens.
    expect(h.service.duplicates('994301234X').map((j) => j.title)).toEqual(['Oʻtkan kunlar']);
    expect(h.service.duplicates('9789943012349').map((j) => j.itemBarcode)).toEqual(['INV-000124']);
    expect(h.service.duplicates('INV-000125')).toEqual([]);

    const err = (() => {
      try {
        h!.service.createJob({ itemBarcode: '978-9943-01-234-9', profile: PROFILE });
      } catch (e) {
        return e as DigitizationError;
      }
    })();
    expect(err?.code).toBe('JOB_DUPLICATE');
    expect(err?.toContract().jobs).toEqual([
      expect.objectContaining({ itemBarcode: 'INV-000124', title: 'Oʻtkan kunlar' }),
    ]);
    expect(h.service.listJobs()).toHaveLength(2);
    // Seen and wanted all the same: a second copy of the book is a second job.
    h.service.createJob({ itemBarcode: '978-9943-01-234-9', profile: PROFILE, allowDuplicate: true });
    expect(h.service.listJobs()).toHaveLength(3);
  });

  it('a lookup made while the catalogue is down stays pending, is retried later, and fills the job when it answers', async () => {
    let now = Date.parse('2026-12-07T10:00:00Z');
    const finder = scriptedFinder(DOWN, DOWN, found());
    h = await openHarness({ finder, now: () => now });
    const query = { kind: 'isbn', value: '9789943012349' } as const;
    const job = h.service.createJob({ itemBarcode: 'INV-1', profile: PROFILE, lookup: query });
    expect(job.lookup).toBe('pending');
    await h.service.idle();
    await until(() => finder.asked.length === 1);
    let detail = h.service.getJob(job.id);
    expect(detail.lookupDetail).toMatchObject({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: new Date(now + RETRY_DELAYS_MS[0]).toISOString(),
      lastError: { code: 'CATALOG_UNREACHABLE', source: 'Milliy kutubxona' },
    });

    // Not due yet: nothing is asked.
    now += RETRY_DELAYS_MS[0] - 1000;
    await h.service.runDueLookups();
    expect(finder.asked).toHaveLength(1);
    now += 1000;
    await h.service.runDueLookups();
    expect(finder.asked).toHaveLength(2);
    expect(h.service.getJob(job.id).lookupDetail.nextAttemptAt).toBe(
      new Date(now + RETRY_DELAYS_MS[1]).toISOString(),
    );

    now += RETRY_DELAYS_MS[1];
    await h.service.runDueLookups();
    detail = h.service.getJob(job.id);
    expect(detail).toMatchObject({ lookup: 'found', title: 'Oʻtkan kunlar', author: 'Qodiriy, Abdulla' });
    expect(detail.catalogRecord).toEqual(KUNLAR);
    expect(finder.asked).toEqual([query, query, query]);
    // The operator is told: the record event carries the title.
    expect(h.events.filter((e) => e.topic === 'job.record').at(-1)?.payload).toEqual({
      jobId: job.id,
      lookup: 'found',
      title: 'Oʻtkan kunlar',
      author: 'Qodiriy, Abdulla',
    });
  });

  it('several records: the operator chooses; none: says so; a pick sets the record', async () => {
    const finder = scriptedFinder(found([KUNLAR, ABAI], 2), found([]));
    h = await openHarness({ finder });
    const a = h.service.createJob({
      itemBarcode: 'INV-2',
      profile: PROFILE,
      lookup: { kind: 'title', value: 'kunlar' },
    });
    await until(() => h!.service.getJob(a.id).lookup === 'choose');
    expect(h.service.getJob(a.id).lookupDetail.candidates.map((r) => r.title)).toEqual([
      'Oʻtkan kunlar',
      'Абай жолы',
    ]);
    expect(h.service.getJob(a.id).catalogRecord).toBeNull();

    const b = h.service.createJob({
      itemBarcode: 'INV-3',
      profile: PROFILE,
      lookup: { kind: 'barcode', value: 'INV-3' },
    });
    await until(() => h!.service.getJob(b.id).lookup === 'not_found');

    const picked = h.service.setRecord(a.id, ABAI);
    expect(picked).toMatchObject({ lookup: 'found', title: 'Абай жолы', author: 'Әуезов, Мұхтар' });
    // The candidates stay, so a wrong pick can be undone by picking again.
    expect(picked.lookupDetail.candidates).toHaveLength(2);
  });

  it('the first source with one hit decides, even if a union catalogue has more', async () => {
    const finder = scriptedFinder(found([KUNLAR, ABAI], 1));
    h = await openHarness({ finder });
    const job = h.service.createJob({
      itemBarcode: 'INV-4',
      profile: PROFILE,
      lookup: { kind: 'isbn', value: '9789943012349' },
    });
    await until(() => h!.service.getJob(job.id).lookup === 'found');
    expect(h.service.getJob(job.id).title).toBe('Oʻtkan kunlar');
  });

  it('a pending lookup survives a restart and is tried at start', async () => {
    const first = scriptedFinder(DOWN);
    h = await openHarness({ finder: first });
    const job = h.service.createJob({
      itemBarcode: 'INV-5',
      profile: PROFILE,
      lookup: { kind: 'barcode', value: 'INV-5' },
    });
    await until(() => first.asked.length === 1);
    await until(() => h!.service.getJob(job.id).lookupDetail.attempts === 1);
    const dir = h.dir;
    await h.stop();

    const later = Date.now() + RETRY_DELAYS_MS[0] + 1;
    const second = scriptedFinder(found());
    h = await openHarness({ dir, finder: second, now: () => later });
    h.service.startLookups();
    await until(() => h!.service.getJob(job.id).lookup === 'found');
    expect(second.asked).toEqual([{ kind: 'barcode', value: 'INV-5' }]);
  });

  it('"try now" with a new query, and a job without a query says so', async () => {
    const finder = scriptedFinder(found());
    h = await openHarness({ finder });
    const job = h.service.createJob({ itemBarcode: 'INV-6', profile: PROFILE });
    await expect(h.service.lookupRecord(job.id)).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    const after = await h.service.lookupRecord(job.id, { kind: 'title', value: "O'tkan kunlar" });
    expect(after).toMatchObject({ lookup: 'found', title: 'Oʻtkan kunlar' });
  });

  it('staff delete a job with its files; a deletion cut short is finished at start-up', async () => {
    h = await openHarness();
    const job = h.service.createJob({ itemBarcode: 'INV-7', profile: PROFILE });
    await h.service.addCapturedPage(job.id, { data: await smallPage(1) });
    await h.service.idle();
    const folder = path.join(h.dir, 'jobs', String(job.id));
    expect(fs.readdirSync(path.join(folder, 'master'))).toHaveLength(1);

    await h.service.deleteJob(job.id);
    expect(fs.existsSync(folder)).toBe(false);
    expect(h.service.listJobs()).toEqual([]);
    const count = (table: string) =>
      h!.store.db.prepare(`SELECT count(*) FROM ${table} WHERE job_id = ?`).pluck().get(job.id) as number;
    expect(
      count('digitization_pages') + count('digitization_masters') + count('digitization_job_events'),
    ).toBe(0);
    expect(h.events.at(-1)).toEqual({ topic: 'job.deleted', payload: { jobId: job.id } });
    // Its id is not given to the next job, and the deletion is remembered.
    expect(
      h.store.db
        .prepare('SELECT item_barcode FROM digitization_deleted_jobs WHERE id = ?')
        .pluck()
        .get(job.id),
    ).toBe('INV-7');
    expect(() => h!.service.getJob(job.id)).toThrow(DigitizationError);

    // A crash after the rows went, before the folder did: the folder is left over.
    const other = h.service.createJob({ itemBarcode: 'INV-8', profile: PROFILE });
    expect(other.id).toBe(job.id + 1);
    await h.service.addCapturedPage(other.id, { data: await smallPage(2) });
    await h.service.idle();
    h.store.db
      .prepare(
        "INSERT INTO digitization_deleted_jobs (id, item_barcode, deleted_at) VALUES (?, 'INV-8', 'now')",
      )
      .run(other.id);
    h.store.db.prepare('DELETE FROM digitization_jobs WHERE id = ?').run(other.id);
    const kept = h.service.createJob({ itemBarcode: 'INV-9', profile: PROFILE });
    await h.service.addCapturedPage(kept.id, { data: await smallPage(3) });
    await h.service.idle();
    const report = await h.service.recover();
    expect(report.deletedFoldersRemoved).toBe(1);
    expect(fs.existsSync(path.join(h.dir, 'jobs', String(other.id)))).toBe(false);
    expect(fs.readdirSync(path.join(h.dir, 'jobs', String(kept.id), 'master'))).toHaveLength(1);
  });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

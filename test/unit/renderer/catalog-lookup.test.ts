import { describe, expect, it } from 'vitest';
import type {
  CatalogLookupResult,
  CatalogOutcome,
  ContractError,
  JobDetail,
} from '../../../electron/station/contract/index.js';
import { createI18n } from '../../../renderer/i18n/index.js';
import { offerPending, sourceLines } from '../../../renderer/src/stores/jobs/catalog-lookup.js';
import { codeQuery, isIsbn, typedRecord } from '../../../renderer/src/stores/jobs/catalog-record.js';
import { createJobsStore } from '../../../renderer/src/stores/jobs.js';
import { errorValues } from '../../../renderer/src/ui/error-values.js';
import { FakeApi } from './fake-api.js';
import { bibRecord, jobDetail, jobSummary, lookupDetail, ok, settle } from './job-fixtures.js';

const fail = (code: ContractError['code'], patch: Partial<ContractError> = {}) => ({
  ok: false as const,
  error: { code, message: code, ...patch },
});

/** A lookup the test answers by hand: events first, then the call's result. */
function setup() {
  const api = new FakeApi();
  let finish: (result: CatalogLookupResult) => void = () => {};
  api.handle('jobs.duplicates', () => ok([]));
  api.handle('catalogSources.list', () => ok([]));
  api.handle('scanners.list', () => ok([]));
  api.handle('scanProfiles.list', () => ok([]));
  api.handle('catalog.cancel', () => ok({ cancelled: true }));
  api.handle(
    'catalog.lookup',
    () =>
      new Promise((resolve) => {
        finish = (value) => resolve(ok(value));
      }),
  );
  api.handle('jobs.create', () => ok(jobDetail([])));
  const store = createJobsStore(api, { refreshDelayMs: 0 });
  store.getState().newJob();
  const lookupId = () => store.getState().lookup.id!;
  const outcome = (source: string, patch: Partial<CatalogOutcome> = {}): CatalogOutcome => ({
    lookupId: lookupId(),
    source,
    index: 0,
    ok: true,
    total: 1,
    records: [bibRecord(`${source} book`, { source })],
    error: null,
    ...patch,
  });
  return {
    api,
    store,
    outcome,
    finish: (value: Omit<CatalogLookupResult, 'lookupId'>) => finish({ lookupId: lookupId(), ...value }),
  };
}

const callsOf = (api: FakeApi, method: string) =>
  api.calls.filter((c) => c.method === method).map((c) => c.input);

describe('the new job’s lookup', () => {
  it('asks by ISBN when the code is a valid ISBN, hyphens or not, else by barcode', () => {
    expect(isIsbn('978-5-17-118366-0')).toBe(true);
    expect(isIsbn('5-17-118366-X')).toBe(true);
    expect(isIsbn('5-17-118366-1')).toBe(false);
    expect(isIsbn('0-306-40615-2')).toBe(true);
    expect(isIsbn('080442957X')).toBe(true);
    expect(isIsbn('9785171183661')).toBe(false); // a wrong check digit: an inventory number
    expect(codeQuery(' 978-5-17-118366-0 ')).toEqual({ kind: 'isbn', value: '978-5-17-118366-0' });
    expect(codeQuery('3100009')).toEqual({ kind: 'barcode', value: '3100009' });

    const { api, store } = setup();
    store.getState().lookUpCode('9785171183660');
    expect(callsOf(api, 'catalog.lookup').at(-1)).toMatchObject({
      query: { kind: 'isbn', value: '9785171183660' },
    });
    store.getState().lookUpCode('3100009');
    expect(callsOf(api, 'catalog.lookup').at(-1)).toMatchObject({
      query: { kind: 'barcode', value: '3100009' },
    });
    expect(callsOf(api, 'jobs.duplicates')).toEqual([{ code: '9785171183660' }, { code: '3100009' }]);
  });

  it('shows candidates in the order the sources answer, and a pick creates the job with that record', async () => {
    const { api, store, outcome, finish } = setup();
    store.getState().lookUpCode('3100009');
    await settle();
    const slow = outcome('Slow', { index: 0 });
    const fast = outcome('Fast', { index: 1 });
    api.emit('catalog.outcome', fast);
    expect(store.getState().lookup.outcomes.map((o) => o.source)).toEqual(['Fast']);
    api.emit('catalog.outcome', slow);
    expect(store.getState().lookup.outcomes.map((o) => o.source)).toEqual(['Fast', 'Slow']);
    finish({ outcomes: [fast, slow], unanswered: false });
    await settle();
    expect(store.getState().lookup.running).toBe(false);

    const picked = slow.records[0]!;
    await store.getState().createJob(undefined, { record: picked });
    expect(callsOf(api, 'jobs.create')).toEqual([
      { itemBarcode: '3100009', profile: store.getState().profile, record: picked },
    ]);
    expect(store.getState().screen).toBe('capture');
  });

  it('says which sources still work and which failed, with the source named in the reason', async () => {
    const { api, store, outcome } = setup();
    store.setState({ catalogSources: ['Milliy kutubxona', 'RNB'] });
    store.getState().lookUpCode('3100009');
    const down = outcome('Milliy kutubxona', {
      ok: false,
      total: 0,
      records: [],
      error: { code: 'CATALOG_TIMEOUT', message: 'x', source: 'Milliy kutubxona' },
    });
    api.emit('catalog.outcome', down);
    const lines = sourceLines(store.getState().lookup, store.getState().catalogSources);
    expect(lines.map((l) => [l.source, l.state])).toEqual([
      ['Milliy kutubxona', 'failed'],
      ['RNB', 'working'],
    ]);
    const failed = lines[0]!;
    if (failed.state !== 'failed') throw new Error('not failed');
    expect(createI18n('ru').t(($) => $.error.CATALOG_TIMEOUT, errorValues(failed.error, 'ru'))).toBe(
      'Источник «Milliy kutubxona» не ответил вовремя.',
    );
  });

  it('drops the answers of a cancelled lookup, and cancels it when the screen is left', async () => {
    const { api, store, outcome } = setup();
    store.getState().lookUpCode('3100009');
    const stale = outcome('Old');
    store.getState().lookUpCode('3100010');
    expect(callsOf(api, 'catalog.cancel')).toEqual([{ lookupId: stale.lookupId }]);
    api.emit('catalog.outcome', stale);
    expect(store.getState().lookup.outcomes).toEqual([]);
    api.emit('catalog.outcome', outcome('New'));
    expect(store.getState().lookup.outcomes.map((o) => o.source)).toEqual(['New']);

    const current = store.getState().lookup.id;
    store.getState().showList();
    expect(callsOf(api, 'catalog.cancel').at(-1)).toEqual({ lookupId: current });
    api.emit('catalog.outcome', { ...stale, lookupId: current!, source: 'Late' });
    expect(store.getState().lookup.outcomes).toEqual([]);
  });

  it('offers to create the job with its lookup pending when no source answered', async () => {
    const { api, store, outcome, finish } = setup();
    store.getState().lookUpCode('3100009');
    const timeout = outcome('A', {
      ok: false,
      records: [],
      error: { code: 'CATALOG_UNREACHABLE', message: 'x' },
    });
    api.emit('catalog.outcome', timeout);
    expect(offerPending(store.getState().lookup)).toBe(false); // still running
    finish({ outcomes: [timeout], unanswered: true });
    await settle();
    expect(offerPending(store.getState().lookup)).toBe(true);
    await store.getState().createJob(undefined, { lookup: store.getState().lookup.query! });
    expect(callsOf(api, 'jobs.create')[0]).toMatchObject({
      itemBarcode: '3100009',
      lookup: { kind: 'barcode', value: '3100009' },
    });
    expect(callsOf(api, 'jobs.create')[0]).not.toHaveProperty('record');
  });

  it('does not offer it when a source answered that it knows no such book', async () => {
    const { store, outcome, finish } = setup();
    store.getState().lookUpCode('3100009');
    finish({ outcomes: [outcome('A', { total: 0, records: [] })], unanswered: false });
    await settle();
    expect(offerPending(store.getState().lookup)).toBe(false);
  });

  it('creates another job for a code already taken only when the operator confirms', async () => {
    const { api, store } = setup();
    const other = { ...jobSummary(7), itemBarcode: '3100009', title: 'Oʻtkan kunlar' };
    api.handle('jobs.duplicates', () => ok([other]));
    store.getState().lookUpCode('3100009');
    await settle();
    expect(store.getState().duplicates).toEqual([{ id: 7, itemBarcode: '3100009', title: 'Oʻtkan kunlar' }]);
    await store.getState().createJob();
    expect(callsOf(api, 'jobs.create')).toEqual([]);
    store.getState().setAllowDuplicate(true);
    await store.getState().createJob();
    expect(callsOf(api, 'jobs.create')).toEqual([
      { itemBarcode: '3100009', profile: store.getState().profile, allowDuplicate: true },
    ]);
  });

  it('shows the jobs the core names when it refuses a duplicate the check missed', async () => {
    const { api, store } = setup();
    api.handle('jobs.create', () =>
      fail('JOB_DUPLICATE', { jobs: [{ id: 9, itemBarcode: '3100009', title: null }] }),
    );
    store.getState().setBarcode('3100009');
    await store.getState().createJob();
    expect(store.getState().createError?.code).toBe('JOB_DUPLICATE');
    expect(store.getState().duplicates.map((d) => d.id)).toEqual([9]);
    expect(store.getState().allowDuplicate).toBe(false);
  });

  it('builds a record typed by hand: edited, no MARCXML, the author as main creator', () => {
    const record = typedRecord({
      title: 'Mehrobdan chayon',
      author: 'Qodiriy, Abdulla',
      place: 'Toshkent',
      publisher: '',
      year: '1929',
      isbn: '',
      language: 'uzb',
    });
    expect(record).toMatchObject({
      title: 'Mehrobdan chayon',
      creators: [{ name: 'Qodiriy, Abdulla', role: 'aut', primary: true }],
      publication: { place: 'Toshkent', publisher: null, date: '1929' },
      isbns: [],
      languages: ['uzb'],
      marcxml: '',
      source: '',
      edited: true,
    });
  });
});

describe('a job’s record', () => {
  function withJob(patch: Partial<JobDetail>) {
    const api = new FakeApi();
    const detail = jobDetail([], patch);
    api.handle('jobs.get', () => ok(detail));
    api.handle('jobs.list', () => ok([jobSummary(1, { lookup: patch.lookup ?? 'none' })]));
    const store = createJobsStore(api, { refreshDelayMs: 0 });
    return { api, store };
  }

  it('tells the operator when a pending job’s record arrives, and only then', async () => {
    const { api, store } = withJob({ lookup: 'pending', lookupDetail: lookupDetail({ state: 'pending' }) });
    await store.getState().loadJobs();
    api.emit('job.record', { jobId: 1, lookup: 'found', title: 'Oʻtkan kunlar', author: 'Qodiriy, Abdulla' });
    expect(store.getState().recordNotice).toEqual({
      jobId: 1,
      barcode: '3100009',
      title: 'Oʻtkan kunlar',
      lookup: 'found',
    });
    expect(store.getState().jobs[0]).toMatchObject({
      lookup: 'found',
      title: 'Oʻtkan kunlar',
      author: 'Qodiriy, Abdulla',
    });
    store.getState().dismissRecordNotice();
    // Not pending any more: a later change (a record picked) is no news.
    api.emit('job.record', { jobId: 1, lookup: 'found', title: 'Boshqa', author: null });
    expect(store.getState().recordNotice).toBeNull();
  });

  it('picks a candidate with jobs.setRecord and shows the job as answered', async () => {
    const candidate = bibRecord('Kecha va kunduz');
    const { api, store } = withJob({
      lookup: 'choose',
      lookupDetail: lookupDetail({ state: 'choose', candidates: [candidate] }),
    });
    api.handle('jobs.setRecord', () =>
      ok(jobDetail([], { lookup: 'found', catalogRecord: candidate, title: 'Kecha va kunduz' })),
    );
    await store.getState().openJob(1, 'capture');
    expect(await store.getState().setRecord(candidate)).toBe(true);
    expect(callsOf(api, 'jobs.setRecord')).toEqual([{ jobId: 1, record: candidate }]);
    expect(store.getState().job).toMatchObject({ lookup: 'found', title: 'Kecha va kunduz' });
  });
});

describe('deleting a job', () => {
  function withList() {
    const api = new FakeApi();
    api.handle('jobs.list', () => ok([jobSummary(1), jobSummary(2)]));
    api.handle('jobs.get', () => ok(jobDetail([])));
    const store = createJobsStore(api, { refreshDelayMs: 0 });
    return { api, store };
  }

  it('asks the staff PIN, and a wrong one shows the translated error', async () => {
    const { api, store } = withList();
    api.handle('jobs.delete', () => fail('STAFF_PIN_WRONG'));
    await store.getState().loadJobs();
    store.getState().askDeleteJob(2);
    store.getState().setDeletePin('12');
    await store.getState().confirmDeleteJob();
    expect(store.getState().deleting?.short).toBe(true);
    expect(callsOf(api, 'jobs.delete')).toEqual([]);
    store.getState().setDeletePin('1234');
    await store.getState().confirmDeleteJob();
    expect(callsOf(api, 'jobs.delete')).toEqual([{ jobId: 2, staffPin: '1234' }]);
    const error = store.getState().deleting!.error!;
    expect(createI18n('uz-Latn').t(($) => $.error[error.code as 'STAFF_PIN_WRONG'])).toBe(
      'Xodim PIN-kodi notoʻgʻri.',
    );
    expect(store.getState().deleting?.pin).toBe('');
    expect(store.getState().jobs.map((j) => j.id)).toEqual([1, 2]);
  });

  it('removes the job from the list, and returns an open job screen to the list', async () => {
    const { api, store } = withList();
    api.handle('jobs.delete', () => ok({ jobId: 2 }));
    await store.getState().loadJobs();
    store.getState().askDeleteJob(2);
    store.getState().setDeletePin('2468');
    await store.getState().confirmDeleteJob();
    expect(store.getState().deleting).toBeNull();
    expect(store.getState().jobs.map((j) => j.id)).toEqual([1]);

    await store.getState().openJob(1, 'review');
    expect(store.getState().screen).toBe('review');
    api.emit('job.deleted', { jobId: 1 });
    expect(store.getState().screen).toBe('list');
    expect(store.getState().job).toBeNull();
  });
});

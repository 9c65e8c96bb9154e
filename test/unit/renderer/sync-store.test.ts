import { describe, expect, it, vi } from 'vitest';
import type { ReplayReportRow, Result, SyncStatus } from '../../../electron/station/contract/index.js';
import {
  canAct,
  countsKey,
  createSyncStore,
  filterCounts,
  filterRows,
  isDiscardReason,
  PAGE_ROWS,
  SyncFilter,
  targetSummaries,
} from '../../../renderer/src/stores/sync.js';
import { FakeApi } from './fake-api.js';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

function row(id: number, patch: Partial<ReplayReportRow> = {}): ReplayReportRow {
  return {
    id,
    eventTime: new Date(Date.UTC(2025, 10, 2, 10, 0, id)).toISOString(),
    action: 'checkout',
    itemId: `31000${String(id).padStart(2, '0')}`,
    patronId: '2100002',
    promisedDueDate: '2025-11-16T18:59:59.999Z',
    state: 'done',
    resolution: 'delivered',
    decision: 'accepted',
    dueDate: '2025-11-16T18:59:59.000Z',
    dueDateChanged: false,
    reason: null,
    screenMessages: [],
    title: null,
    alert: false,
    confirmedByItemInformation: false,
    attempts: 1,
    lastError: null,
    staffNote: null,
    doneAt: null,
    attention: false,
    ...patch,
  };
}

const counts = (c: Partial<SyncStatus['totals']> = {}): SyncStatus['totals'] => ({
  pending: 0,
  in_flight: 0,
  done: 0,
  failed: 0,
  dead: 0,
  ...c,
});

function status(c: Partial<SyncStatus['totals']> = {}, online: boolean | null = true): SyncStatus {
  return {
    running: true,
    totals: counts(c),
    targets: {
      sip2: {
        name: 'sip2',
        online,
        paused: online === false,
        working: [],
        lastError: null,
        counts: counts(c),
        registered: true,
      },
    },
  };
}

const REFUSED = row(2, {
  action: 'checkin',
  patronId: null,
  promisedDueDate: null,
  decision: 'refused',
  reason: 'NOT_ON_LOAN',
  screenMessages: ['This item was not on loan'],
  attention: true,
});
const DEAD = row(3, {
  state: 'dead',
  resolution: null,
  decision: 'dead',
  lastError: 'gone',
  attention: true,
});
const FAILED = row(4, { state: 'failed', resolution: null, decision: 'waiting', attempts: 2 });
const PENDING = row(5, { state: 'pending', resolution: null, decision: 'waiting', attempts: 0 });
const ROWS = [row(1), REFUSED, DEAD, FAILED, PENDING];

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

/** The core as far as the report goes: its rows, which the staff's actions change. */
function syncApi(rows: ReplayReportRow[] = ROWS, first: SyncStatus = status({ done: 2, dead: 1 })) {
  const server = new Map(rows.map((r) => [r.id, { ...r }]));
  const answer = (changed: ReplayReportRow) => {
    server.set(changed.id, changed);
    return ok(changed);
  };
  const api = new FakeApi()
    .handle('sync.status', () => ok(first))
    .handle('sync.report', () => ok([...server.values()].map((r) => ({ ...r }))));
  return Object.assign(api, { answer });
}

describe('sync filters', () => {
  it('shows everything, what needs attention, or one state, newest first', () => {
    expect(filterRows(ROWS, SyncFilter.all).map((r) => r.id)).toEqual([5, 4, 3, 2, 1]);
    expect(filterRows(ROWS, SyncFilter.attention).map((r) => r.id)).toEqual([3, 2]);
    expect(filterRows(ROWS, SyncFilter.dead).map((r) => r.id)).toEqual([3]);
    expect(filterRows(ROWS, SyncFilter.failed).map((r) => r.id)).toEqual([4]);
    expect(filterRows(ROWS, SyncFilter.done).map((r) => r.id)).toEqual([2, 1]);
    expect(filterRows(ROWS, SyncFilter.in_flight)).toEqual([]);
  });

  it('counts the rows of every filter', () => {
    expect(filterCounts(ROWS)).toEqual({
      all: 5,
      attention: 2,
      pending: 1,
      in_flight: 0,
      done: 2,
      failed: 1,
      dead: 1,
    });
  });

  it('lets staff act on failed and given-up rows only, with a real reason to discard', () => {
    expect(ROWS.filter(canAct).map((r) => r.id)).toEqual([3, 4]);
    expect(isDiscardReason('  ab ')).toBe(false);
    expect(isDiscardReason('lost')).toBe(true);
    expect(isDiscardReason('x'.repeat(501))).toBe(false);
  });

  it('lists the library system first, with what it is doing', () => {
    const s = status({ pending: 3 }, false);
    s.targets.repository = {
      name: 'repository',
      online: null,
      paused: false,
      working: [{ id: 9, orderingKey: 'p', step: 'sending', attempt: 1, since: '2025-11-02T10:00:00Z' }],
      lastError: { rowId: 9, message: 'timeout', at: '2025-11-02T10:00:00Z' },
      counts: counts({ in_flight: 1 }),
      registered: true,
    };
    s.targets.aaa = { ...s.targets.repository, name: 'aaa', working: [], lastError: null };
    const list = targetSummaries(s);
    expect(list.map((t) => t.name)).toEqual(['sip2', 'aaa', 'repository']);
    expect(list[0]).toMatchObject({ online: false, paused: true, working: 0, counts: { pending: 3 } });
    expect(list[2]).toMatchObject({ online: null, working: 1, lastError: 'timeout' });
    expect(targetSummaries(null)).toEqual([]);
  });
});

describe('sync store', () => {
  it('loads the status and the report when the screen opens, with the PIN it was given', async () => {
    const api = syncApi();
    const store = createSyncStore(api);
    store.getState().open('2468');
    await flush();
    expect(store.getState()).toMatchObject({ loaded: true, staffPin: '2468', filter: 'all' });
    expect(store.getState().rows).toHaveLength(5);
    expect(store.getState().status?.totals.dead).toBe(1);
  });

  it('follows sync.status events, and reloads the report only when the counts move', async () => {
    const api = syncApi();
    const store = createSyncStore(api);
    const close = store.getState().open('2468');
    await flush();
    const reports = () => api.calls.filter((c) => c.method === 'sync.report').length;
    const before = reports();

    api.emit('sync.status', status({ done: 2, dead: 1 }));
    await flush();
    expect(reports()).toBe(before);

    api.emit('sync.status', status({ pending: 1, done: 2, dead: 1 }, false));
    await flush();
    expect(store.getState().status?.targets.sip2?.online).toBe(false);
    expect(store.getState().status?.totals.pending).toBe(1);
    expect(reports()).toBe(before + 1);

    // Closed: the status still follows, the report is not fetched, the PIN is gone.
    close();
    expect(store.getState()).toMatchObject({ staffPin: '', rows: [], loaded: false });
    api.emit('sync.status', status({ done: 4 }));
    await flush();
    expect(store.getState().status?.totals.done).toBe(4);
    expect(reports()).toBe(before + 1);
  });

  it('does not let a status reply older than an event undo it', async () => {
    const reply = deferred<Result<SyncStatus>>();
    const api = syncApi().handle('sync.status', () => reply.promise);
    const store = createSyncStore(api);
    const loading = store.getState().loadStatus();
    api.emit('sync.status', status({ done: 7 }));
    reply.resolve(ok(status({ pending: 7 })));
    await loading;
    expect(store.getState().status?.totals).toMatchObject({ done: 7, pending: 0 });
  });

  it('asks for the report once more when the counts move during a load', async () => {
    const first = deferred<Result<ReplayReportRow[]>>();
    let n = 0;
    const api = syncApi().handle('sync.report', () => {
      n += 1;
      return n === 1 ? first.promise : ok([row(1), row(6)]);
    });
    const store = createSyncStore(api, { reportPauseMs: 0 });
    store.getState().open('2468');
    api.emit('sync.status', status({ done: 9 }));
    api.emit('sync.status', status({ done: 10 }));
    first.resolve(ok([row(1)]));
    await flush();
    await flush();
    expect(n).toBe(2);
    expect(store.getState().rows.map((r) => r.id)).toEqual([1, 6]);
  });

  it('drops a report that arrives after the screen closed', async () => {
    const reply = deferred<Result<ReplayReportRow[]>>();
    const api = syncApi().handle('sync.report', () => reply.promise);
    const store = createSyncStore(api);
    const close = store.getState().open('2468');
    close();
    reply.resolve(ok(ROWS));
    await flush();
    expect(store.getState().rows).toEqual([]);
  });

  it('filters, and pages long reports', async () => {
    const many = Array.from({ length: PAGE_ROWS + 5 }, (_, i) => row(i + 1));
    const api = syncApi(many);
    const store = createSyncStore(api);
    store.getState().open('2468');
    await flush();
    expect(store.getState().shown).toBe(PAGE_ROWS);
    store.getState().showMore();
    expect(store.getState().shown).toBe(2 * PAGE_ROWS);
    store.getState().setFilter(SyncFilter.attention);
    expect(store.getState()).toMatchObject({ filter: 'attention', shown: PAGE_ROWS });
  });

  it('retries a row with the staff PIN and shows its new state', async () => {
    const api = syncApi().handle('sync.retryNow', (input) => {
      expect(input).toEqual({ staffPin: '2468', id: 3 });
      return api.answer({ ...DEAD, state: 'failed', decision: 'waiting', attention: false });
    });
    const store = createSyncStore(api);
    store.getState().open('2468');
    await flush();
    await store.getState().retry(3);
    expect(store.getState().rows.find((r) => r.id === 3)?.state).toBe('failed');
    expect(store.getState()).toMatchObject({ retried: 3, busyRow: null, actionError: null });
  });

  it('keeps a refused retry’s error on its row', async () => {
    const api = syncApi().handle('sync.retryNow', () => ({
      ok: false,
      error: { code: 'STAFF_PIN_WRONG', message: 'x' },
    }));
    const store = createSyncStore(api);
    store.getState().open('2468');
    await flush();
    await store.getState().retry(3);
    expect(store.getState().actionError).toEqual({
      rowId: 3,
      error: { code: 'STAFF_PIN_WRONG', message: 'x' },
    });
  });

  it('sends nothing without a staff PIN of the right shape (the operator types it)', async () => {
    const api = syncApi();
    const store = createSyncStore(api);
    store.getState().open(null);
    await flush();
    await store.getState().retry(3);
    expect(await store.getState().exportKoc()).toBeNull();
    expect(api.calls.some((c) => c.method === 'sync.retryNow' || c.method === 'sync.exportKoc')).toBe(false);
    store.getState().setStaffPin('24a68 ');
    expect(store.getState().staffPin).toBe('2468');
  });

  it('asks for card numbers only with a PIN: the admin screen’s, or one staff confirm, never per keystroke', async () => {
    const reports = (api: FakeApi) =>
      api.calls.filter((c) => c.method === 'sync.report').map((c) => c.input as { staffPin?: string });
    const admin = syncApi();
    createSyncStore(admin).getState().open('2468');
    await flush();
    expect(reports(admin)).toEqual([{ staffPin: '2468' }]);

    const station = syncApi();
    const store = createSyncStore(station);
    store.getState().open(null);
    await flush();
    for (const pin of ['1', '13', '135', '1357', '13579']) store.getState().setStaffPin(pin);
    await flush();
    expect(reports(station)).toEqual([{}]);
    await store.getState().showCardNumbers();
    expect(reports(station)).toEqual([{}, { staffPin: '13579' }]);
    expect(store.getState().cardsPin).toBe('13579');
  });

  it('goes on without card numbers when the core refuses the PIN', async () => {
    const api = syncApi().handle('sync.report', (input) =>
      (input as { staffPin?: string }).staffPin
        ? { ok: false, error: { code: 'STAFF_PIN_WRONG', message: 'Wrong staff PIN.' } }
        : ok([row(1, { patronId: null })]),
    );
    const store = createSyncStore(api);
    store.getState().open(null);
    await flush();
    store.getState().setStaffPin('1111');
    await store.getState().showCardNumbers();
    expect(store.getState()).toMatchObject({ cardsPin: null, reportError: { code: 'STAFF_PIN_WRONG' } });
    await store.getState().loadReport();
    expect(store.getState()).toMatchObject({ reportError: null, rows: [{ patronId: null }] });
  });

  it('discards only with a reason, and keeps the dialog open when the core refuses', async () => {
    let refuse = true;
    const api = syncApi().handle('sync.discard', (input) => {
      if (refuse) return { ok: false, error: { code: 'VALIDATION', message: 'busy' } };
      expect(input).toEqual({ staffPin: '2468', id: 3, reason: 'Book withdrawn' });
      return api.answer({
        ...DEAD,
        state: 'done',
        resolution: 'discarded',
        decision: 'discarded',
        staffNote: 'Book withdrawn',
        attention: false,
      });
    });
    const store = createSyncStore(api);
    store.getState().open('2468');
    await flush();
    store.getState().startDiscard(3);
    store.getState().setDiscardReason('ok');
    await store.getState().confirmDiscard();
    expect(store.getState().discard).toEqual({ id: 3, reason: 'ok', invalid: true });
    expect(api.calls.some((c) => c.method === 'sync.discard')).toBe(false);

    store.getState().setDiscardReason('  Book withdrawn ');
    expect(store.getState().discard?.invalid).toBe(false);
    await store.getState().confirmDiscard();
    expect(store.getState().discard).not.toBeNull();
    expect(store.getState().actionError?.rowId).toBe(3);

    refuse = false;
    await store.getState().confirmDiscard();
    expect(store.getState().discard).toBeNull();
    expect(store.getState().rows.find((r) => r.id === 3)).toMatchObject({
      decision: 'discarded',
      staffNote: 'Book withdrawn',
    });

    store.getState().startDiscard(4);
    store.getState().cancelDiscard();
    expect(store.getState().discard).toBeNull();
  });

  it('exports the waiting transactions and says how many', async () => {
    const file = { fileName: 'bitig-offline.koc', content: 'Version=1.0\n', count: 2 };
    const api = syncApi().handle('sync.exportKoc', () => ok(file));
    const store = createSyncStore(api);
    store.getState().open('2468');
    await flush();
    expect(await store.getState().exportKoc()).toEqual(file);
    expect(store.getState().exported).toEqual({ count: 2, fileName: 'bitig-offline.koc' });

    api.handle('sync.exportKoc', () => ({ ok: false, error: { code: 'STAFF_PIN_WRONG', message: 'x' } }));
    expect(await store.getState().exportKoc()).toBeNull();
    expect(store.getState()).toMatchObject({
      exporting: false,
      exported: null,
      actionError: { rowId: null },
    });
  });

  it('reloads after the link to the core comes back, while open', async () => {
    const api = syncApi();
    const store = createSyncStore(api);
    store.getState().open('2468');
    await flush();
    const before = api.calls.length;
    api.setConnection({ status: 'disconnected', retryAt: null });
    api.setConnection({ status: 'connected', retryAt: null });
    await flush();
    expect(api.calls.slice(before).map((c) => c.method)).toEqual(['sync.status', 'sync.report']);
  });

  it('keys the counts so that only a change of counts reloads', () => {
    expect(countsKey(status({ done: 1 }))).toBe(countsKey(status({ done: 1 }, false)));
    expect(countsKey(status({ done: 1 }))).not.toBe(countsKey(status({ done: 2 })));
    expect(countsKey(null)).toBe('');
  });
});

describe('the .koc download', () => {
  it('clicks a download link to a blob URL and frees it later', async () => {
    vi.useFakeTimers();
    try {
      const { offerDownload } = await import('../../../renderer/src/screens/sync/download.js');
      const link = { href: '', download: '', rel: '', hidden: false, click: vi.fn(), remove: vi.fn() };
      const doc = { createElement: vi.fn(() => link), body: { append: vi.fn() } };
      const urls = { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() };
      offerDownload('a.koc', 'content', doc as unknown as Document, urls);
      expect(link).toMatchObject({ href: 'blob:x', download: 'a.koc', hidden: true });
      expect(link.click).toHaveBeenCalledOnce();
      expect(link.remove).toHaveBeenCalledOnce();
      const blob = (urls.createObjectURL.mock.calls[0] as unknown as [Blob])[0];
      expect(await blob.text()).toBe('content');
      expect(urls.revokeObjectURL).not.toHaveBeenCalled();
      vi.runAllTimers();
      expect(urls.revokeObjectURL).toHaveBeenCalledWith('blob:x');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the report while a queue drains', () => {
  it('is fetched again at most once per pause, however many events arrive', async () => {
    vi.useFakeTimers();
    try {
      let n = 0;
      const api = syncApi().handle('sync.report', () => {
        n += 1;
        return ok([row(n)]);
      });
      const store = createSyncStore(api, { reportPauseMs: 1000 });
      store.getState().open('2468');
      await vi.advanceTimersByTimeAsync(0);
      expect(n).toBe(1);
      for (let done = 10; done < 20; done += 1) api.emit('sync.status', status({ done }));
      await vi.advanceTimersByTimeAsync(0);
      // The first event starts a load at once; the others wait for it and a pause, then make one.
      expect(n).toBe(2);
      await vi.advanceTimersByTimeAsync(999);
      expect(n).toBe(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(n).toBe(3);
      await vi.advanceTimersByTimeAsync(5000);
      expect(n).toBe(3);
      expect(store.getState().rows.map((r) => r.id)).toEqual([3]);
    } finally {
      vi.useRealTimers();
    }
  });
});

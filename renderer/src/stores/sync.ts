import {
  type ContractError,
  type KocExport,
  OUTBOX_STATES,
  type ReplayReportRow,
  type SyncStatus,
} from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';
import { isStaffPin } from './kiosk-settings-rules.js';
import { reloadOnReconnect } from './reload-on-reconnect.js';

/**
 * The sync queue screen's store: the outbox counts (live from the `sync.status` event), the replay
 * report with its filters, and the staff's actions on it (retry, discard with a reason, .koc export).
 * The same store serves the operator's "Sync queue" section and the kiosk admin's tab.
 */

export type OutboxStateName = (typeof OUTBOX_STATES)[number];

/** The report's filters: everything, what needs staff, or one queue state. */
export const SyncFilter = {
  all: 'all',
  attention: 'attention',
  pending: 'pending',
  in_flight: 'in_flight',
  done: 'done',
  failed: 'failed',
  dead: 'dead',
} as const satisfies Record<string, string> & Record<OutboxStateName, string>;
export type SyncFilter = (typeof SyncFilter)[keyof typeof SyncFilter];

export const SYNC_FILTERS: readonly SyncFilter[] = [SyncFilter.all, SyncFilter.attention, ...OUTBOX_STATES];

/** The queue states in the order the screen shows them. */
export const QUEUE_STATES: readonly OutboxStateName[] = OUTBOX_STATES;

/** Rows shown at first; "show more" adds as many again. */
export const PAGE_ROWS = 100;

/** A discard needs a reason of this length (the contract's bounds). */
export const DISCARD_REASON_MIN = 3;
export const DISCARD_REASON_MAX = 500;

export function matchesFilter(row: ReplayReportRow, filter: SyncFilter): boolean {
  if (filter === SyncFilter.all) return true;
  if (filter === SyncFilter.attention) return row.attention;
  return row.state === filter;
}

/** The report's rows under a filter, newest transaction first. */
export function filterRows(rows: readonly ReplayReportRow[], filter: SyncFilter): ReplayReportRow[] {
  return rows.filter((row) => matchesFilter(row, filter)).sort(newestFirst);
}

function newestFirst(a: ReplayReportRow, b: ReplayReportRow): number {
  return b.eventTime.localeCompare(a.eventTime) || b.id - a.id;
}

/** How many rows each filter would show. */
export function filterCounts(rows: readonly ReplayReportRow[]): Record<SyncFilter, number> {
  const counts = Object.fromEntries(SYNC_FILTERS.map((f) => [f, 0])) as Record<SyncFilter, number>;
  for (const row of rows) for (const f of SYNC_FILTERS) if (matchesFilter(row, f)) counts[f] += 1;
  return counts;
}

/** Staff may send a row again, or set it aside, once it has failed or been given up. */
export function canAct(row: ReplayReportRow): boolean {
  return row.state === 'dead' || row.state === 'failed';
}

export function isDiscardReason(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= DISCARD_REASON_MIN && trimmed.length <= DISCARD_REASON_MAX;
}

export interface TargetSummary {
  name: string;
  /** null until a first attempt or probe says. */
  online: boolean | null;
  paused: boolean;
  registered: boolean;
  counts: Record<OutboxStateName, number>;
  /** Rows being worked on right now. */
  working: number;
  lastError: string | null;
}

/** The status's targets for the screen: the library system (sip2) first, then by name. */
export function targetSummaries(status: SyncStatus | null): TargetSummary[] {
  if (!status) return [];
  return Object.entries(status.targets)
    .map(([name, t]) => ({
      name,
      online: t.online,
      paused: t.paused,
      registered: t.registered,
      counts: t.counts,
      working: t.working.length,
      lastError: t.lastError?.message ?? null,
    }))
    .sort((a, b) => Number(b.name === 'sip2') - Number(a.name === 'sip2') || a.name.localeCompare(b.name));
}

/** What the counts say, for noticing that the report is out of date. */
export function countsKey(status: SyncStatus | null): string {
  if (!status) return '';
  return Object.entries(status.targets)
    .map(([name, t]) => `${name}:${QUEUE_STATES.map((s) => t.counts[s]).join(',')}`)
    .sort()
    .join(';');
}

export interface DiscardDraft {
  id: number;
  reason: string;
  /** The reason was too short when staff confirmed. */
  invalid: boolean;
}

export interface SyncData {
  status: SyncStatus | null;
  statusError: ContractError | null;
  rows: ReplayReportRow[];
  /** The report has been loaded at least once since the screen opened. */
  loaded: boolean;
  loading: boolean;
  reportError: ContractError | null;
  filter: SyncFilter;
  /** How many of the filtered rows are shown. */
  shown: number;
  /** The staff PIN for retry, discard and export; kept in memory while the screen is open. */
  staffPin: string;
  /**
   * The PIN the report is asked with, so its rows carry card numbers: the admin screen's (already
   * checked) or one staff confirmed with "Show card numbers". Never each typed digit: a wrong PIN
   * counts against the lockout.
   */
  cardsPin: string | null;
  /** The row whose retry or discard is under way. */
  busyRow: number | null;
  /** The last action's failure, and on which row (null: the export). */
  actionError: { rowId: number | null; error: ContractError } | null;
  /** The row just sent back to the queue by "Retry now". */
  retried: number | null;
  discard: DiscardDraft | null;
  exporting: boolean;
  exported: { count: number; fileName: string | null } | null;
}

export function closedSyncState(): SyncData {
  return {
    status: null,
    statusError: null,
    rows: [],
    loaded: false,
    loading: false,
    reportError: null,
    filter: SyncFilter.all,
    shown: PAGE_ROWS,
    staffPin: '',
    cardsPin: null,
    busyRow: null,
    actionError: null,
    retried: null,
    discard: null,
    exporting: false,
    exported: null,
  };
}

export interface SyncState extends SyncData {
  /**
   * The screen is shown: loads the status and the report, and from now on reloads the report
   * whenever the counts change. Returns the function to call when the screen goes (which forgets
   * the staff PIN and the report).
   */
  open(staffPin?: string | null): () => void;
  loadStatus(): Promise<void>;
  loadReport(): Promise<void>;
  setFilter(filter: SyncFilter): void;
  showMore(): void;
  /** The PIN typed on a station without the kiosk's admin screen; digits only. */
  setStaffPin(pin: string): void;
  /** Reloads the report with the typed staff PIN, so it shows card numbers. */
  showCardNumbers(): Promise<void>;
  retry(id: number): Promise<void>;
  startDiscard(id: number): void;
  setDiscardReason(reason: string): void;
  cancelDiscard(): void;
  confirmDiscard(): Promise<void>;
  /** Writes the waiting transactions to a .koc file; its content for the screen to offer. */
  exportKoc(): Promise<KocExport | null>;
}

export type SyncStore = StoreApi<SyncState>;

const NONE = -1;

export interface SyncStoreOptions {
  /**
   * While the counts keep moving (a queue draining), the report is fetched again at most this
   * often after the previous answer (default 1 s): a long report is not re-read on every event.
   */
  reportPauseMs?: number;
}

export function createSyncStore(api: ApiClient, options: SyncStoreOptions = {}): SyncStore {
  const reportPauseMs = options.reportPauseMs ?? 1000;
  /** Bumped when the screen closes: replies to calls made before are dropped. */
  let epoch = 0;
  /** Bumped by every status event: a status reply older than an event is dropped. */
  let statusSeq = 0;
  let openCount = 0;
  /** The epoch whose report load is under way (NONE: none is). */
  let reportBusy = NONE;
  let reportAgain = false;
  /** The counts the report was last asked for; null: not known yet (the first status only sets them). */
  let lastCounts: string | null = null;

  const store = createStore<SyncState>()((set, get) => {
    const replaceRow = (row: ReplayReportRow) =>
      set((st) => ({ rows: st.rows.map((r) => (r.id === row.id ? row : r)) }));

    /** The screen offers the actions only with a PIN of the right shape; this is the guard. */
    const staffPinOrNull = (): string | null => {
      const pin = get().staffPin;
      return isStaffPin(pin) ? pin : null;
    };

    return {
      ...closedSyncState(),

      open(staffPin) {
        openCount += 1;
        epoch += 1;
        reportAgain = false;
        const pin = staffPin ?? '';
        set({
          ...closedSyncState(),
          status: get().status,
          staffPin: pin,
          cardsPin: isStaffPin(pin) ? pin : null,
        });
        const known = get().status;
        lastCounts = known ? countsKey(known) : null;
        void get().loadStatus();
        void get().loadReport();
        let closed = false;
        return () => {
          if (closed) return;
          closed = true;
          openCount -= 1;
          epoch += 1;
          reportAgain = false;
          set({ ...closedSyncState(), status: get().status });
        };
      },

      async loadStatus() {
        const seq = statusSeq;
        const result = await api.call('sync.status', {});
        if (seq !== statusSeq) return;
        if (result.ok) applyStatus(result.value);
        else set({ statusError: result.error });
      },

      async loadReport() {
        // One load (and the pause after it) at a time per open screen; asks meanwhile make one more.
        if (reportBusy === epoch) {
          reportAgain = true;
          return;
        }
        const started = epoch;
        reportBusy = started;
        set({ loading: true });
        const cardsPin = get().cardsPin;
        const result = await api.call('sync.report', cardsPin ? { staffPin: cardsPin } : {});
        if (started !== epoch) return;
        if (result.ok) set({ rows: result.value, loaded: true, loading: false, reportError: null });
        // A refused PIN is not asked again on every reload: the report goes on without card numbers.
        else set({ loading: false, reportError: result.error, cardsPin: null });
        if (reportAgain) {
          reportAgain = false;
          await new Promise((resolve) => setTimeout(resolve, reportPauseMs));
          if (started !== epoch) return;
          reportBusy = NONE;
          await get().loadReport();
          return;
        }
        reportBusy = NONE;
      },

      setFilter(filter) {
        set({ filter, shown: PAGE_ROWS });
      },

      showMore() {
        set((st) => ({ shown: st.shown + PAGE_ROWS }));
      },

      setStaffPin(pin) {
        set({ staffPin: pin.replace(/\D/g, '').slice(0, 12), actionError: null });
      },

      async showCardNumbers() {
        const staffPin = staffPinOrNull();
        if (staffPin === null) return;
        set({ cardsPin: staffPin });
        await get().loadReport();
      },

      async retry(id) {
        if (get().busyRow !== null) return;
        const staffPin = staffPinOrNull();
        if (staffPin === null) return;
        const started = epoch;
        set({ busyRow: id, actionError: null, retried: null, exported: null });
        const result = await api.call('sync.retryNow', { staffPin, id });
        if (started !== epoch) return;
        if (result.ok) {
          replaceRow(result.value);
          set({ busyRow: null, retried: id });
          void get().loadStatus();
          void get().loadReport();
        } else {
          set({ busyRow: null, actionError: { rowId: id, error: result.error } });
        }
      },

      startDiscard(id) {
        set({ discard: { id, reason: '', invalid: false }, actionError: null, retried: null });
      },

      setDiscardReason(reason) {
        const draft = get().discard;
        if (draft) set({ discard: { ...draft, reason, invalid: draft.invalid && !isDiscardReason(reason) } });
      },

      cancelDiscard() {
        set({ discard: null });
      },

      async confirmDiscard() {
        const draft = get().discard;
        if (!draft || get().busyRow !== null) return;
        if (!isDiscardReason(draft.reason)) {
          set({ discard: { ...draft, invalid: true } });
          return;
        }
        const staffPin = staffPinOrNull();
        if (staffPin === null) return;
        const started = epoch;
        set({ busyRow: draft.id, actionError: null, exported: null });
        const result = await api.call('sync.discard', {
          staffPin,
          id: draft.id,
          reason: draft.reason.trim(),
        });
        if (started !== epoch) return;
        if (result.ok) {
          replaceRow(result.value);
          set({ busyRow: null, discard: null });
          void get().loadStatus();
          void get().loadReport();
        } else {
          // The dialog stays open with the reason typed, and says what went wrong.
          set({ busyRow: null, actionError: { rowId: draft.id, error: result.error } });
        }
      },

      async exportKoc() {
        if (get().exporting) return null;
        const staffPin = staffPinOrNull();
        if (staffPin === null) return null;
        const started = epoch;
        set({ exporting: true, exported: null, actionError: null, retried: null });
        const result = await api.call('sync.exportKoc', { staffPin });
        if (started !== epoch) return null;
        if (!result.ok) {
          set({ exporting: false, actionError: { rowId: null, error: result.error } });
          return null;
        }
        set({ exporting: false, exported: { count: result.value.count, fileName: result.value.fileName } });
        // The export changes the outbox behind the engine's back: no status event tells of it.
        void get().loadStatus();
        void get().loadReport();
        return result.value;
      },
    };
  });

  /** A status (from the event or a reply): kept, and the report reloaded when the counts moved. */
  function applyStatus(status: SyncStatus) {
    store.setState({ status, statusError: null });
    const key = countsKey(status);
    if (key !== lastCounts) {
      const first = lastCounts === null;
      lastCounts = key;
      if (openCount > 0 && !first) void store.getState().loadReport();
    }
  }

  api.on('sync.status', (status) => {
    statusSeq += 1;
    applyStatus(status);
  });

  reloadOnReconnect(api, () => {
    if (openCount === 0) return;
    void store.getState().loadStatus();
    void store.getState().loadReport();
  });

  return store;
}

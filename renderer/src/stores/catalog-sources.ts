import {
  type CatalogQuery,
  type CatalogSourceTestResult,
  type ContractError,
  type LookupKind,
  type SavedCatalogSource,
  STAFF_PIN_MAX,
} from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';
import {
  checkDraft,
  draftOf,
  type FieldProblems,
  movedNames,
  newDraft,
  SOURCE_FIELD,
  type SourceDraft,
} from './catalog-source-form.js';
import { isStaffPin } from './kiosk-settings-rules.js';

/** pin: asking the staff PIN. notSet: the station has none (only the terminal sets one). ready: the list. */
export const SettingsPhase = { pin: 'pin', notSet: 'notSet', ready: 'ready' } as const;
export type SettingsPhase = (typeof SettingsPhase)[keyof typeof SettingsPhase];

/** What the screen last did, for it to announce. */
export interface SourcesNotice {
  kind: 'saved' | 'deleted' | 'moved';
  name: string;
}

/** The lookup a test runs: ISBN first, as most catalogues answer it. */
export interface TestQuery {
  kind: LookupKind;
  value: string;
}

export interface CatalogSourcesData {
  phase: SettingsPhase;
  /** The PIN as typed in the gate. */
  entry: string;
  /** The verified staff PIN, sent with every change; kept in memory only, dropped on leaving. */
  staffPin: string | null;
  pinBusy: boolean;
  pinError: ContractError | null;
  /** Typed PIN has not the contract's shape (4 to 12 digits): said before asking the station. */
  pinShort: boolean;

  sources: SavedCatalogSource[];
  loaded: boolean;
  error: ContractError | null;
  /** A reorder running (one at a time), and a refused reorder. */
  busy: boolean;
  actionError: ContractError | null;
  notice: SourcesNotice | null;

  draft: SourceDraft | null;
  /** Shown once the operator tried to save or test: problems by field. */
  problems: FieldProblems;
  saving: boolean;
  saveError: ContractError | null;

  testQuery: TestQuery;
  testing: boolean;
  testResult: CatalogSourceTestResult | null;
  /** The test call itself refused (a wrong PIN, a field the station refused). */
  testError: ContractError | null;

  removing: SavedCatalogSource | null;
  deleting: boolean;
  deleteError: ContractError | null;
}

export interface CatalogSourcesState extends CatalogSourcesData {
  typePin(text: string): void;
  submitPin(): Promise<void>;
  load(): Promise<void>;
  startNew(): void;
  startEdit(name: string): void;
  /** Changes the draft; problems already shown are checked again as the operator types. */
  update(recipe: (draft: SourceDraft) => SourceDraft): void;
  cancelEdit(): void;
  save(): Promise<boolean>;
  setTestQuery(patch: Partial<TestQuery>): void;
  runTest(): Promise<void>;
  move(name: string, step: -1 | 1): Promise<void>;
  askDelete(name: string): void;
  cancelDelete(): void;
  confirmDelete(): Promise<void>;
  /** Another part of the section had its PIN refused: back to the gate, saying why. */
  pinRefused(error: ContractError): void;
  /** Leaving the section: the PIN and everything typed are forgotten. */
  reset(): void;
}

export type CatalogSourcesStore = StoreApi<CatalogSourcesState>;

export function closedSourcesState(): CatalogSourcesData {
  return {
    phase: 'pin',
    entry: '',
    staffPin: null,
    pinBusy: false,
    pinError: null,
    pinShort: false,
    sources: [],
    loaded: false,
    error: null,
    busy: false,
    actionError: null,
    notice: null,
    draft: null,
    problems: {},
    saving: false,
    saveError: null,
    testQuery: { kind: 'isbn', value: '' },
    testing: false,
    testResult: null,
    testError: null,
    removing: null,
    deleting: false,
    deleteError: null,
  };
}

/** Refusals that mean the PIN is no longer good: back to the gate, saying why. */
const PIN_CODES = new Set(['STAFF_PIN_WRONG', 'STAFF_PIN_LOCKED', 'STAFF_PIN_NOT_SET']);

/**
 * The Settings section's catalog sources: staff only (the PIN first), the sources in the order
 * lookups try them, an editor checked with the contract's schema before anything is sent, a test
 * lookup with the source as typed, reordering and deleting (after asking).
 */
export function createCatalogSourcesStore(api: ApiClient): CatalogSourcesStore {
  // Bumped on reset: an answer to a call made before leaving the section is dropped.
  let epoch = 0;
  return createStore<CatalogSourcesState>()((set, get) => {
    /** A refusal: a PIN one sends the operator back to the gate (the PIN changed or locked). */
    const refused = (error: ContractError): boolean => {
      if (!PIN_CODES.has(error.code)) return false;
      set({
        ...closedSourcesState(),
        phase: error.code === 'STAFF_PIN_NOT_SET' ? 'notSet' : 'pin',
        pinError: error,
      });
      return true;
    };

    return {
      ...closedSourcesState(),

      typePin(text) {
        set({ entry: text.replace(/\D/g, '').slice(0, STAFF_PIN_MAX), pinShort: false });
      },

      async submitPin() {
        const { entry, pinBusy, phase } = get();
        if (pinBusy || phase !== 'pin') return;
        if (!isStaffPin(entry)) {
          set({ pinShort: true, pinError: null });
          return;
        }
        const started = epoch;
        set({ pinBusy: true, pinError: null });
        const result = await api.call('admin.verifyStaffPin', { staffPin: entry });
        if (started !== epoch) return;
        if (!result.ok) {
          set({
            pinBusy: false,
            entry: '',
            pinError: result.error,
            phase: result.error.code === 'STAFF_PIN_NOT_SET' ? 'notSet' : 'pin',
          });
          return;
        }
        set({ pinBusy: false, entry: '', staffPin: entry, phase: 'ready' });
        await get().load();
      },

      async load() {
        const started = epoch;
        const result = await api.call('catalogSources.list', {});
        if (started !== epoch) return;
        if (result.ok) set({ sources: result.value, loaded: true, error: null });
        else set({ error: result.error });
      },

      startNew() {
        set({
          draft: newDraft(),
          problems: {},
          saveError: null,
          testResult: null,
          testError: null,
          notice: null,
        });
      },

      startEdit(name) {
        const saved = get().sources.find((s) => s.source.name === name);
        if (!saved) return;
        set({
          draft: draftOf(saved),
          problems: {},
          saveError: null,
          testResult: null,
          testError: null,
          notice: null,
        });
      },

      update(recipe) {
        const draft = get().draft;
        if (!draft) return;
        const next = recipe(draft);
        const shown = Object.keys(get().problems).length > 0;
        set({ draft: next, saveError: null, problems: shown ? checkDraft(next).problems : {} });
      },

      cancelEdit() {
        if (!get().saving)
          set({ draft: null, problems: {}, saveError: null, testResult: null, testError: null });
      },

      async save() {
        const { draft, staffPin, saving } = get();
        if (!draft || !staffPin || saving) return false;
        const { request, problems } = checkDraft(draft);
        set({ problems });
        if (!request) return false;
        const started = epoch;
        set({ saving: true, saveError: null });
        const result = await api.call('catalogSources.save', {
          staffPin,
          ...request,
          ...(draft.replaces === null ? {} : { replaces: draft.replaces }),
        });
        if (started !== epoch) return false;
        if (!result.ok) {
          set({ saving: false });
          if (!refused(result.error)) set({ saveError: result.error });
          return false;
        }
        set({
          saving: false,
          draft: null,
          problems: {},
          sources: result.value,
          loaded: true,
          testResult: null,
          notice: { kind: 'saved', name: request.source.name.trim() },
        });
        return true;
      },

      setTestQuery(patch) {
        const { [SOURCE_FIELD.testValue]: _typed, ...problems } = get().problems;
        set((st) => ({ testQuery: { ...st.testQuery, ...patch }, problems }));
      },

      async runTest() {
        const { draft, staffPin, testing, testQuery } = get();
        if (!draft || !staffPin || testing) return;
        const { request, problems } = checkDraft(draft);
        set({ problems });
        if (!request) return;
        // An empty value is not a lookup: the field says so rather than the station.
        const query: CatalogQuery = { kind: testQuery.kind, value: testQuery.value.trim() };
        if (query.value === '') {
          set({ problems: { ...problems, [SOURCE_FIELD.testValue]: { kind: 'required' } } });
          return;
        }
        const started = epoch;
        set({ testing: true, testResult: null, testError: null });
        const result = await api.call('catalogSources.test', {
          staffPin,
          ...request,
          ...(draft.replaces === null ? {} : { replaces: draft.replaces }),
          query,
        });
        if (started !== epoch) return;
        if (result.ok) set({ testing: false, testResult: result.value });
        else {
          set({ testing: false });
          if (!refused(result.error)) set({ testError: result.error });
        }
      },

      async move(name, step) {
        const { sources, staffPin, busy } = get();
        if (!staffPin || busy) return;
        const names = movedNames(
          sources.map((s) => s.source.name),
          name,
          step,
        );
        if (!names) return;
        const started = epoch;
        set({ busy: true, actionError: null, notice: null });
        const result = await api.call('catalogSources.reorder', { staffPin, names });
        if (started !== epoch) return;
        if (result.ok) {
          set({ busy: false, sources: result.value, notice: { kind: 'moved', name } });
          return;
        }
        set({ busy: false });
        if (refused(result.error)) return;
        set({ actionError: result.error });
        // Changed elsewhere meanwhile (a source added or deleted): show what the station has now.
        void get().load();
      },

      askDelete(name) {
        const removing = get().sources.find((s) => s.source.name === name) ?? null;
        set({ removing, deleteError: null, notice: null });
      },

      cancelDelete() {
        if (!get().deleting) set({ removing: null, deleteError: null });
      },

      async confirmDelete() {
        const { removing, staffPin, deleting } = get();
        if (!removing || !staffPin || deleting) return;
        const started = epoch;
        const name = removing.source.name;
        set({ deleting: true, deleteError: null });
        const result = await api.call('catalogSources.delete', { staffPin, name });
        if (started !== epoch) return;
        if (result.ok) {
          set({ deleting: false, removing: null, sources: result.value, notice: { kind: 'deleted', name } });
          return;
        }
        set({ deleting: false });
        if (refused(result.error)) return;
        set({ deleteError: result.error });
        if (result.error.code === 'CATALOG_SOURCE_NOT_FOUND') void get().load();
      },

      pinRefused(error) {
        epoch += 1;
        refused(error);
      },

      reset() {
        epoch += 1;
        set(closedSourcesState());
      },
    };
  });
}

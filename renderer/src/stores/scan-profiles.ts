import type { ContractError, SavedScanProfile, ScannerSummary } from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';
import {
  copyProfile,
  type EditableProfile,
  type NameProblem,
  nameProblem,
  pageSizeValid,
} from './profile-fields.js';

/** The editor's form: a new profile (`id: null`) or a saved one being changed. */
export interface ProfileDraft {
  id: string | null;
  name: string;
  profile: EditableProfile;
  /** New jobs start from this profile. */
  isDefault: boolean;
}

/** What the screen last did, for it to announce. */
export interface ProfilesNotice {
  kind: 'saved' | 'deleted' | 'default' | 'noDefault';
  name: string;
}

export interface ScanProfilesState {
  profiles: SavedScanProfile[];
  loaded: boolean;
  loading: boolean;
  error: ContractError | null;
  /** The scanners the editor offers (and the list names profiles' scanners by). */
  scanners: ScannerSummary[];
  scannersLoaded: boolean;
  scannersError: ContractError | null;

  draft: ProfileDraft | null;
  /** Set once the operator tried to save: problems with the name are shown from then on. */
  draftChecked: boolean;
  saving: boolean;
  saveError: ContractError | null;

  /** The profile whose deletion waits for the operator's confirmation. */
  removing: SavedScanProfile | null;
  deleting: boolean;
  deleteError: ContractError | null;

  /** A default being set or cleared (one at a time), and its refusal. */
  busy: boolean;
  actionError: ContractError | null;
  notice: ProfilesNotice | null;

  /** The screen opens: what it said last time is gone; the list and the scanners are read again. */
  open(): void;
  load(): Promise<void>;
  loadScanners(): Promise<void>;
  startNew(): void;
  startEdit(id: string): void;
  setName(name: string): void;
  setDraftProfile(patch: Partial<EditableProfile>): void;
  setDraftDefault(isDefault: boolean): void;
  cancelEdit(): void;
  /** Sends the draft; true when the station saved it (the editor closes). */
  save(): Promise<boolean>;
  askDelete(id: string): void;
  cancelDelete(): void;
  confirmDelete(): Promise<void>;
  setDefault(id: string | null): Promise<void>;
}

export type ScanProfilesStore = StoreApi<ScanProfilesState>;

/** Where a new profile starts: the feeder, greyscale at 300 dpi, A4. */
export const NEW_PROFILE: EditableProfile = { source: 'adf', mode: 'gray', resolution: 300, pageSize: 'a4' };

/** What keeps the draft from being sent: a problem with the name, or a custom size out of bounds. */
export function draftProblems(draft: ProfileDraft): { name: NameProblem | null; size: boolean } {
  return { name: nameProblem(draft.name), size: !pageSizeValid(draft.profile.pageSize) };
}

/**
 * The Scan profiles screen: the station's saved profiles (kept by the core in the station's
 * settings), an editor to add or change one, deleting with confirmation, and the default that
 * new jobs start from. Refusals (a name already used) come back as the contract's error codes.
 */
export function createScanProfilesStore(api: ApiClient): ScanProfilesStore {
  const store = createStore<ScanProfilesState>()((set, get) => ({
    profiles: [],
    loaded: false,
    loading: false,
    error: null,
    scanners: [],
    scannersLoaded: false,
    scannersError: null,
    draft: null,
    draftChecked: false,
    saving: false,
    saveError: null,
    removing: null,
    deleting: false,
    deleteError: null,
    busy: false,
    actionError: null,
    notice: null,

    open() {
      set({
        notice: null,
        actionError: null,
        draft: null,
        removing: null,
        saveError: null,
        deleteError: null,
      });
      void get().load();
      void get().loadScanners();
    },

    async load() {
      set({ loading: !get().loaded });
      const result = await api.call('scanProfiles.list', {});
      if (result.ok) set({ profiles: result.value, loaded: true, loading: false, error: null });
      else set({ loading: false, error: result.error });
    },

    async loadScanners() {
      const result = await api.call('scanners.list', {});
      if (result.ok) set({ scanners: result.value, scannersLoaded: true, scannersError: null });
      else set({ scannersLoaded: true, scannersError: result.error });
    },

    startNew() {
      set({
        draft: {
          id: null,
          name: '',
          profile: copyProfile(NEW_PROFILE),
          // The first profile a station gets is the one its new jobs start from, unless unticked.
          isDefault: get().profiles.length === 0,
        },
        draftChecked: false,
        saveError: null,
        notice: null,
      });
      void get().loadScanners();
    },

    startEdit(id) {
      const saved = get().profiles.find((p) => p.id === id);
      if (!saved) return;
      set({
        draft: { id, name: saved.name, profile: copyProfile(saved.profile), isDefault: saved.isDefault },
        draftChecked: false,
        saveError: null,
        notice: null,
      });
      void get().loadScanners();
    },

    setName(name) {
      const draft = get().draft;
      if (draft) set({ draft: { ...draft, name }, saveError: null });
    },

    setDraftProfile(patch) {
      const draft = get().draft;
      if (!draft) return;
      const profile = { ...draft.profile, ...patch };
      if ('device' in patch && patch.device === undefined) delete profile.device;
      set({ draft: { ...draft, profile }, saveError: null });
    },

    setDraftDefault(isDefault) {
      const draft = get().draft;
      if (draft) set({ draft: { ...draft, isDefault } });
    },

    cancelEdit() {
      if (!get().saving) set({ draft: null, draftChecked: false, saveError: null });
    },

    async save() {
      const draft = get().draft;
      if (!draft || get().saving) return false;
      const problems = draftProblems(draft);
      if (problems.name !== null || problems.size) {
        set({ draftChecked: true });
        return false;
      }
      set({ saving: true, saveError: null, draftChecked: true });
      const result = await api.call('scanProfiles.save', {
        ...(draft.id === null ? {} : { id: draft.id }),
        name: draft.name,
        profile: draft.profile,
        makeDefault: draft.isDefault,
      });
      if (!result.ok) {
        set({ saving: false, saveError: result.error });
        return false;
      }
      set({
        saving: false,
        draft: null,
        draftChecked: false,
        profiles: result.value.profiles,
        loaded: true,
        notice: { kind: 'saved', name: result.value.saved.name },
      });
      return true;
    },

    askDelete(id) {
      const removing = get().profiles.find((p) => p.id === id) ?? null;
      set({ removing, deleteError: null, notice: null });
    },

    cancelDelete() {
      if (!get().deleting) set({ removing: null, deleteError: null });
    },

    async confirmDelete() {
      const removing = get().removing;
      if (!removing || get().deleting) return;
      set({ deleting: true, deleteError: null });
      const result = await api.call('scanProfiles.delete', { id: removing.id });
      if (result.ok) {
        set({
          deleting: false,
          removing: null,
          profiles: result.value,
          notice: { kind: 'deleted', name: removing.name },
        });
        return;
      }
      // Gone already (deleted elsewhere): the list is what the station has now.
      set({ deleting: false, deleteError: result.error });
      if (result.error.code === 'SCAN_PROFILE_NOT_FOUND') void get().load();
    },

    async setDefault(id) {
      if (get().busy) return;
      const name = get().profiles.find(
        (p) => p.id === (id ?? get().profiles.find((q) => q.isDefault)?.id),
      )?.name;
      set({ busy: true, actionError: null, notice: null });
      const result = await api.call('scanProfiles.setDefault', { id });
      if (result.ok) {
        set({
          busy: false,
          profiles: result.value,
          notice: name === undefined ? null : { kind: id === null ? 'noDefault' : 'default', name },
        });
        return;
      }
      set({ busy: false, actionError: result.error });
      if (result.error.code === 'SCAN_PROFILE_NOT_FOUND') void get().load();
    },
  }));
  return store;
}

import {
  type BibRecord,
  type CatalogQuery,
  type ContractError,
  type SavedScanProfile,
  type ScannerSummary,
  ScanProfile,
} from '@contract/index.js';
import { copyProfile, type EditableProfile, pageSizeValid } from '../profile-fields.js';
import { freshLookup } from './catalog-lookup.js';
import { type JobsContext, JobsScreen } from './context.js';
import { applyDetail, closedJob } from './pages.js';

/**
 * A new job: its barcode and scan profile (the last one used is remembered), and creating it, with
 * the record picked or typed, or with the lookup to keep trying (`catalog-lookup.ts` finds them).
 */

export const DEFAULT_PROFILE: EditableProfile = { source: 'adf', mode: 'gray', resolution: 300 };
export const RESOLUTIONS: readonly number[] = [150, 200, 300, 400, 600];
export const PROFILE_STORAGE_KEY = 'bitig.scanProfile';

export interface ProfileStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function readProfile(storage: ProfileStorage | null): EditableProfile {
  try {
    const raw = storage?.getItem(PROFILE_STORAGE_KEY);
    if (!raw) return DEFAULT_PROFILE;
    const parsed = ScanProfile.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_PROFILE;
  } catch {
    return DEFAULT_PROFILE;
  }
}

/** Barcodes as the contract takes them: trimmed, 1..64 characters. */
export function isItemBarcode(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 64;
}

export interface NewJobSlice {
  scanners: ScannerSummary[];
  scannersLoaded: boolean;
  scannersError: ContractError | null;
  /**
   * The profile for new jobs: the station's default saved profile when it has one, else the last
   * one used (remembered across restarts); the operator may change it for one job.
   */
  profile: EditableProfile;
  /** The station's saved profiles, as the new-job screen offers them. */
  savedProfiles: SavedScanProfile[];
  /** The saved profile the fields were filled from; null when set by hand. */
  savedProfileId: string | null;
  barcode: string;
  creating: boolean;
  createError: ContractError | null;

  newJob(): void;
  loadScanners(): Promise<void>;
  setBarcode(text: string): void;
  setProfile(patch: Partial<EditableProfile>): void;
  /** Loads the station's saved profiles; the default one fills the fields unless the operator began. */
  loadSavedProfiles(): Promise<void>;
  /** Fills the fields from a saved profile (null: none chosen; the fields stay as they are). */
  chooseSavedProfile(id: string | null): void;
  /**
   * Creates the job for `barcode` (or the one typed) and opens capture; with the record picked or
   * typed, or the lookup the core keeps trying. Another job with the code: only once allowed.
   */
  createJob(barcode?: string, catalog?: { record?: BibRecord; lookup?: CatalogQuery }): Promise<void>;
}

export function createNewJobSlice(ctx: JobsContext, storage: ProfileStorage | null): NewJobSlice {
  const { api, set, get } = ctx;
  /** Bumped when the new-job screen opens; a saved-profile list from an earlier opening is stale. */
  let newJobEpoch = 0;
  /** The operator changed the profile on this new-job screen: the default no longer overrides it. */
  let profileTouched = false;
  return {
    scanners: [],
    scannersLoaded: false,
    scannersError: null,
    profile: readProfile(storage),
    savedProfiles: [],
    savedProfileId: null,
    barcode: '',
    creating: false,
    createError: null,

    newJob() {
      ctx.jobEpoch += 1;
      set({
        screen: JobsScreen.new,
        barcode: '',
        createError: null,
        creating: false,
        ...closedJob(),
        ...freshLookup(),
      });
      newJobEpoch += 1;
      profileTouched = false;
      void get().loadScanners();
      void get().loadSavedProfiles();
      void get().loadCatalogSources();
    },

    async loadSavedProfiles() {
      const epoch = newJobEpoch;
      const result = await api.call('scanProfiles.list', {});
      // Without the list the screen still works: the fields keep the last profile used.
      if (!result.ok || epoch !== newJobEpoch) return;
      const savedProfiles = result.value;
      const chosen = savedProfiles.find((p) => p.id === get().savedProfileId);
      const preset = savedProfiles.find((p) => p.isDefault);
      if (!profileTouched && preset) {
        set({ savedProfiles, profile: copyProfile(preset.profile), savedProfileId: preset.id });
      } else {
        set({ savedProfiles, savedProfileId: chosen ? chosen.id : null });
      }
    },

    chooseSavedProfile(id) {
      profileTouched = true;
      const saved = id === null ? undefined : get().savedProfiles.find((p) => p.id === id);
      if (!saved) {
        set({ savedProfileId: null });
        return;
      }
      set({ profile: copyProfile(saved.profile), savedProfileId: saved.id });
    },

    async loadScanners() {
      const result = await api.call('scanners.list', {});
      if (result.ok) set({ scanners: result.value, scannersLoaded: true, scannersError: null });
      else set({ scannersLoaded: true, scannersError: result.error });
    },

    setBarcode(text) {
      const query = get().lookup.query;
      // The code changed after its lookup: the records and duplicates shown were about the old one.
      if (query && (query.kind === 'isbn' || query.kind === 'barcode') && query.value !== text.trim()) {
        get().cancelLookup();
        set({ duplicates: [], allowDuplicate: false });
      }
      set({ barcode: text.slice(0, 64), createError: null });
    },

    setProfile(patch) {
      profileTouched = true;
      const next = { ...get().profile, ...patch };
      if (patch.device === undefined && 'device' in patch) delete next.device;
      set({ profile: next });
    },

    async createJob(barcode, catalog = {}) {
      const itemBarcode = (barcode ?? get().barcode).trim();
      if (get().creating) return;
      if (barcode !== undefined) set({ barcode: itemBarcode });
      if (!isItemBarcode(itemBarcode)) return;
      const profile = get().profile;
      // A half-typed custom size: the screen says what is wrong; nothing is sent.
      if (!pageSizeValid(profile.pageSize)) return;
      // The operator must have seen the other jobs with this code and said so.
      if (get().duplicates.length > 0 && !get().allowDuplicate) return;
      set({ creating: true, createError: null });
      const result = await api.call('jobs.create', {
        itemBarcode,
        profile,
        ...(catalog.record ? { record: catalog.record } : {}),
        ...(catalog.lookup && !catalog.record ? { lookup: catalog.lookup } : {}),
        ...(get().allowDuplicate ? { allowDuplicate: true } : {}),
      });
      if (!result.ok) {
        const jobs = result.error.code === 'JOB_DUPLICATE' ? result.error.jobs : undefined;
        // Another job got the code since the check: show it, and ask again.
        if (jobs) set({ duplicates: jobs, allowDuplicate: false });
        set({ creating: false, createError: result.error });
        return;
      }
      try {
        storage?.setItem(PROFILE_STORAGE_KEY, JSON.stringify(profile));
      } catch {
        // Remembering the profile is a convenience; a full or locked storage costs nothing else.
      }
      ctx.jobEpoch += 1;
      set({ ...closedJob(), creating: false, barcode: '', screen: JobsScreen.capture });
      applyDetail(ctx, result.value);
    },
  };
}

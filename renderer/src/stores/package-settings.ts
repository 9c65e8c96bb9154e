import type { ContractError } from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';
import type { FieldProblems } from './catalog-source-form.js';
import { checkSettingsDraft, type PackageSettingsDraft, settingsDraft } from './package-settings-form.js';

/**
 * Settings → Packages: the site's package defaults and the owner's rights statement, staff only.
 * The PIN is the Settings section's (asked once, by the catalog sources' gate): this store reads it
 * when saving and hands a refused PIN back, so the whole section locks. The contract's schema
 * checks the form before anything is sent.
 */

export interface PackageSettingsData {
  draft: PackageSettingsDraft | null;
  loadError: ContractError | null;
  /** Shown once the operator tried to save: problems by field. */
  problems: FieldProblems;
  saving: boolean;
  saveError: ContractError | null;
  /** Saved: said until the next change. */
  saved: boolean;
}

export interface PackageSettingsState extends PackageSettingsData {
  load(): Promise<void>;
  /** Changes the draft; problems already shown are checked again as the operator types. */
  update(recipe: (draft: PackageSettingsDraft) => PackageSettingsDraft): void;
  save(): Promise<boolean>;
  /** Leaving the section: what was typed is forgotten. */
  reset(): void;
}

export type PackageSettingsStore = StoreApi<PackageSettingsState>;

export interface PackageSettingsOptions {
  /** The verified staff PIN, or null while the section is locked. */
  staffPin: () => string | null;
  /** The station refused the PIN (changed or locked meanwhile): the section asks for it again. */
  onPinRefused: (error: ContractError) => void;
}

/** Refusals that mean the PIN is no longer good. */
const PIN_CODES = new Set(['STAFF_PIN_WRONG', 'STAFF_PIN_LOCKED', 'STAFF_PIN_NOT_SET']);

function closedState(): PackageSettingsData {
  return { draft: null, loadError: null, problems: {}, saving: false, saveError: null, saved: false };
}

export function createPackageSettingsStore(
  api: ApiClient,
  options: PackageSettingsOptions,
): PackageSettingsStore {
  // Bumped on reset: an answer to a call made before leaving the section is dropped.
  let epoch = 0;
  return createStore<PackageSettingsState>()((set, get) => ({
    ...closedState(),

    async load() {
      const started = epoch;
      const result = await api.call('packaging.settings', {});
      if (started !== epoch) return;
      if (result.ok) set({ draft: settingsDraft(result.value), loadError: null, problems: {} });
      else set({ loadError: result.error });
    },

    update(recipe) {
      const draft = get().draft;
      if (!draft || get().saving) return;
      const next = recipe(draft);
      const shown = Object.keys(get().problems).length > 0;
      set({
        draft: next,
        saved: false,
        saveError: null,
        problems: shown ? checkSettingsDraft(next).problems : {},
      });
    },

    async save() {
      const { draft, saving } = get();
      const staffPin = options.staffPin();
      if (!draft || !staffPin || saving) return false;
      const { settings, problems } = checkSettingsDraft(draft);
      set({ problems, saved: false });
      if (!settings) return false;
      const started = epoch;
      set({ saving: true, saveError: null });
      const result = await api.call('packaging.saveSettings', { staffPin, settings });
      if (started !== epoch) return false;
      if (!result.ok) {
        set({ saving: false });
        if (PIN_CODES.has(result.error.code)) options.onPinRefused(result.error);
        else set({ saveError: result.error });
        return false;
      }
      set({ saving: false, saved: true, draft: settingsDraft(result.value), problems: {} });
      return true;
    },

    reset() {
      epoch += 1;
      set(closedState());
    },
  }));
}

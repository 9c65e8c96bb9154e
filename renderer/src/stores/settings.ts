import {
  type ContractError,
  LANGUAGES,
  type Language,
  type Mode,
  type Result,
  type Role,
  type Settings,
  STAFF_PIN_MAX,
  STAFF_PIN_MIN,
} from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';
import { isStaffPin } from './kiosk-settings-rules.js';
import { reloadOnReconnect } from './reload-on-reconnect.js';

export interface SetupChoice {
  role: Role;
  mode: Mode;
  language: Language;
  /** The first staff PIN: set here or from the terminal, never later by whoever asks first. */
  staffPin?: string;
}

/** The staff PIN's length, as the contract's `StaffPin` checks it. */
export const SETUP_PIN = { min: STAFF_PIN_MIN, max: STAFF_PIN_MAX } as const;

export const SetupPinProblem = { required: 'required', short: 'short', mismatch: 'mismatch' } as const;
export type SetupPinProblem = (typeof SetupPinProblem)[keyof typeof SetupPinProblem];

/** What is wrong with the staff PIN typed at setup, if anything: a kiosk needs one; a station may wait. */
export function setupPinProblem(role: Role | null, pin: string, confirm: string): SetupPinProblem | null {
  if (pin === '' && confirm === '') return role === 'kiosk' ? SetupPinProblem.required : null;
  if (!isStaffPin(pin)) return SetupPinProblem.short;
  return pin === confirm ? null : SetupPinProblem.mismatch;
}

export interface SettingsState {
  /** The station's settings as the core last reported them; null until the first load. */
  settings: Settings | null;
  /** Why the last load failed, if it did (cleared by the next successful load or event). */
  loadError: ContractError | null;
  /**
   * The language the interface shows: the session's language while one is chosen, otherwise the
   * station's. The station's follows `settings.language`, but a switch takes effect at once, before
   * (and even without) the core confirming it, so a switch works while the link is down.
   */
  language: Language;
  /**
   * The language a kiosk patron chose for their own visit, or null. Never saved: it lives in this
   * store only and goes with `resetSessionLanguage` when the visit is wiped, so the next patron is
   * greeted in the station's language. Events and loads leave it alone (they speak of the station).
   */
  sessionLanguage: Language | null;
  load(): Promise<void>;
  completeSetup(choice: SetupChoice): Promise<Result<Settings>>;
  /** The station's language, saved on the core (the operator's switch, the kiosk's staff screen). */
  setLanguage(language: Language): Promise<Result<Settings>>;
  /** Shows `language` for this visit only: nothing is sent to the core. */
  setSessionLanguage(language: Language): void;
  /** The visit is over: back to the station's language. */
  resetSessionLanguage(): void;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(api: ApiClient, initialLanguage: Language = LANGUAGES[0]): SettingsStore {
  // Bumped by every settings.changed event, so a load reply older than an event does not undo it.
  let epoch = 0;
  // The station's language as the screen knows it: what `language` shows when no session has chosen.
  let station = initialLanguage;

  const store = createStore<SettingsState>()((set, get) => {
    const show = () => get().sessionLanguage ?? station;
    const accept = (settings: Settings) => {
      station = settings.language;
      set({ settings, language: show(), loadError: null });
    };
    return {
      settings: null,
      loadError: null,
      language: initialLanguage,
      sessionLanguage: null,

      async load() {
        const started = epoch;
        const result = await api.call('settings.get', {});
        if (epoch !== started) return;
        if (result.ok) accept(result.value);
        else set({ loadError: result.error });
      },

      async completeSetup(choice) {
        const result = await api.call('setup.complete', choice);
        if (result.ok) {
          epoch += 1;
          accept(result.value);
        }
        return result;
      },

      async setLanguage(language) {
        station = language;
        set({ language: show() });
        const result = await api.call('settings.setLanguage', { language });
        if (result.ok) {
          epoch += 1;
          accept(result.value);
        }
        return result;
      },

      setSessionLanguage(language) {
        set({ sessionLanguage: language, language });
      },

      resetSessionLanguage() {
        if (get().sessionLanguage === null) return;
        set({ sessionLanguage: null, language: station });
      },
    };
  });

  api.on('settings.changed', (settings) => {
    epoch += 1;
    station = settings.language;
    store.setState({ settings, language: store.getState().sessionLanguage ?? station, loadError: null });
  });

  reloadOnReconnect(api, () => void store.getState().load());

  return store;
}

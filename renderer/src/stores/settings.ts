import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  type ContractError,
  LANGUAGES,
  type Language,
  type Mode,
  type Result,
  type Role,
  type Settings,
} from '../../../electron/station/contract.js';
import type { ApiClient } from '../api/index.js';

export interface SetupChoice {
  role: Role;
  mode: Mode;
  language: Language;
}

export interface SettingsState {
  /** The station's settings as the core last reported them; null until the first load. */
  settings: Settings | null;
  /** Why the last load failed, if it did (cleared by the next successful load or event). */
  loadError: ContractError | null;
  /**
   * The language the interface shows. Follows `settings.language`, but a switch takes effect at once,
   * before (and even without) the core confirming it, so a patron can switch while the link is down.
   */
  language: Language;
  load(): Promise<void>;
  completeSetup(choice: SetupChoice): Promise<Result<Settings>>;
  setLanguage(language: Language): Promise<Result<Settings>>;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(api: ApiClient, initialLanguage: Language = LANGUAGES[0]): SettingsStore {
  // Bumped by every settings.changed event, so a load reply older than an event does not undo it.
  let epoch = 0;

  const store = createStore<SettingsState>()((set) => {
    const accept = (settings: Settings) => set({ settings, language: settings.language, loadError: null });
    return {
      settings: null,
      loadError: null,
      language: initialLanguage,

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
        set({ language });
        const result = await api.call('settings.setLanguage', { language });
        if (result.ok) {
          epoch += 1;
          accept(result.value);
        }
        return result;
      },
    };
  });

  api.on('settings.changed', (settings) => {
    epoch += 1;
    store.setState({ settings, language: settings.language, loadError: null });
  });

  // After a reconnect, events may have been missed: ask again.
  let previous = api.connection.status;
  api.onConnection(({ status }) => {
    if (status === 'connected' && previous === 'disconnected') void store.getState().load();
    previous = status;
  });

  return store;
}

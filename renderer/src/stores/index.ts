import { useStore } from 'zustand';
import { getApi } from '../api/index.js';
import { type AppInfoState, createAppInfoStore } from './app-info.js';
import { type ConnectionStoreState, createConnectionStore } from './connection.js';

export { selectOffline } from './connection.js';

import { createSoundPlayer } from '../ui/sounds.js';
import { createKioskStore, type KioskState } from './kiosk.js';
import { createKioskAdminStore, type KioskAdminState } from './kiosk-admin.js';
import { createSettingsStore, type SettingsState } from './settings.js';

/**
 * The renderer's stores, bound to the process-wide api client. Importing this module connects.
 * Tests use the create* factories with a fake client instead.
 */
const api = getApi();

export const settingsStore = createSettingsStore(api);
export const appInfoStore = createAppInfoStore(api);
export const connectionStore = createConnectionStore(api);

const sounds = createSoundPlayer();
export const kioskStore = createKioskStore(api, {
  feedback: (kind) => {
    if (kioskStore.getState().status?.sounds) sounds.play(kind);
  },
});
export const kioskAdminStore = createKioskAdminStore(api);

export function useSettings<T>(selector: (state: SettingsState) => T): T {
  return useStore(settingsStore, selector);
}

export function useAppInfo<T>(selector: (state: AppInfoState) => T): T {
  return useStore(appInfoStore, selector);
}

export function useConnection<T>(selector: (state: ConnectionStoreState) => T): T {
  return useStore(connectionStore, selector);
}

export function useKiosk<T>(selector: (state: KioskState) => T): T {
  return useStore(kioskStore, selector);
}

export function useKioskAdmin<T>(selector: (state: KioskAdminState) => T): T {
  return useStore(kioskAdminStore, selector);
}

/** First requests; the stores refresh themselves after a reconnect. */
export function startStores(): void {
  void settingsStore.getState().load();
  void appInfoStore.getState().load();
}

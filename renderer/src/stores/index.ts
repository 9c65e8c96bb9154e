import { useStore } from 'zustand';
import { getApi } from '../api/index.js';
import { type AppInfoState, createAppInfoStore } from './app-info.js';
import { type ConnectionStoreState, createConnectionStore } from './connection.js';

export { selectOffline } from './connection.js';

import { createSoundPlayer } from '../ui/sounds.js';
import { type CatalogSourcesState, createCatalogSourcesStore } from './catalog-sources.js';
import { createDemoPanelStore, type DemoPanelState } from './demo.js';
import { createDevicesStore, type DevicesState } from './devices.js';
import { createJobsStore, type JobsState } from './jobs.js';
import { createKioskStore, type KioskState } from './kiosk.js';
import { createKioskAdminStore, type KioskAdminState } from './kiosk-admin.js';
import { createPackageSettingsStore, type PackageSettingsState } from './package-settings.js';
import { createScanProfilesStore, type ScanProfilesState } from './scan-profiles.js';
import { createSettingsStore, type SettingsState } from './settings.js';
import { createSyncStore, type SyncState } from './sync.js';

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
  // The patron's language was theirs for the visit only: the next one is greeted in the station's.
  onWipe: () => settingsStore.getState().resetSessionLanguage(),
  language: () => settingsStore.getState().language,
});
export const kioskAdminStore = createKioskAdminStore(api);
export const devicesStore = createDevicesStore(api);
export const demoPanelStore = createDemoPanelStore(api);
export const syncStore = createSyncStore(api);
export const jobsStore = createJobsStore(api, { storage: browserStorage() });
export const scanProfilesStore = createScanProfilesStore(api);
export const catalogSourcesStore = createCatalogSourcesStore(api);
export const packageSettingsStore = createPackageSettingsStore(api, {
  staffPin: () => catalogSourcesStore.getState().staffPin,
  onPinRefused: (error) => catalogSourcesStore.getState().pinRefused(error),
});

/** localStorage where the page may use it (the last scan profile is remembered there). */
function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

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

export function useDevices<T>(selector: (state: DevicesState) => T): T {
  return useStore(devicesStore, selector);
}

export function useDemoPanel<T>(selector: (state: DemoPanelState) => T): T {
  return useStore(demoPanelStore, selector);
}

export function useSync<T>(selector: (state: SyncState) => T): T {
  return useStore(syncStore, selector);
}

export function useJobs<T>(selector: (state: JobsState) => T): T {
  return useStore(jobsStore, selector);
}

export function useScanProfiles<T>(selector: (state: ScanProfilesState) => T): T {
  return useStore(scanProfilesStore, selector);
}

export function useCatalogSources<T>(selector: (state: CatalogSourcesState) => T): T {
  return useStore(catalogSourcesStore, selector);
}

/** First requests; the stores refresh themselves after a reconnect. */
export function startStores(): void {
  void settingsStore.getState().load();
  void appInfoStore.getState().load();
}

export function usePackageSettings<T>(selector: (state: PackageSettingsState) => T): T {
  return useStore(packageSettingsStore, selector);
}

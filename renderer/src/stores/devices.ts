import type { ContractError, DevicesOverview, DeviceTestAction, DeviceTestResult } from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';

/** One device's test: running, or its last result (or the call's error). */
export interface DeviceTestState {
  action: DeviceTestAction;
  running: boolean;
  result: DeviceTestResult | null;
  error: ContractError | null;
}

export interface DevicesState {
  overview: DevicesOverview | null;
  loading: boolean;
  error: ContractError | null;
  /** By device id. */
  tests: Record<string, DeviceTestState>;
  load(): Promise<void>;
  runTest(id: string, action: DeviceTestAction): Promise<void>;
  /** Reloads as the devices report (status, scans, tags); returns the way to stop. */
  watch(): () => void;
}

export type DevicesStore = StoreApi<DevicesState>;

/** Events come in bursts (a stack of tags): one reload per burst. */
const RELOAD_DELAY_MS = 150;

/** The Devices screen's data: each device's live state and last events, and its test actions. */
export function createDevicesStore(api: ApiClient): DevicesStore {
  let timer: ReturnType<typeof setTimeout> | undefined;

  const store = createStore<DevicesState>()((set, get) => ({
    overview: null,
    loading: false,
    error: null,
    tests: {},

    async load() {
      set({ loading: get().overview === null });
      const result = await api.call('devices.list', {});
      if (result.ok) set({ overview: result.value, loading: false, error: null });
      else set({ loading: false, error: result.error });
    },

    async runTest(id, action) {
      const running: DeviceTestState = { action, running: true, result: null, error: null };
      set((st) => ({ tests: { ...st.tests, [id]: running } }));
      const result = await api.call('devices.test', { id, action });
      const done: DeviceTestState = {
        action,
        running: false,
        result: result.ok ? result.value : null,
        error: result.ok ? null : result.error,
      };
      set((st) => ({ tests: { ...st.tests, [id]: done } }));
      void get().load();
    },

    watch() {
      const reload = () => {
        clearTimeout(timer);
        timer = setTimeout(() => void get().load(), RELOAD_DELAY_MS);
      };
      const off = [
        api.on('device.status', reload),
        api.on('barcode.scanned', reload),
        api.on('rfid.present', reload),
      ];
      return () => {
        clearTimeout(timer);
        for (const stop of off) stop();
      };
    },
  }));
  return store;
}

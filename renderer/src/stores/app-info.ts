import type { AppInfo, ContractError } from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';
import { reloadOnReconnect } from './reload-on-reconnect.js';

export interface AppInfoState {
  info: AppInfo | null;
  error: ContractError | null;
  load(): Promise<void>;
}

export type AppInfoStore = StoreApi<AppInfoState>;

export function createAppInfoStore(api: ApiClient): AppInfoStore {
  const store = createStore<AppInfoState>()((set) => ({
    info: null,
    error: null,
    async load() {
      const result = await api.call('app.info', {});
      if (result.ok) set({ info: result.value, error: null });
      else set({ error: result.error });
    },
  }));
  // The core may have been upgraded while we were away.
  reloadOnReconnect(api, () => void store.getState().load());
  return store;
}

import type { AppInfo, ContractError } from '@contract/index.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/index.js';

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
  let previous = api.connection.status;
  api.onConnection(({ status }) => {
    // The core may have been upgraded while we were away.
    if (status === 'connected' && previous === 'disconnected') void store.getState().load();
    previous = status;
  });
  return store;
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, ConnectionState } from '../api/index.js';

export interface ConnectionStoreState extends ConnectionState {
  reconnectNow(): void;
}

export type ConnectionStore = StoreApi<ConnectionStoreState>;

export function createConnectionStore(api: ApiClient): ConnectionStore {
  const store = createStore<ConnectionStoreState>()(() => ({
    ...api.connection,
    reconnectNow: () => api.reconnectNow(),
  }));
  api.onConnection((state) => store.setState({ status: state.status, retryAt: state.retryAt }));
  return store;
}

/** True while the link to the core is down (not during the very first connection attempt). */
export function selectOffline(state: ConnectionState): boolean {
  return state.status === 'disconnected';
}

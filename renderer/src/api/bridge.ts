import type { StationApi } from '@contract/index.js';
import { failure } from './results.js';
import type { ApiClient, ConnectionState } from './types.js';

const CONNECTED: ConnectionState = Object.freeze({ status: 'connected', retryAt: null });

export function isStationApi(value: unknown): value is StationApi {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.call === 'function' && typeof v.on === 'function';
}

/**
 * The desktop transport: the preload's `window.bitig` (Electron IPC). It is always connected; a
 * call that the IPC layer itself rejects still resolves, to INTERNAL.
 */
export function createBridgeClient(bridge: StationApi): ApiClient {
  return {
    connection: CONNECTED,
    call: async (method, input) => {
      try {
        return await bridge.call(method, input);
      } catch (err) {
        return failure('INTERNAL', `IPC call failed: ${String(err)}`);
      }
    },
    on: (topic, listener) => bridge.on(topic, listener),
    onConnection: () => () => {},
    reconnectNow: () => {},
    close: () => {},
  };
}

import { BRIDGE_NAME } from '@contract/index.js';
import { createBridgeClient, isStationApi } from './bridge.js';
import { createNoAccessClient } from './no-access-client.js';
import { socketUrl, takeToken } from './token.js';
import type { ApiClient } from './types.js';
import { WsClient } from './ws-client.js';

export type { ApiClient, ConnectionState, ConnectionStatus } from './types.js';

function sessionStorageOf(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The one way screens and stores reach the core. In Electron the preload has put the bridge on
 * `window`; anywhere else (the web host, a kiosk browser, e2e tests) we talk WebSocket to the host
 * that served the page.
 */
export function createApi(win: Window = window): ApiClient {
  const bridge: unknown = Reflect.get(win, BRIDGE_NAME);
  if (isStationApi(bridge)) return createBridgeClient(bridge);
  const token = takeToken({ location: win.location, history: win.history, storage: sessionStorageOf(win) });
  if (token === null) return createNoAccessClient();
  return new WsClient({ url: socketUrl(win.location, token) });
}

let instance: ApiClient | null = null;

/** The process-wide client, created on first use. */
export function getApi(): ApiClient {
  instance ??= createApi();
  return instance;
}

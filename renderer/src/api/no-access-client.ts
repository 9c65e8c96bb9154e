import { failure } from './results.js';
import type { ApiClient, ConnectionState } from './types.js';

/**
 * The client for a page opened from the web host without its access key: there is nothing to
 * connect to, so rather than retrying for ever every call says why, and the screen can tell the
 * person which address to open.
 */
export function createNoAccessClient(): ApiClient {
  const connection: ConnectionState = { status: 'connecting', retryAt: null };
  return {
    connection,
    call: async () => failure('ACCESS_KEY_MISSING', 'The page was opened without the access key.'),
    on: () => () => {},
    onConnection: () => () => {},
    reconnectNow: () => {},
    close: () => {},
  };
}

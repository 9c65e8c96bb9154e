import type { ApiClient } from '../api/index.js';

/**
 * After a reconnect, events may have been missed: ask again. Calls `reload` each time the client
 * comes back (`connected` right after `disconnected`), never on the first connection.
 */
export function reloadOnReconnect(api: ApiClient, reload: () => void): void {
  let previous = api.connection.status;
  api.onConnection(({ status }) => {
    if (status === 'connected' && previous === 'disconnected') reload();
    previous = status;
  });
}

import type { StationApi } from '@contract/index.js';

/**
 * `connecting`: the first connection attempt is under way. `connected`: calls go through.
 * `disconnected`: the connection was lost (or never made); the client keeps retrying on its own.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When disconnected and waiting: the time (ms since epoch) of the next attempt; else null. */
  retryAt: number | null;
}

/** The contract's StationApi plus what a screen needs to know about the transport itself. */
export interface ApiClient extends StationApi {
  readonly connection: ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Skip the remaining backoff wait and try to connect now (no-op when connected). */
  reconnectNow(): void;
  /** Stop for good: pending calls fail with DISCONNECTED and no reconnect is attempted. */
  close(): void;
  /**
   * The web host's address of one of its own paths (`/packages/3/pdf`), with the access token, for
   * a new tab; absent where the core opens files itself (the desktop).
   */
  fileUrl?(path: string): string;
}

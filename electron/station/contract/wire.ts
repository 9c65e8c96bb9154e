/**
 * The web host's WebSocket messages (JSON text frames). Electron's IPC needs no such framing;
 * both carry the same contract. Shared by the web host and the renderer's api client.
 */
import type { Result, Topic } from './index.js';

/** Path of the WebSocket endpoint; the per-run token goes in its `token` query parameter. */
export const WS_PATH = '/api';
export const TOKEN_PARAM = 'token';

/**
 * Renderer → host: call a method; `id` pairs the reply with the request. Keep the keys in this order
 * when serializing: the web host takes a message over 1 MiB only if it begins with `id` then
 * `method` (`scan.addFrame`), so it can refuse other large messages before parsing them.
 */
export interface WireRequest {
  id: number;
  method: string;
  input: unknown;
}

/** Host → renderer: the result of request `id`. */
export interface WireReply {
  id: number;
  result: Result<unknown>;
}

/** Host → renderer: an event; the renderer filters topics itself (events carry no patron secrets). */
export interface WireEvent {
  topic: Topic;
  payload: unknown;
}

/**
 * The web host's WebSocket messages (JSON text frames). Electron's IPC needs no such framing;
 * both carry the same contract. Shared by the web host and the renderer's api client.
 */
import type { Result, Topic } from './contract.js';

/** Path of the WebSocket endpoint; the per-run token goes in its `token` query parameter. */
export const WS_PATH = '/api';
export const TOKEN_PARAM = 'token';

/** Renderer → host: call a method; `id` pairs the reply with the request. */
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

import type { Events, MethodInput, MethodName, MethodOutput, Result, Topic } from '@contract/index.js';
import type { WireRequest } from '@contract/wire.js';
import { disconnected, failure, isResult } from './results.js';
import type { ApiClient, ConnectionState } from './types.js';

/** The part of the browser's WebSocket the client uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface BackoffOptions {
  /** First retry delay in ms. */
  initialMs: number;
  /** Upper bound of the delay in ms. */
  maxMs: number;
  /** Fraction of the delay that is randomized (0 = none), so many kiosks do not retry in step. */
  jitter: number;
}

export interface WsClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  backoff?: Partial<BackoffOptions>;
  random?: () => number;
  now?: () => number;
  /** Where listener exceptions go; they never break the dispatch of an event to other listeners. */
  onListenerError?: (err: unknown) => void;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000, jitter: 0.2 };

/** Delay before reconnect attempt number `attempt` (0-based): exponential, capped, jittered. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  const spread = base * options.jitter;
  return Math.max(0, Math.round(base - spread + random() * 2 * spread));
}

type Resolve = (result: Result<unknown>) => void;
type Listener = (payload: unknown) => void;

/**
 * The web host's transport: one WebSocket carrying `{id, method, input}` requests, `{id, result}`
 * replies and `{topic, payload}` events (see electron/station/wire.ts).
 *
 * - Calls made while a socket is opening wait for it; calls made while there is no socket (waiting
 *   to retry) fail at once with DISCONNECTED. When a socket drops, every call still waiting for a
 *   reply resolves to DISCONNECTED: a call never hangs and never rejects.
 * - After a drop it reconnects with exponential backoff; subscriptions survive reconnects.
 */
export class WsClient implements ApiClient {
  readonly #url: string;
  readonly #createSocket: (url: string) => SocketLike;
  readonly #backoff: BackoffOptions;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #onListenerError: (err: unknown) => void;

  #socket: SocketLike | null = null;
  #open = false;
  #closed = false;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Resolve>();
  /** Requests waiting for the socket to open. */
  #outbox: WireRequest[] = [];
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #connectionListeners = new Set<(state: ConnectionState) => void>();
  #connection: ConnectionState = { status: 'connecting', retryAt: null };

  constructor(options: WsClientOptions) {
    this.#url = options.url;
    this.#createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#onListenerError = options.onListenerError ?? ((err) => console.error('Event listener failed', err));
    this.#connect();
  }

  /** `path` on the host this socket talks to, over HTTP(S), with the socket's access token. */
  fileUrl(path: string): string {
    const socket = new URL(this.#url);
    const url = new URL(path, `${socket.protocol === 'wss:' ? 'https:' : 'http:'}//${socket.host}`);
    url.search = socket.search;
    return url.href;
  }

  get connection(): ConnectionState {
    return this.#connection;
  }

  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    if (this.#closed || this.#socket === null) {
      return Promise.resolve(disconnected());
    }
    const request: WireRequest = { id: this.#nextId++, method, input };
    return new Promise<Result<unknown>>((resolve) => {
      this.#pending.set(request.id, resolve);
      if (this.#open) this.#send(request);
      else this.#outbox.push(request);
    }) as Promise<Result<MethodOutput<M>>>;
  }

  on<T extends Topic>(topic: T, listener: (payload: Events[T]) => void): () => void {
    let set = this.#listeners.get(topic);
    if (!set) {
      set = new Set();
      this.#listeners.set(topic, set);
    }
    // Wrap so that subscribing the same function twice gives two independent subscriptions.
    const entry: Listener = (payload) => listener(payload as Events[T]);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.#connectionListeners.add(listener);
    return () => {
      this.#connectionListeners.delete(listener);
    };
  }

  reconnectNow(): void {
    if (this.#closed || this.#socket !== null) return;
    this.#clearRetry();
    this.#connect();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearRetry();
    const socket = this.#socket;
    this.#dropSocket();
    try {
      socket?.close(1000, 'client closed');
    } catch {
      // Already closing.
    }
    this.#setConnection({ status: 'disconnected', retryAt: null });
  }

  #connect(): void {
    if (this.#connection.status === 'disconnected') {
      this.#setConnection({ status: 'disconnected', retryAt: null });
    }
    let socket: SocketLike;
    try {
      socket = this.#createSocket(this.#url);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (socket !== this.#socket) return;
      this.#open = true;
      this.#attempt = 0;
      const queued = this.#outbox;
      this.#outbox = [];
      for (const request of queued) this.#send(request);
      this.#setConnection({ status: 'connected', retryAt: null });
    };
    socket.onmessage = (event) => {
      if (socket !== this.#socket) return;
      this.#receive(event.data);
    };
    socket.onclose = () => {
      if (socket !== this.#socket) return;
      this.#dropSocket();
      if (!this.#closed) this.#scheduleReconnect();
    };
    // An error is always followed by close, which does the work.
    socket.onerror = () => {};
  }

  /** Forgets the current socket and fails everything that was waiting on it. */
  #dropSocket(): void {
    const socket = this.#socket;
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.onerror = null;
    }
    this.#socket = null;
    this.#open = false;
    this.#outbox = [];
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const resolve of pending) resolve(disconnected('The connection to the station was lost.'));
  }

  #scheduleReconnect(): void {
    const delay = backoffDelay(this.#attempt, this.#backoff, this.#random);
    this.#attempt += 1;
    this.#clearRetry();
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#closed) this.#connect();
    }, delay);
    this.#setConnection({ status: 'disconnected', retryAt: this.#now() + delay });
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #send(request: WireRequest): void {
    const resolve = this.#pending.get(request.id);
    let text: string;
    try {
      text = JSON.stringify(request);
    } catch (err) {
      this.#pending.delete(request.id);
      resolve?.(failure('VALIDATION', `Input could not be serialized: ${String(err)}`));
      return;
    }
    try {
      this.#socket?.send(text);
    } catch {
      this.#pending.delete(request.id);
      resolve?.(disconnected());
    }
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    if (typeof m.id === 'number' && 'result' in m) {
      const resolve = this.#pending.get(m.id);
      if (!resolve) return;
      this.#pending.delete(m.id);
      resolve(isResult(m.result) ? m.result : failure('INTERNAL', 'Malformed reply from the station.'));
      return;
    }
    if (typeof m.topic === 'string' && 'payload' in m) {
      const listeners = this.#listeners.get(m.topic);
      if (!listeners) return;
      for (const listener of [...listeners]) {
        try {
          listener(m.payload);
        } catch (err) {
          this.#onListenerError(err);
        }
      }
    }
  }

  #setConnection(state: ConnectionState): void {
    if (state.status === this.#connection.status && state.retryAt === this.#connection.retryAt) return;
    this.#connection = state;
    for (const listener of [...this.#connectionListeners]) {
      try {
        listener(state);
      } catch (err) {
        this.#onListenerError(err);
      }
    }
  }
}

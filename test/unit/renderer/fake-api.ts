import type { Events, MethodName, Result, Topic } from '../../../electron/station/contract/index.js';
import type { ApiClient, ConnectionState } from '../../../renderer/src/api/types.js';

type Handler = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

/** An ApiClient whose methods the test scripts, and whose events and link state it drives. */
export class FakeApi implements ApiClient {
  connection: ConnectionState = { status: 'connected', retryAt: null };
  readonly calls: { method: MethodName; input: unknown }[] = [];
  readonly handlers = new Map<MethodName, Handler>();
  readonly #listeners = new Map<string, Set<(payload: never) => void>>();
  readonly #connectionListeners = new Set<(s: ConnectionState) => void>();
  /** The web host's file addresses (set by a test); absent like the desktop's client. */
  fileUrl?: (path: string) => string;

  handle(method: MethodName, handler: Handler): this {
    this.handlers.set(method, handler);
    return this;
  }

  // biome-ignore lint/suspicious/noExplicitAny: the fake answers for every method alike
  async call(method: MethodName, input: unknown): Promise<any> {
    this.calls.push({ method, input });
    const handler = this.handlers.get(method);
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
    return handler(input);
  }

  on<T extends Topic>(topic: T, listener: (payload: Events[T]) => void): () => void {
    let set = this.#listeners.get(topic);
    if (!set) {
      set = new Set();
      this.#listeners.set(topic, set);
    }
    const l = listener as (payload: never) => void;
    set.add(l);
    return () => set.delete(l);
  }

  emit<T extends Topic>(topic: T, payload: Events[T]): void {
    for (const l of this.#listeners.get(topic) ?? []) (l as (p: Events[T]) => void)(payload);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.#connectionListeners.add(listener);
    return () => this.#connectionListeners.delete(listener);
  }

  setConnection(state: ConnectionState): void {
    this.connection = state;
    for (const l of this.#connectionListeners) l(state);
  }

  reconnectNow(): void {}
  close(): void {}
}

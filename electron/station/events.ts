import { EventEmitter } from 'node:events';
import type { Events, Topic } from './contract/index.js';

/** A typed publish/subscribe hub for the contract's events; hosts forward every topic. */
export class EventHub {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Every open window or WebSocket subscribes once per topic; that is not a leak.
    this.#emitter.setMaxListeners(0);
  }

  emit<T extends Topic>(topic: T, payload: Events[T]): void {
    this.#emitter.emit(topic, payload);
  }

  on<T extends Topic>(topic: T, listener: (payload: Events[T]) => void): () => void {
    this.#emitter.on(topic, listener);
    return () => this.#emitter.off(topic, listener);
  }
}

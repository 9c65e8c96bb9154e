import { EventEmitter } from 'node:events';
import type { Events } from './contract/index.js';

/**
 * A typed publish/subscribe hub: the contract's events by default (hosts forward every topic), or a
 * domain's own (`EventHub<DigitizationEvents>`, the device manager's) that the station forwards.
 */
export class EventHub<E extends object = Events> {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Every open window or WebSocket subscribes once per topic; that is not a leak.
    this.#emitter.setMaxListeners(0);
  }

  emit<T extends keyof E & string>(topic: T, payload: E[T]): void {
    this.#emitter.emit(topic, payload);
  }

  on<T extends keyof E & string>(topic: T, listener: (payload: E[T]) => void): () => void {
    this.#emitter.on(topic, listener);
    return () => this.#emitter.off(topic, listener);
  }
}

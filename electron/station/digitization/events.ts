import { EventEmitter } from 'node:events';
import type { DigitizationEvents } from '../contract/digitization-types.js';

export type DigitizationTopic = keyof DigitizationEvents;

/** The digitization domain's events; the station forwards them to the contract's event hub. */
export class DigitizationEventHub {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  emit<T extends DigitizationTopic>(topic: T, payload: DigitizationEvents[T]): void {
    this.#emitter.emit(topic, payload);
  }

  on<T extends DigitizationTopic>(topic: T, listener: (payload: DigitizationEvents[T]) => void): () => void {
    this.#emitter.on(topic, listener);
    return () => this.#emitter.off(topic, listener);
  }
}

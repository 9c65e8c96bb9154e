/**
 * Runs tasks one after another. SIP2 has no request ids: a response belongs to the one request in
 * flight, so a connection must never carry two.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Tasks queued or running. */
  get size(): number {
    return this.#pending;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.#pending++;
    const result = this.#tail.then(task).finally(() => {
      this.#pending--;
    });
    // The chain continues whatever this task's outcome; the caller sees its own result.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

import { Worker } from 'node:worker_threads';
import { DigitizationError } from '../errors.js';
import type { SerializedError, TaskMap, TaskMessage, WorkerMessage } from './protocol.js';

export interface PoolOptions {
  /** The worker script: a built .cjs/.js file (worker_threads cannot run TypeScript). */
  workerFile: string | URL;
  size: number;
}

export interface RunOptions<P> {
  /** High-priority tasks (storing a capture the scanner waits for) go before queued ones. */
  priority?: 'high' | 'normal';
  onProgress?: (progress: P) => void;
}

interface Task {
  id: number;
  kind: string;
  input: unknown;
  onProgress?: (progress: unknown) => void;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

/**
 * A fixed number of worker threads taking tasks from a queue, one task per worker at a time.
 * Workers start on first use; a worker that dies fails only its own task and is replaced. Idle
 * workers do not keep the process alive.
 */
export class WorkerPool<T extends TaskMap> {
  readonly #options: PoolOptions;
  readonly #slots: Slot[] = [];
  readonly #high: Task[] = [];
  readonly #normal: Task[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: PoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new RangeError('A pool needs at least one worker.');
    this.#options = options;
  }

  /** Tasks waiting for a worker plus tasks running. */
  get pending(): number {
    return this.#high.length + this.#normal.length + this.#slots.filter((s) => s.task).length;
  }

  run<K extends keyof T & string>(
    kind: K,
    input: T[K]['input'],
    options: RunOptions<T[K]['progress']> = {},
  ): Promise<T[K]['output']> {
    if (this.#closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      const task: Task = {
        id: this.#nextId++,
        kind,
        input,
        onProgress: options.onProgress as ((p: unknown) => void) | undefined,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      (options.priority === 'high' ? this.#high : this.#normal).push(task);
      this.#dispatch();
    });
  }

  /** Stops every worker; queued and running tasks fail with PIPELINE_CLOSED. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const task of [...this.#high.splice(0), ...this.#normal.splice(0)]) task.reject(closedError());
    const slots = this.#slots.splice(0);
    for (const slot of slots) slot.task?.reject(closedError());
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #dispatch(): void {
    while (this.#high.length + this.#normal.length > 0) {
      const slot = this.#slots.find((s) => !s.task) ?? this.#spawn();
      if (!slot) return;
      const task = (this.#high.shift() ?? this.#normal.shift())!;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, kind: task.kind, input: task.input } satisfies TaskMessage);
    }
  }

  #spawn(): Slot | undefined {
    if (this.#closed || this.#slots.length >= this.#options.size) return undefined;
    const worker = new Worker(this.#options.workerFile);
    const slot: Slot = { worker, task: null };
    worker.on('message', (message: WorkerMessage) => this.#onMessage(slot, message));
    worker.on('error', (err) => this.#onDeath(slot, err));
    worker.on('exit', (code) =>
      this.#onDeath(slot, new Error(`The image worker stopped (exit code ${code}).`)),
    );
    this.#slots.push(slot);
    return slot;
  }

  #onMessage(slot: Slot, message: WorkerMessage): void {
    const task = slot.task;
    if (!task || task.id !== message.id) return;
    if (message.type === 'progress') {
      task.onProgress?.(message.data);
      return;
    }
    slot.task = null;
    slot.worker.unref();
    if (message.type === 'done') task.resolve(message.result);
    else task.reject(revive(message.error));
    this.#dispatch();
  }

  #onDeath(slot: Slot, err: Error): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return; // already handled ('error' is followed by 'exit'), or closing
    this.#slots.splice(index, 1);
    slot.task?.reject(err);
    slot.task = null;
    void slot.worker.terminate();
    this.#dispatch();
  }
}

function closedError(): DigitizationError {
  return new DigitizationError('PIPELINE_CLOSED', 'The image pipeline has been shut down.');
}

/** Errors cross the thread boundary as plain data; typed ones come back typed. */
function revive(error: SerializedError): Error {
  if (error.reason) {
    return new DigitizationError(error.reason as DigitizationError['reason'], error.message);
  }
  const err: NodeJS.ErrnoException = new Error(error.message);
  err.name = error.name;
  if (error.code) err.code = error.code;
  if (error.path) err.path = error.path;
  return err;
}

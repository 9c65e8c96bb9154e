import os from 'node:os';
import { OcrError, ocrCancelled } from './errors.js';
import { type OcrResult, type RecognizeOptions, recognize } from './tesseract.js';

/** Where one page stands: waiting (behind `ahead` pages), read by Tesseract `pid`, or done. */
export type OcrProgress =
  | { state: 'queued'; ahead: number }
  | { state: 'running'; pid: number }
  | { state: 'done'; words: number; ms: number };

export type PoolRecognizeOptions = Omit<RecognizeOptions, 'signal' | 'onSpawn'> & {
  onProgress?: (progress: OcrProgress) => void;
};

export interface OcrPoolOptions {
  /** Pages read at once. Default: one core fewer than the machine has (at least one), so capture keeps a core. */
  size?: number;
  /** The engine (a stand-in in tests). */
  recognize?: typeof recognize;
}

interface Task {
  key: string | number;
  image: string;
  options: PoolRecognizeOptions;
  controller: AbortController;
  resolve: (result: OcrResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Runs OCR pages a few at a time: at most `size` Tesseract processes, pages started in the order
 * they were given (FIFO). Each page belongs to a key (a job id): `cancel(key)` kills that job's
 * running pages and drops its queued ones, all rejecting with OCR_CANCELLED.
 */
export class OcrPool {
  readonly size: number;
  readonly #recognize: typeof recognize;
  readonly #queue: Task[] = [];
  readonly #running = new Set<Task>();
  /** Tesseract's process per running page, to stop and continue it while capture holds the pool. */
  readonly #pids = new Map<Task, number>();
  /** Capture batches holding the pool now: OCR yields the machine to them entirely. */
  #holds = 0;
  #idle: { promise: Promise<void>; resolve: () => void } | null = null;

  constructor(options: OcrPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? os.availableParallelism() - 1));
    this.#recognize = options.recognize ?? recognize;
  }

  /** Pages being read now, and waiting. */
  get running(): number {
    return this.#running.size;
  }
  get queued(): number {
    return this.#queue.length;
  }

  recognize(key: string | number, image: string, options: PoolRecognizeOptions): Promise<OcrResult> {
    return new Promise<OcrResult>((resolve, reject) => {
      const task: Task = { key, image, options, controller: new AbortController(), resolve, reject };
      this.#queue.push(task);
      if (this.#running.size >= this.size)
        options.onProgress?.({ state: 'queued', ahead: this.#queue.length - 1 });
      this.#pump();
    });
  }

  /** Cancels every page of `key`: running ones killed, queued ones rejected. Returns how many. */
  cancel(key: string | number): number {
    let n = 0;
    for (let i = this.#queue.length - 1; i >= 0; i--) {
      const task = this.#queue[i]!;
      if (task.key !== key) continue;
      this.#queue.splice(i, 1);
      task.reject(ocrCancelled(`OCR of ${task.image}`));
      n++;
    }
    for (const task of this.#running) {
      if (task.key !== key) continue;
      task.controller.abort();
      n++;
    }
    this.#settle();
    return n;
  }

  /**
   * Yields the machine to capture until the returned function is called: no page starts, and the
   * pages being read are stopped (SIGSTOP) and continued after, so a scan batch and its thumbnails
   * never wait for OCR. Holds nest; where processes cannot be stopped (Windows), only new pages wait.
   */
  hold(): () => void {
    if (this.#holds++ === 0) for (const pid of this.#pids.values()) signalPid(pid, 'SIGSTOP');
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#holds > 0) return;
      for (const pid of this.#pids.values()) signalPid(pid, 'SIGCONT');
      this.#pump();
    };
  }

  /** Resolves once no page is running or waiting. */
  idle(): Promise<void> {
    if (this.#running.size === 0 && this.#queue.length === 0) return Promise.resolve();
    if (!this.#idle) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#idle = { promise, resolve };
    }
    return this.#idle.promise;
  }

  #pump(): void {
    while (this.#holds === 0 && this.#running.size < this.size && this.#queue.length > 0) {
      const task = this.#queue.shift()!;
      this.#running.add(task);
      void this.#run(task);
    }
    this.#settle();
  }

  async #run(task: Task): Promise<void> {
    const started = performance.now();
    const { onProgress, ...options } = task.options;
    try {
      const result = await this.#recognize(task.image, {
        ...options,
        signal: task.controller.signal,
        onSpawn: (pid) => {
          this.#pids.set(task, pid);
          // Started just before capture took the pool: stopped at once like the others.
          if (this.#holds > 0) signalPid(pid, 'SIGSTOP');
          onProgress?.({ state: 'running', pid });
        },
      });
      if (task.controller.signal.aborted) throw ocrCancelled(`OCR of ${task.image}`);
      onProgress?.({ state: 'done', words: result.words, ms: Math.round(performance.now() - started) });
      task.resolve(result);
    } catch (err) {
      task.reject(
        task.controller.signal.aborted && !(err instanceof OcrError && err.reason === 'OCR_CANCELLED')
          ? ocrCancelled(`OCR of ${task.image}`)
          : err,
      );
    } finally {
      this.#pids.delete(task);
      this.#running.delete(task);
      this.#pump();
    }
  }

  #settle(): void {
    if (this.#idle && this.#running.size === 0 && this.#queue.length === 0) {
      this.#idle.resolve();
      this.#idle = null;
    }
  }
}

function signalPid(pid: number, signal: 'SIGSTOP' | 'SIGCONT'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone already, or a platform without job control: nothing to stop or continue.
  }
}

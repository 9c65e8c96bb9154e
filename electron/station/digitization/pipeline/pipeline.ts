import os from 'node:os';
import { WorkerPool } from './pool.js';
import type { DeriveInput, DeriveOutput, DeriveProgress, PipelineTasks, StoreOutput } from './protocol.js';

export interface ImagePipelineOptions {
  /** The built worker script (dist/digitization/pipeline-worker.cjs in the app). */
  workerFile: string | URL;
  /** Worker threads making derivatives; by default one per core, at most four. */
  size?: number;
}

/**
 * Beyond four workers pages come no faster (the disk and memory bandwidth are shared) while each
 * worker holds a decoded page in memory.
 */
const MAX_WORKERS = 4;

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(os.availableParallelism(), MAX_WORKERS));
}

/**
 * The image work of the station, all of it in worker threads so the main event loop (the screens'
 * requests, the scanner's events) never waits on a decode, a hash or an fsync.
 *
 * Storing masters has a worker of its own: the scanner waits for each page to be stored before it
 * feeds the next sheet, so a store must never queue behind derivatives. Those fall behind during
 * a fast feeder batch and catch up after it.
 */
export class ImagePipeline {
  readonly #store: WorkerPool<PipelineTasks>;
  readonly #imaging: WorkerPool<PipelineTasks>;
  readonly size: number;

  constructor(options: ImagePipelineOptions) {
    this.size = options.size ?? defaultPoolSize();
    this.#store = new WorkerPool<PipelineTasks>({ workerFile: options.workerFile, size: 1 });
    this.#imaging = new WorkerPool<PipelineTasks>({ workerFile: options.workerFile, size: this.size });
  }

  /** Writes a master durably (fsync of the file and its folder) and reads its header. */
  store(target: string, data: Uint8Array): Promise<StoreOutput> {
    // Sent by copy, never transferred, so the caller's buffer stays usable. A view into a larger
    // buffer is cut out first: cloning a view copies all of the memory behind it.
    const exact =
      data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : new Uint8Array(data);
    return this.#store.run('store', { target, data: exact });
  }

  /**
   * Makes a master's derivatives and quality control. `urgent` work (a page just captured, which
   * the operator is looking at) goes before the rest (catching up after a restart).
   */
  derive(
    input: DeriveInput,
    onDerivatives?: (made: DeriveProgress) => void,
    urgent = true,
  ): Promise<DeriveOutput> {
    return this.#imaging.run('derive', input, {
      onProgress: onDerivatives,
      priority: urgent ? 'high' : 'normal',
    });
  }

  get pending(): number {
    return this.#store.pending + this.#imaging.pending;
  }

  async close(): Promise<void> {
    await Promise.all([this.#store.close(), this.#imaging.close()]);
  }
}

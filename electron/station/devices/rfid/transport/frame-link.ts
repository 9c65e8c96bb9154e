import { RfidError } from '../errors.js';
import type { ByteTransport } from './byte-transport.js';

/** Finds the first complete frame with a good CRC in a buffer, skipping noise before it. */
export interface FrameCodec<F> {
  find(buffer: Uint8Array): { frame: F; end: number } | undefined;
}

export interface LinkOptions {
  /** How long to wait for a whole answer. */
  timeoutMs: number;
  /** Further attempts after a timeout or a damaged answer. */
  retries: number;
  /** Silence required between the end of one frame and the start of the next (FEIG: 5 ms). */
  interFrameGapMs: number;
  /**
   * Silence after which bytes that hold no valid frame count as a damaged answer, so the request is
   * retried at once instead of after the full timeout.
   */
  quietMs: number;
}

type Outcome<F> = { kind: 'frame'; frame: F } | { kind: 'damaged' } | { kind: 'timeout' };

const MAX_BUFFER = 8192;

/**
 * Request/response over a byte stream: one exchange at a time, answers matched to their request,
 * noise and damaged answers detected, retries, and a typed error when the stream goes away.
 */
export class FrameLink<F> {
  private buffer = new Uint8Array(0);
  private lastActivity = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private onFrameData: (() => void) | undefined;
  private closedError: RfidError | undefined;
  private readonly closeWaiters = new Set<(error: RfidError) => void>();
  /** Damaged answers and timeouts seen so far (both were retried or reported). */
  readonly counters = { damaged: 0, timeouts: 0, retries: 0 };

  constructor(
    readonly transport: ByteTransport,
    private readonly codec: FrameCodec<F>,
    private readonly options: LinkOptions,
  ) {
    transport.onData((chunk) => {
      this.lastActivity = performance.now();
      const merged = new Uint8Array(this.buffer.length + chunk.length);
      merged.set(this.buffer);
      merged.set(chunk, this.buffer.length);
      // A babbling line must not grow the buffer without end.
      this.buffer = merged.length > MAX_BUFFER ? merged.slice(merged.length - MAX_BUFFER) : merged;
      this.onFrameData?.();
    });
    transport.onClose((error) => {
      this.closedError = error
        ? new RfidError('disconnected', `the reader went away: ${error.message}`)
        : new RfidError('closed', 'the reader was closed');
      for (const waiter of this.closeWaiters) waiter(this.closedError);
    });
  }

  /** Further attempts after a failed one, by default. */
  get retries(): number {
    return this.options.retries;
  }

  get isOpen(): boolean {
    return this.closedError === undefined && this.transport.isOpen;
  }

  /**
   * Sends `request` and resolves with the first valid frame `accept` takes; serialized per link.
   * `retries` overrides the link's for requests that must not be repeated blindly.
   */
  exchange(request: Uint8Array, accept: (frame: F) => boolean, retries = this.options.retries): Promise<F> {
    const run = this.queue.then(
      () => this.attempts(request, accept, retries),
      () => this.attempts(request, accept, retries),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async attempts(request: Uint8Array, accept: (frame: F) => boolean, retries: number): Promise<F> {
    let damaged = 0;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) this.counters.retries++;
      const outcome = await this.once(request, accept);
      if (outcome.kind === 'frame') return outcome.frame;
      if (outcome.kind === 'damaged') {
        damaged++;
        this.counters.damaged++;
      } else {
        this.counters.timeouts++;
      }
    }
    throw damaged > 0
      ? new RfidError('crc', `answers arrived damaged (${damaged} of ${retries + 1} attempts)`)
      : new RfidError('timeout', `no answer after ${retries + 1} attempts`);
  }

  private async once(request: Uint8Array, accept: (frame: F) => boolean): Promise<Outcome<F>> {
    if (this.closedError) throw this.closedError;
    const wait = this.lastActivity + this.options.interFrameGapMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (this.closedError) throw this.closedError;
    this.buffer = new Uint8Array(0);

    return new Promise<Outcome<F>>((resolve, reject) => {
      let quiet: NodeJS.Timeout | undefined;
      const done = (outcome: Outcome<F> | RfidError) => {
        clearTimeout(overall);
        clearTimeout(quiet);
        this.onFrameData = undefined;
        this.closeWaiters.delete(onClose);
        this.lastActivity = performance.now();
        if (outcome instanceof RfidError) reject(outcome);
        else resolve(outcome);
      };
      const onClose = (error: RfidError) => done(error);
      const overall = setTimeout(
        () => done(this.buffer.length ? { kind: 'damaged' } : { kind: 'timeout' }),
        this.options.timeoutMs,
      );
      this.closeWaiters.add(onClose);
      this.onFrameData = () => {
        for (;;) {
          const found = this.codec.find(this.buffer);
          if (!found) break;
          this.buffer = this.buffer.slice(found.end);
          if (accept(found.frame)) return done({ kind: 'frame', frame: found.frame });
          // A late answer to an earlier request: dropped.
        }
        clearTimeout(quiet);
        if (this.buffer.length) quiet = setTimeout(() => done({ kind: 'damaged' }), this.options.quietMs);
      };
      this.transport.write(request).catch((err: Error) => {
        done(this.closedError ?? new RfidError('disconnected', `cannot write to the reader: ${err.message}`));
      });
    });
  }
}

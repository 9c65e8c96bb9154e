import { ScannerError } from './scanner-error.js';

/**
 * The bookkeeping every driver's `scan()` shares: one scan at a time, `cancel()` and an
 * AbortSignal meaning the same thing, and the driver's own way to interrupt the device.
 */
export class ScanControl {
  private running = false;
  private cancelRequested = false;
  private interrupt: (() => void) | undefined;
  private finished: Promise<void> = Promise.resolve();

  get busy(): boolean {
    return this.running;
  }

  get cancelled(): boolean {
    return this.cancelRequested;
  }

  /**
   * Runs one scan. `interrupt` is how the driver stops the device mid-transfer (sane_cancel,
   * aborting the HTTP request); it may be called at any moment, also more than once.
   */
  async run<T>(signal: AbortSignal | undefined, interrupt: () => void, body: () => Promise<T>): Promise<T> {
    if (this.running) throw new ScannerError('busy', 'a scan is already running on this scanner');
    this.running = true;
    this.cancelRequested = false;
    this.interrupt = interrupt;
    const onAbort = () => this.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    let settle: () => void = () => {};
    this.finished = new Promise((resolve) => {
      settle = resolve;
    });
    try {
      if (signal?.aborted) this.cancel();
      return await body();
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.running = false;
      this.interrupt = undefined;
      settle();
    }
  }

  cancel(): void {
    if (!this.running) return;
    this.cancelRequested = true;
    try {
      this.interrupt?.();
    } catch {
      // The device is going away anyway; the scan reports `cancelled`.
    }
  }

  /** Between pages: stop before asking the device for another one. */
  throwIfCancelled(pagesDelivered: number): void {
    if (this.cancelRequested) {
      throw new ScannerError('cancelled', 'the scan was cancelled', { pagesDelivered });
    }
  }

  /** Resolves when the running scan (if any) has ended. */
  idle(): Promise<void> {
    return this.finished;
  }
}

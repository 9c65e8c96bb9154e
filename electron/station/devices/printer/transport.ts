/** A byte pipe to a printer: TCP 9100, a serial line, or a USB printer-class interface. */
export interface PrinterTransport {
  /** Where the printer is, for messages (`tcp://10.0.0.5:9100`, `/dev/ttyUSB0`, `usb 04b8:0e15`). */
  readonly address: string;
  open(): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  /** Writes `data` and waits for `length` bytes of answer; rejects on timeout. */
  request(data: Uint8Array, length: number, timeoutMs: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export class PrinterUnreachableError extends Error {}

/**
 * Collects what the printer sends and hands it to whoever waits for an answer. Printers speak only
 * when asked (DLE EOT), so bytes arriving with nobody waiting are stale and dropped.
 */
export class ReplyReader {
  #buffer: number[] = [];
  #waiter: { length: number; resolve: (b: Uint8Array) => void } | undefined;

  push(chunk: Uint8Array): void {
    if (!this.#waiter) return;
    this.#buffer.push(...chunk);
    if (this.#buffer.length >= this.#waiter.length) {
      const { length, resolve } = this.#waiter;
      this.#waiter = undefined;
      resolve(Uint8Array.from(this.#buffer.splice(0, length)));
      this.#buffer = [];
    }
  }

  async request(send: () => Promise<void>, length: number, timeoutMs: number): Promise<Uint8Array> {
    this.#buffer = [];
    let timer: NodeJS.Timeout | undefined;
    const answer = new Promise<Uint8Array>((resolve, reject) => {
      this.#waiter = { length, resolve };
      timer = setTimeout(() => {
        this.#waiter = undefined;
        reject(new PrinterUnreachableError(`printer did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      await send();
      return await answer;
    } finally {
      clearTimeout(timer);
    }
  }
}

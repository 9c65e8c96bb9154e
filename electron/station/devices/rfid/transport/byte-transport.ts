import type { Duplex } from 'node:stream';

/**
 * A byte stream to a reader: a serial port, a pseudo-terminal, or any Duplex (tests hand in a pair of
 * in-memory streams). Drivers see only this, so the same driver code runs against hardware and
 * simulators.
 */
export interface ByteTransport {
  write(data: Uint8Array): Promise<void>;
  /** Subscribes to incoming bytes; returns the unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the stream ends: `error` set when it went away under us (unplugged). */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
  readonly isOpen: boolean;
  /** Bytes moved so far, for wire-time accounting. */
  readonly stats: { bytesIn: number; bytesOut: number };
}

/** Wraps a Duplex (a SerialPort is one) as a ByteTransport. */
export function duplexTransport(stream: Duplex): ByteTransport {
  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  const closeListeners = new Set<(error?: Error) => void>();
  const stats = { bytesIn: 0, bytesOut: 0 };
  let open = true;
  let closedByUs = false;
  let lastError: Error | undefined;

  const finish = () => {
    if (!open) return;
    open = false;
    const error = closedByUs ? undefined : (lastError ?? new Error('the stream ended'));
    for (const listener of closeListeners) listener(error);
  };
  stream.on('data', (chunk: Buffer) => {
    stats.bytesIn += chunk.length;
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (const listener of dataListeners) listener(bytes);
  });
  stream.on('error', (err: Error) => {
    lastError = err;
  });
  // serialport emits 'close' (with a disconnected error when unplugged); plain Duplexes end or close.
  stream.on('close', (err?: Error) => {
    if (err) lastError = err;
    finish();
  });
  stream.on('end', finish);

  return {
    stats,
    get isOpen() {
      return open;
    },
    write(data) {
      if (!open) return Promise.reject(new Error('the stream is closed'));
      stats.bytesOut += data.length;
      return new Promise((resolve, reject) => {
        stream.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (err) =>
          err ? reject(err) : resolve(),
        );
      });
    },
    onData(listener) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      if (!open) return Promise.resolve();
      closedByUs = true;
      return new Promise((resolve) => {
        stream.once('close', () => resolve());
        stream.destroy();
        // Streams that never emit 'close' after destroy still count as closed.
        setTimeout(() => {
          finish();
          resolve();
        }, 50).unref();
      });
    },
  };
}

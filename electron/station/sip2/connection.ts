import type net from 'node:net';
import { DEFAULT_MAX_FRAME_BYTES, Framer } from './framer.js';
import { Sip2Error } from './sip2-error.js';

interface Waiter {
  resolve: (frame: Buffer) => void;
  reject: (err: Sip2Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One socket speaking SIP2: writes messages, hands out received frames one at a time, and numbers
 * requests 0–9 (the sequence wraps: servers answer 96 to a 10). Knows nothing about message content.
 */
export class Sip2Connection {
  readonly #socket: net.Socket;
  readonly #framer: Framer;
  readonly #frames: Buffer[] = [];
  readonly #closeListeners: Array<(reason: Sip2Error) => void> = [];
  #waiter: Waiter | null = null;
  #closed: Sip2Error | null = null;
  #sequence = 0;

  constructor(socket: net.Socket, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {
    this.#socket = socket;
    this.#framer = new Framer(maxFrameBytes);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (err) =>
      this.#end(new Sip2Error('closed', `Connection failed: ${err.message}`, { cause: err })),
    );
    socket.on('close', () => this.#end(new Sip2Error('closed', 'The server closed the connection')));
  }

  get open(): boolean {
    return this.#closed === null;
  }

  /** Frames that arrived with nobody waiting: a reply to nothing, so the stream is out of step. */
  get bufferedFrames(): number {
    return this.#frames.length;
  }

  nextSequence(): number {
    const n = this.#sequence;
    this.#sequence = (this.#sequence + 1) % 10;
    return n;
  }

  write(bytes: Buffer): void {
    if (this.#closed) throw this.#closed;
    this.#socket.write(bytes);
  }

  /** The next frame; rejects with `timeout` (the connection stays open) or with why it closed. */
  read(timeoutMs: number): Promise<Buffer> {
    const queued = this.#frames.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#closed) return Promise.reject(this.#closed);
    if (this.#waiter) return Promise.reject(new Sip2Error('protocol', 'Two reads at once on one connection'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        reject(new Sip2Error('timeout', `No response within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiter = { resolve, reject, timer };
    });
  }

  onClose(listener: (reason: Sip2Error) => void): void {
    if (this.#closed) listener(this.#closed);
    else this.#closeListeners.push(listener);
  }

  destroy(reason: Sip2Error = new Sip2Error('closed', 'Connection closed by the client')): void {
    this.#end(reason);
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    if (this.#closed) return;
    const { frames, overflow } = this.#framer.push(chunk);
    for (const frame of frames) {
      const waiter = this.#waiter;
      if (waiter) {
        this.#waiter = null;
        clearTimeout(waiter.timer);
        waiter.resolve(frame);
      } else {
        this.#frames.push(frame);
      }
    }
    if (overflow) {
      this.destroy(
        new Sip2Error('protocol', `More than ${this.#framer.maxFrameBytes} bytes without a terminator`, {
          reason: 'FRAME_TOO_LONG',
        }),
      );
    }
  }

  #end(reason: Sip2Error): void {
    if (this.#closed) return;
    this.#closed = reason;
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = null;
      clearTimeout(waiter.timer);
      waiter.reject(reason);
    }
    for (const listener of this.#closeListeners.splice(0)) listener(reason);
  }
}

import type { Duplex } from 'node:stream';
import type { FrameCodec } from '../transport/frame-link.js';

/** Faults a test can inject into a simulated reader's next answers. */
export interface SimFaults {
  /** Next answers sent with one byte flipped (the host sees a CRC error). */
  corrupt: number;
  /** Next answers preceded by a burst of random bytes (line noise). */
  noise: number;
  /** Next requests left unanswered (the host times out). */
  drop: number;
}

export interface SerialDeviceOptions {
  /** Pace answers at this baud rate (a pseudo-terminal moves bytes instantly). 0: no pacing. */
  baudRate?: number;
  /** Bits per byte on the simulated wire (8E1 = 11, 8N1 = 10). */
  bitsPerByte?: number;
  /** Time the reader spends on the RF side per request (anti-collision, tag access). Default 0. */
  processingMs?: number;
  /** A partial request older than this is discarded, as the reader does. */
  charTimeoutMs?: number;
}

/**
 * The serial side of a simulated reader: collects request frames from the stream, hands each to
 * `handle`, and sends the answer paced at the wire's speed, with the injected faults applied.
 */
export abstract class SerialDevice<Req> {
  readonly faults: SimFaults = { corrupt: 0, noise: 0, drop: 0 };
  /** Requests handled, per command byte. */
  readonly requests = new Map<number, number>();
  private stream: Duplex | undefined;
  private buffer = new Uint8Array(0);
  private lastByteAt = 0;
  private lineFreeAt = 0;
  private readonly requestListeners = new Set<(request: Req) => void>();
  private readonly byteMs: number;

  constructor(
    private readonly codec: FrameCodec<Req>,
    protected readonly serial: SerialDeviceOptions,
  ) {
    this.byteMs = serial.baudRate ? ((serial.bitsPerByte ?? 10) * 1000) / serial.baudRate : 0;
  }

  protected abstract commandOf(request: Req): number;
  /** Builds the answer to one request, or undefined for none (a frame the reader ignores). */
  protected abstract handle(request: Req): Uint8Array | undefined;

  get attached(): boolean {
    return this.stream !== undefined;
  }

  /** Connects the simulator to a stream (the device end of a pseudo-terminal, or a test Duplex). */
  attach(stream: Duplex): void {
    this.detach();
    this.stream = stream;
    this.buffer = new Uint8Array(0);
    stream.on('data', (chunk: Buffer) => this.receive(chunk));
    stream.on('close', () => {
      if (this.stream === stream) this.stream = undefined;
    });
    stream.on('error', () => undefined);
  }

  detach(): void {
    const stream = this.stream;
    this.stream = undefined;
    stream?.removeAllListeners('data');
  }

  /** Closes the stream under the host, as pulling the cable does (behind a pty: SimOnPty.unplug). */
  unplug(): void {
    const stream = this.stream;
    this.detach();
    stream?.destroy();
  }

  /** Called with each request before it is answered; a test may unplug the reader from here. */
  onRequest(listener: (request: Req) => void): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  /** Puts bytes on the line now, as electrical noise would. */
  injectNoise(bytes: Uint8Array = randomBytes(8)): void {
    this.stream?.write(Buffer.from(bytes));
  }

  private receive(chunk: Buffer): void {
    const now = performance.now();
    if (
      this.serial.charTimeoutMs !== undefined &&
      this.buffer.length &&
      now - this.lastByteAt > this.serial.charTimeoutMs
    )
      this.buffer = new Uint8Array(0);
    this.lastByteAt = now;
    const merged = new Uint8Array(this.buffer.length + chunk.length);
    merged.set(this.buffer);
    merged.set(chunk, this.buffer.length);
    this.buffer = merged;
    for (;;) {
      const found = this.codec.find(this.buffer);
      if (!found) break;
      this.buffer = this.buffer.slice(found.end);
      this.dispatch(found.frame, found.end, now);
    }
    if (this.buffer.length > 4096) this.buffer = new Uint8Array(0);
  }

  private dispatch(request: Req, frameLength: number, arrivedAt: number): void {
    const command = this.commandOf(request);
    this.requests.set(command, (this.requests.get(command) ?? 0) + 1);
    for (const listener of this.requestListeners) listener(request);
    if (!this.stream) return;
    if (this.faults.drop > 0) {
      this.faults.drop--;
      return;
    }
    const answer = this.handle(request);
    if (!answer) return;
    let bytes = answer;
    if (this.faults.corrupt > 0) {
      this.faults.corrupt--;
      bytes = Uint8Array.from(answer);
      const at = Math.min(bytes.length - 3, 3);
      bytes[at]! ^= 0x10;
    }
    if (this.faults.noise > 0) {
      this.faults.noise--;
      const noisy = new Uint8Array(bytes.length + 5);
      noisy.set(randomBytes(5));
      noisy.set(bytes, 5);
      bytes = noisy;
    }
    // On a real line the request's last byte lands frameLength byte-times after its first.
    const start = Math.max(
      arrivedAt + frameLength * this.byteMs + (this.serial.processingMs ?? 0),
      this.lineFreeAt,
    );
    this.send(bytes, start);
  }

  /** Sends paced: chunks leave when the simulated wire would have carried them. */
  private send(bytes: Uint8Array, start: number): void {
    const stream = this.stream;
    if (!stream) return;
    if (this.byteMs === 0) {
      const delay = start - performance.now();
      if (delay <= 0) stream.write(Buffer.from(bytes));
      else setTimeout(() => this.stream === stream && stream.write(Buffer.from(bytes)), delay);
      return;
    }
    const chunk = 16;
    this.lineFreeAt = start + bytes.length * this.byteMs;
    for (let at = 0; at < bytes.length; at += chunk) {
      const piece = Buffer.from(bytes.subarray(at, at + chunk));
      const due = start + Math.min(at + chunk, bytes.length) * this.byteMs;
      setTimeout(
        () => {
          if (this.stream === stream) stream.write(piece);
        },
        Math.max(0, due - performance.now()),
      );
    }
  }
}

function randomBytes(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(Math.random() * 256));
}

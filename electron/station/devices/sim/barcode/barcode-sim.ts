import type { SerialPort } from 'serialport';
import { openSerialPort } from '../../serial-line.js';
import { PtyPair } from '../pty-pair.js';

export interface BarcodeSimOptions {
  baudRate?: number;
  /** Sent after each barcode; CR like most readers by default. */
  suffix?: string;
  /** Prefix each barcode with this AIM id (`]F0` Codabar…), as readers do when set up to. */
  aimId?: string;
  dir?: string;
  name?: string;
}

/**
 * A serial barcode reader behind a socat pseudo-terminal pair. `scan()` sends a barcode the way a
 * reader does: the data and the suffix, paced at the line's baud rate (10 bit times per byte with
 * 8N1), so drivers see realistic timing.
 */
export class BarcodeReaderSim {
  #port: SerialPort | undefined;

  private constructor(
    readonly pty: PtyPair,
    readonly options: BarcodeSimOptions,
  ) {}

  static async start(options: BarcodeSimOptions = {}): Promise<BarcodeReaderSim> {
    const pty = await PtyPair.start({ dir: options.dir, name: options.name ?? 'barcode' });
    const sim = new BarcodeReaderSim(pty, options);
    await sim.#openSimEnd();
    return sim;
  }

  /** The serial port path a driver opens. */
  get path(): string {
    return this.pty.driverPath;
  }

  get baudRate(): number {
    return this.options.baudRate ?? 9600;
  }

  /** Seconds on the wire for `bytes` at this baud rate (start + 8 data + stop bits per byte). */
  wireTime(bytes: number): number {
    return (bytes * 10) / this.baudRate;
  }

  async scan(text: string, aimId = this.options.aimId): Promise<void> {
    const port = this.#port;
    if (!port) throw new Error('the simulated reader is unplugged');
    const bytes = Buffer.from(`${aimId ?? ''}${text}${this.options.suffix ?? '\r'}`, 'utf8');
    const bytesPerTick = Math.max(1, Math.floor(this.baudRate / 10 / 200)); // 5 ms ticks
    for (let at = 0; at < bytes.length; at += bytesPerTick) {
      const chunk = bytes.subarray(at, at + bytesPerTick);
      await new Promise<void>((resolve, reject) =>
        port.write(chunk, (err) => (err ? reject(err) : resolve())),
      );
      await new Promise((r) => setTimeout(r, (chunk.length * 10 * 1000) / this.baudRate));
    }
    await new Promise<void>((resolve) => port.drain(() => resolve()));
  }

  /** Pulls the reader's cable: the port path disappears. */
  async unplug(): Promise<void> {
    const port = this.#port;
    this.#port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    await this.pty.unplug();
  }

  /** Plugs it back in at the same path. */
  async replug(): Promise<void> {
    await this.pty.plug();
    await this.#openSimEnd();
  }

  async close(): Promise<void> {
    await this.unplug();
    await this.pty.close();
  }

  async #openSimEnd() {
    this.#port = await openSerialPort({ path: this.pty.simPath, baudRate: this.baudRate });
    // The far end going away shows up here as an error; the driver side is what tests watch.
    this.#port.on('error', () => undefined);
  }
}

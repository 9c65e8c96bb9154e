import type { SerialPort } from 'serialport';
import { openSerialPort, type SerialLineOptions } from '../serial-line.js';
import { type PrinterTransport, PrinterUnreachableError, ReplyReader } from './transport.js';

/** A printer on a serial line (RS-232, or a USB-serial adapter). */
export class SerialPrinterTransport implements PrinterTransport {
  readonly address: string;
  #port: SerialPort | undefined;
  readonly #replies = new ReplyReader();

  constructor(readonly line: SerialLineOptions) {
    this.address = line.path;
  }

  async open(): Promise<void> {
    try {
      this.#port = await openSerialPort({ baudRate: 38400, ...this.line });
    } catch (err) {
      throw new PrinterUnreachableError(`${this.address}: ${(err as Error).message}`);
    }
    this.#port.on('data', (chunk: Buffer) => this.#replies.push(chunk));
    this.#port.on('close', () => {
      this.#port = undefined;
    });
    this.#port.on('error', () => {
      this.#port = undefined;
    });
  }

  write(data: Uint8Array): Promise<void> {
    const port = this.#port;
    if (!port) return Promise.reject(new PrinterUnreachableError(`${this.address}: not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(data), (err) => {
        if (err) reject(new PrinterUnreachableError(`${this.address}: ${err.message}`));
        // drain: the bytes have left our buffer for the line before the job counts as sent.
        else port.drain(() => resolve());
      });
    });
  }

  request(data: Uint8Array, length: number, timeoutMs: number): Promise<Uint8Array> {
    return this.#replies.request(() => this.write(data), length, timeoutMs);
  }

  close(): Promise<void> {
    const port = this.#port;
    this.#port = undefined;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}

import type { SerialPort } from 'serialport';
import { EventHub } from '../../events.js';
import { openSerialPort, type SerialLineOptions } from '../serial-line.js';
import type { BarcodeReader, BarcodeReaderEvents, BarcodeScan } from './scan.js';
import { stripAimId } from './symbology.js';

export interface SerialReaderOptions extends SerialLineOptions {
  /**
   * What the reader sends after each barcode (usually CR). Empty: the reader sends nothing, and a
   * scan ends when the line has been quiet for `idleMs`.
   */
  suffix?: string;
  /** A fixed prefix the reader is set up to send before each barcode, removed here. */
  prefix?: string;
  /** The reader transmits the AIM symbology id (`]xy`) before the data. */
  aimId?: boolean;
  idleMs?: number;
}

/** Names for the usual suffixes, as a configuration or the command line spells them. */
export const SUFFIXES = { cr: '\r', lf: '\n', crlf: '\r\n', tab: '\t', none: '' } as const;
export type SuffixName = keyof typeof SUFFIXES;

export function suffixFromName(name: string): string {
  return name in SUFFIXES ? SUFFIXES[name as SuffixName] : name;
}

/**
 * A barcode reader on a serial line: an RS-232 reader, or a USB reader in CDC-ACM (virtual COM)
 * mode, which the OS shows as a serial port. It sends each barcode as text plus a suffix.
 */
export class SerialBarcodeReader implements BarcodeReader {
  readonly #events = new EventHub<BarcodeReaderEvents>();
  readonly #suffix: Buffer;
  #buffer = Buffer.alloc(0);
  #idleTimer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(
    readonly port: SerialPort,
    readonly options: SerialReaderOptions,
  ) {
    this.#suffix = Buffer.from(options.suffix ?? '\r', 'latin1');
    port.on('data', (chunk: Buffer) => this.#receive(chunk));
    port.on('close', (err: Error | null) => this.#gone(err ?? undefined));
    port.on('error', (err: Error) => this.#gone(err));
  }

  static async open(options: SerialReaderOptions): Promise<SerialBarcodeReader> {
    const port = await openSerialPort(options);
    return new SerialBarcodeReader(port, options);
  }

  onScan(listener: (scan: BarcodeScan) => void) {
    return this.#events.on('scan', listener);
  }

  onClose(listener: (error?: Error) => void) {
    return this.#events.on('close', listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await new Promise<void>((resolve) => {
      if (!this.port.isOpen) resolve();
      else this.port.close(() => resolve());
    });
    this.#gone();
  }

  #receive(chunk: Buffer) {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    if (this.#suffix.length > 0) {
      for (let at = this.#buffer.indexOf(this.#suffix); at >= 0; at = this.#buffer.indexOf(this.#suffix)) {
        const frame = this.#buffer.subarray(0, at);
        this.#buffer = this.#buffer.subarray(at + this.#suffix.length);
        this.#emit(frame);
      }
      return;
    }
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      const frame = this.#buffer;
      this.#buffer = Buffer.alloc(0);
      this.#emit(frame);
    }, this.options.idleMs ?? 50);
  }

  #emit(frame: Buffer) {
    // Decoded once the frame is whole, so that a UTF-8 character split across reads stays intact.
    let text = frame.toString('utf8');
    const prefix = this.options.prefix;
    if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length);
    // Stray CR/LF from a reader set to CRLF while we expect CR (or the reverse) are not data.
    text = text.replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (text === '') return;
    if (this.options.aimId) {
      const split = stripAimId(text);
      if (split.aim) {
        this.#events.emit('scan', { text: split.text, symbology: split.aim.symbology, aim: split.aim.aim });
        return;
      }
    }
    this.#events.emit('scan', { text, symbology: 'unknown' });
  }

  #gone(error?: Error) {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    this.#events.emit('close', error);
  }
}

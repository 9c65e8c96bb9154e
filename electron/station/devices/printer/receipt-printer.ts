import { type ComposedLine, composeEscPos } from './compose.js';
import type { PrintDocument } from './document.js';
import { type ReceiptFonts, receiptFonts } from './fonts.js';
import type { CodePage, PrinterProfile } from './profiles.js';
import { canPrint, DLE_EOT, decodeStatus, isStatusByte, type PrinterStatus, UNREACHABLE } from './status.js';
import type { PrinterTransport } from './transport.js';

/** A print refused or failed, with the printer's state for the message to staff. */
export class PrinterError extends Error {
  constructor(
    readonly status: PrinterStatus,
    message: string,
  ) {
    super(message);
  }
}

export interface ReceiptPrinterOptions {
  /** How long to wait for a status byte; a printer answers DLE EOT within a few milliseconds. */
  statusTimeoutMs?: number;
  fonts?: ReceiptFonts;
  codePages?: CodePage[];
  /**
   * Keep the transport open between jobs (serial and USB, which nobody else uses). Network printers
   * are connected per job, because many accept one connection at a time.
   */
  persistent?: boolean;
}

export interface PrintResult {
  status: PrinterStatus;
  lines: ComposedLine[];
  bytes: number;
}

/** An ESC/POS receipt printer: asks its status, refuses to print into an empty paper bin, prints. */
export class ReceiptPrinter {
  #open = false;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly transport: PrinterTransport,
    readonly profile: PrinterProfile,
    readonly options: ReceiptPrinterOptions = {},
  ) {}

  /** The printer's state now; `offline` when it does not answer. Never throws. */
  status(): Promise<PrinterStatus> {
    return this.#exclusive(async () => {
      try {
        return await this.#withTransport(() => this.#queryStatus());
      } catch {
        return UNREACHABLE;
      }
    });
  }

  /**
   * Prints the document when the printer is ready (or only low on paper). Throws `PrinterError`
   * with the status when it is out of paper, open, in error, or unreachable.
   */
  print(doc: PrintDocument): Promise<PrintResult> {
    return this.#exclusive(async () => {
      const composed = await composeEscPos(doc, this.profile, {
        fonts: this.options.fonts ?? receiptFonts(),
        ...(this.options.codePages ? { codePages: this.options.codePages } : {}),
      });
      return this.#withTransport(async () => {
        const status = await this.#queryStatus().catch(() => UNREACHABLE);
        if (!canPrint(status)) {
          throw new PrinterError(status, `printer ${this.transport.address} cannot print: ${status.state}`);
        }
        await this.transport.write(composed.bytes);
        return { status, lines: composed.lines, bytes: composed.bytes.length };
      }).catch((err) => {
        if (err instanceof PrinterError) throw err;
        throw new PrinterError(UNREACHABLE, (err as Error).message);
      });
    });
  }

  async close(): Promise<void> {
    await this.#queue.catch(() => undefined);
    if (this.#open) {
      this.#open = false;
      await this.transport.close();
    }
  }

  async #queryStatus(): Promise<PrinterStatus> {
    const timeout = this.options.statusTimeoutMs ?? 1000;
    const ask = async (n: 1 | 2 | 3 | 4) => {
      const [b] = await this.transport.request(DLE_EOT(n), 1, timeout);
      if (b === undefined || !isStatusByte(b)) throw new Error(`not a status byte: ${b}`);
      return b;
    };
    const printer = await ask(1);
    const offline = await ask(2);
    const error = await ask(3);
    const paper = await ask(4);
    return decodeStatus(printer, offline, error, paper);
  }

  async #withTransport<T>(work: () => Promise<T>): Promise<T> {
    if (!this.#open) {
      await this.transport.open();
      this.#open = true;
    }
    try {
      return await work();
    } catch (err) {
      // A failed exchange leaves the line in an unknown state: start afresh next time. A refusal
      // (no paper) is an answer, not a failure, and keeps a persistent line open.
      if (!(err instanceof PrinterError)) {
        this.#open = false;
        await this.transport.close().catch(() => undefined);
      }
      throw err;
    } finally {
      if (this.#open && !this.options.persistent) {
        this.#open = false;
        await this.transport.close();
      }
    }
  }

  /** One job at a time: status polls and prints must not interleave on the wire. */
  #exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job, job);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

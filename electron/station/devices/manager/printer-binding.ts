import type { ReceiptFonts } from '../printer/fonts.js';
import type { PrinterProfile } from '../printer/profiles.js';
import { ReceiptPrinter } from '../printer/receipt-printer.js';
import type { PrinterStatus } from '../printer/status.js';
import type { PrinterTransport } from '../printer/transport.js';
import { Binding, type BindingContext } from './binding.js';
import type { DeviceInfo } from './events.js';

/**
 * A receipt printer: asked for its status every `statusPollMs`, so that paper running out or the
 * printer going offline reaches staff before a patron's receipt fails.
 */
export class PrinterBinding extends Binding {
  #printer: ReceiptPrinter | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  lastStatus: PrinterStatus | undefined;

  constructor(
    info: DeviceInfo,
    ctx: BindingContext,
    readonly profile: PrinterProfile,
    readonly options: {
      statusPollMs: number;
      fonts?: ReceiptFonts;
      /** Serial and USB lines stay open; network printers are connected per job. */
      persistent: boolean;
      transport?: PrinterTransport;
    },
  ) {
    super(info, ctx);
    if (options.transport) this.#printer = this.#makePrinter(options.transport);
  }

  get printer(): ReceiptPrinter | undefined {
    return this.#printer;
  }

  start(): void {
    this.#stopped = false;
    void this.refresh();
  }

  /** Asks the printer now and publishes what changed. */
  async refresh(): Promise<PrinterStatus | undefined> {
    clearTimeout(this.#timer);
    const printer = this.#printer;
    if (!printer) {
      this.setState('disconnected', 'not plugged in');
      return undefined;
    }
    const status = await printer.status();
    if (this.#stopped || printer !== this.#printer) return status;
    this.report(status);
    this.#timer = setTimeout(() => void this.refresh(), this.options.statusPollMs);
    return status;
  }

  /** Publishes a status learned elsewhere (the answer before a print). */
  report(status: PrinterStatus): void {
    this.lastStatus = status;
    if (status.state === 'offline') this.setState('disconnected', 'offline');
    else if (status.state === 'ready') this.setState('connected');
    else if (status.state === 'paper-low') this.setState('connected', 'paper-low');
    else this.setState('error', status.state);
  }

  /** A USB printer plugged in (again). */
  attachTransport(transport: PrinterTransport): void {
    void this.#printer?.close();
    this.#printer = this.#makePrinter(transport);
    void this.refresh();
  }

  async detachTransport(): Promise<void> {
    const printer = this.#printer;
    this.#printer = undefined;
    clearTimeout(this.#timer);
    await printer?.close();
    this.setState('disconnected', 'unplugged');
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#printer?.close();
  }

  #makePrinter(transport: PrinterTransport) {
    return new ReceiptPrinter(transport, this.profile, {
      persistent: this.options.persistent,
      ...(this.options.fonts ? { fonts: this.options.fonts } : {}),
    });
  }
}

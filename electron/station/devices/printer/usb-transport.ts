import type { UsbDeviceHandle } from '../usb/usb-bus.js';
import { type PrinterTransport, PrinterUnreachableError, ReplyReader } from './transport.js';

/** USB interface class of printers. */
export const USB_PRINTER_CLASS = 0x07;

/**
 * A USB printer-class interface: the job goes to the bulk OUT endpoint; a bidirectional printer
 * answers DLE EOT on its bulk IN endpoint.
 */
export class UsbPrinterTransport implements PrinterTransport {
  readonly address: string;
  #iface: { number: number; out: number; in: number | undefined } | undefined;
  readonly #replies = new ReplyReader();
  #reading = false;

  constructor(readonly device: UsbDeviceHandle) {
    this.address = `usb ${device.vendorId.toString(16).padStart(4, '0')}:${device.productId.toString(16).padStart(4, '0')}`;
  }

  async open(): Promise<void> {
    try {
      await this.device.open();
      const iface = this.device.interfaces().find((i) => i.interfaceClass === USB_PRINTER_CLASS);
      const out = iface?.endpoints.find((e) => e.direction === 'out' && e.type === 'bulk');
      if (!iface || !out) throw new Error('no printer-class interface with a bulk OUT endpoint');
      await this.device.claimInterface(iface.interfaceNumber);
      const inEp = iface.endpoints.find((e) => e.direction === 'in' && e.type === 'bulk');
      this.#iface = { number: iface.interfaceNumber, out: out.endpointNumber, in: inEp?.endpointNumber };
    } catch (err) {
      throw new PrinterUnreachableError(`${this.address}: ${(err as Error).message}`);
    }
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.#iface) throw new PrinterUnreachableError(`${this.address}: not open`);
    try {
      await this.device.transferOut(this.#iface.out, data);
    } catch (err) {
      throw new PrinterUnreachableError(`${this.address}: ${(err as Error).message}`);
    }
  }

  request(data: Uint8Array, length: number, timeoutMs: number): Promise<Uint8Array> {
    const iface = this.#iface;
    if (iface?.in === undefined) {
      return Promise.reject(new PrinterUnreachableError(`${this.address}: printer has no status channel`));
    }
    this.#readOnce(iface.in);
    return this.#replies.request(() => this.write(data), length, timeoutMs);
  }

  #readOnce(endpoint: number) {
    if (this.#reading) return;
    this.#reading = true;
    this.device
      .transferIn(endpoint, 64)
      .then((chunk) => this.#replies.push(chunk))
      .catch(() => undefined)
      .finally(() => {
        this.#reading = false;
      });
  }

  async close(): Promise<void> {
    const iface = this.#iface;
    this.#iface = undefined;
    if (!iface) return;
    try {
      await this.device.releaseInterface(iface.number);
      await this.device.close();
    } catch {
      // unplugged meanwhile
    }
  }
}

import { EventHub } from '../../events.js';
import type { UsbDeviceHandle } from '../usb/usb-bus.js';
import { HidPosAssembler, HidPosReportError } from './hid-pos-report.js';
import { enableHoneywellHidPos, HONEYWELL_VENDOR_ID } from './honeywell.js';
import type { BarcodeReader, BarcodeReaderEvents, BarcodeScan } from './scan.js';

export interface HidPosReaderOptions {
  /** Send Honeywell's mode switch; by default when the vendor id is Honeywell's. */
  honeywellMode?: boolean;
}

/**
 * A barcode reader in USB HID POS mode (usage page 0x8C), read directly over USB: the interrupt IN
 * endpoint of its HID interface delivers scanned-data reports, one barcode possibly spread over
 * several. On Linux libusb detaches the kernel's HID driver when the interface is claimed; on
 * Windows the interface needs the WinUSB driver.
 */
export class HidPosReader implements BarcodeReader {
  readonly #events = new EventHub<BarcodeReaderEvents>();
  readonly #assembler = new HidPosAssembler();
  #closed = false;

  private constructor(
    readonly device: UsbDeviceHandle,
    readonly interfaceNumber: number,
    readonly endpoint: number,
    readonly packetSize: number,
  ) {}

  static async open(device: UsbDeviceHandle, options: HidPosReaderOptions = {}): Promise<HidPosReader> {
    await device.open();
    const hid = device
      .interfaces()
      .find((i) => i.interfaceClass === 0x03 && i.endpoints.some((e) => e.direction === 'in'));
    const endpoint = hid?.endpoints.find((e) => e.direction === 'in' && e.type === 'interrupt');
    if (!hid || !endpoint) {
      await device.close();
      throw new Error('no HID interface with an interrupt IN endpoint');
    }
    await device.claimInterface(hid.interfaceNumber);
    if (options.honeywellMode ?? device.vendorId === HONEYWELL_VENDOR_ID) {
      await enableHoneywellHidPos(device, hid.interfaceNumber);
    }
    const reader = new HidPosReader(
      device,
      hid.interfaceNumber,
      endpoint.endpointNumber,
      endpoint.packetSize,
    );
    void reader.#loop();
    return reader;
  }

  onScan(listener: (scan: BarcodeScan) => void) {
    return this.#events.on('scan', listener);
  }

  onClose(listener: (error?: Error) => void) {
    return this.#events.on('close', listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.device.releaseInterface(this.interfaceNumber);
      await this.device.close();
    } catch {
      // already gone
    }
    this.#events.emit('close', undefined);
  }

  async #loop(): Promise<void> {
    while (!this.#closed) {
      let report: Uint8Array;
      try {
        report = await this.device.transferIn(this.endpoint, this.packetSize);
      } catch (err) {
        if (this.#closed) return;
        this.#closed = true;
        this.#events.emit('close', err instanceof Error ? err : new Error(String(err)));
        return;
      }
      try {
        const scan = this.#assembler.push(report);
        if (scan) this.#events.emit('scan', { text: scan.text, symbology: scan.symbology, aim: scan.aim });
      } catch (err) {
        // A garbled report loses that barcode only; the reader stays usable.
        if (!(err instanceof HidPosReportError)) throw err;
        this.#assembler.reset();
      }
    }
  }
}

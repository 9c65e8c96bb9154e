import fs from 'node:fs';
import { HidPosReader } from '../barcode/hid-pos-reader.js';
import type { BarcodeReader } from '../barcode/scan.js';
import { SerialBarcodeReader, type SerialReaderOptions } from '../barcode/serial-reader.js';
import type { UsbDeviceHandle } from '../usb/usb-bus.js';
import { Binding, type BindingContext, ReopeningBinding } from './binding.js';
import type { DeviceInfo } from './events.js';

function forwardScans(reader: BarcodeReader, info: DeviceInfo, ctx: BindingContext) {
  reader.onScan((scan) =>
    ctx.emit('barcode.scanned', {
      text: scan.text,
      symbology: scan.symbology,
      deviceId: info.id,
      ...(scan.aim ? { aim: scan.aim } : {}),
    }),
  );
}

/** A serial (or CDC-ACM) barcode reader, reopened when its port comes back. */
export class SerialBarcodeBinding extends ReopeningBinding<SerialBarcodeReader> {
  constructor(
    info: DeviceInfo,
    ctx: BindingContext,
    readonly options: SerialReaderOptions,
  ) {
    super(info, ctx);
  }

  protected override present(): boolean {
    // Device nodes on Linux and macOS vanish with the device; Windows COM names cannot be checked so.
    return !this.options.path.startsWith('/') || fs.existsSync(this.options.path);
  }

  protected open() {
    return SerialBarcodeReader.open(this.options);
  }

  protected attach(reader: SerialBarcodeReader) {
    forwardScans(reader, this.info, this.ctx);
  }
}

/** A USB HID POS barcode reader, present while it is plugged in. */
export class HidBarcodeBinding extends Binding {
  #reader: HidPosReader | undefined;
  #device: UsbDeviceHandle | undefined;

  constructor(info: DeviceInfo, ctx: BindingContext, device?: UsbDeviceHandle) {
    super(info, ctx);
    this.#device = device;
  }

  start(): void {
    if (this.#device) void this.#open(this.#device);
    else this.setState('disconnected', 'not plugged in');
  }

  /** The device was plugged in (again). */
  attachDevice(device: UsbDeviceHandle): void {
    this.#device = device;
    void this.#open(device);
  }

  /** The device was unplugged. */
  async detachDevice(): Promise<void> {
    this.#device = undefined;
    const reader = this.#reader;
    this.#reader = undefined;
    await reader?.close();
    this.setState('disconnected', 'unplugged');
  }

  async stop(): Promise<void> {
    const reader = this.#reader;
    this.#reader = undefined;
    await reader?.close();
  }

  async #open(device: UsbDeviceHandle) {
    try {
      const reader = await HidPosReader.open(device);
      this.#reader = reader;
      forwardScans(reader, this.info, this.ctx);
      reader.onClose((error) => {
        if (this.#reader !== reader) return;
        this.#reader = undefined;
        this.setState('disconnected', error?.message ?? 'closed');
      });
      this.setState('connected');
    } catch (err) {
      this.setState('error', (err as Error).message);
    }
  }
}

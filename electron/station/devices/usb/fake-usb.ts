import type { UsbBus, UsbControlSetup, UsbDeviceHandle, UsbInterface } from './usb-bus.js';

export interface FakeUsbDeviceInit {
  vendorId: number;
  productId: number;
  manufacturerName?: string;
  productName?: string;
  serialNumber?: string;
  interfaces: UsbInterface[];
}

/**
 * A USB device in memory. Tests queue what the device will send (`pushIn`) and read back what the
 * driver sent (`outTransfers`, `controlTransfers`). Unplugging makes pending and later transfers
 * fail the way libusb's do (LIBUSB_ERROR_NO_DEVICE).
 */
export class FakeUsbDevice implements UsbDeviceHandle {
  readonly outTransfers: { endpoint: number; data: Uint8Array }[] = [];
  readonly controlTransfers: { setup: UsbControlSetup; data: Uint8Array | undefined }[] = [];
  readonly claimed = new Set<number>();
  opened = false;
  /** Answers to bulk/interrupt OUT transfers, e.g. a printer's status byte after DLE EOT. */
  onOut: ((endpoint: number, data: Uint8Array) => void) | undefined;
  #queues = new Map<number, Uint8Array[]>();
  #waiters = new Map<number, { resolve: (d: Uint8Array) => void; reject: (e: Error) => void }[]>();
  #gone = false;

  constructor(readonly init: FakeUsbDeviceInit) {}

  get vendorId() {
    return this.init.vendorId;
  }
  get productId() {
    return this.init.productId;
  }
  get manufacturerName() {
    return this.init.manufacturerName;
  }
  get productName() {
    return this.init.productName;
  }
  get serialNumber() {
    return this.init.serialNumber;
  }
  interfaces() {
    return this.init.interfaces;
  }

  async open() {
    this.#check();
    this.opened = true;
  }
  async close() {
    this.opened = false;
    this.claimed.clear();
  }
  async claimInterface(n: number) {
    this.#check();
    if (!this.opened) throw new Error('device not open');
    this.claimed.add(n);
  }
  async releaseInterface(n: number) {
    this.claimed.delete(n);
  }
  transferIn(endpoint: number, _length: number): Promise<Uint8Array> {
    if (this.#gone) return Promise.reject(new Error('LIBUSB_ERROR_NO_DEVICE'));
    const queued = this.#queues.get(endpoint)?.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const list = this.#waiters.get(endpoint) ?? [];
      list.push({ resolve, reject });
      this.#waiters.set(endpoint, list);
    });
  }
  async transferOut(endpoint: number, data: Uint8Array) {
    this.#check();
    this.outTransfers.push({ endpoint, data: Uint8Array.from(data) });
    this.onOut?.(endpoint, data);
  }
  async controlTransferOut(setup: UsbControlSetup, data?: Uint8Array) {
    this.#check();
    this.controlTransfers.push({ setup, data: data ? Uint8Array.from(data) : undefined });
  }

  /** What the device sends next on an IN endpoint (a HID report, a status byte). */
  pushIn(endpoint: number, data: Uint8Array): void {
    const waiter = this.#waiters.get(endpoint)?.shift();
    if (waiter) waiter.resolve(data);
    else this.#queues.set(endpoint, [...(this.#queues.get(endpoint) ?? []), data]);
  }

  /** Called by the bus when the device is unplugged. */
  unplug(): void {
    this.#gone = true;
    for (const list of this.#waiters.values())
      for (const w of list.splice(0)) w.reject(new Error('LIBUSB_ERROR_NO_DEVICE'));
  }

  #check() {
    if (this.#gone) throw new Error('LIBUSB_ERROR_NO_DEVICE');
  }
}

/** A USB bus in memory: `attach`/`detach` stand for plugging a device in and pulling it out. */
export class FakeUsbBus implements UsbBus {
  readonly #devices = new Set<FakeUsbDevice>();
  readonly #attach = new Set<(d: UsbDeviceHandle) => void>();
  readonly #detach = new Set<(d: UsbDeviceHandle) => void>();

  async getDevices(): Promise<UsbDeviceHandle[]> {
    return [...this.#devices];
  }
  onAttach(listener: (d: UsbDeviceHandle) => void) {
    this.#attach.add(listener);
    return () => {
      this.#attach.delete(listener);
    };
  }
  onDetach(listener: (d: UsbDeviceHandle) => void) {
    this.#detach.add(listener);
    return () => {
      this.#detach.delete(listener);
    };
  }
  close() {
    this.#attach.clear();
    this.#detach.clear();
  }

  attach(device: FakeUsbDevice): void {
    this.#devices.add(device);
    for (const l of this.#attach) l(device);
  }
  detach(device: FakeUsbDevice): void {
    if (!this.#devices.delete(device)) return;
    device.unplug();
    for (const l of this.#detach) l(device);
  }
}

/** A HID POS barcode reader's interface: HID class, one interrupt IN endpoint (64-byte reports). */
export function hidPosInterface(interfaceNumber = 0, endpointNumber = 1): UsbInterface {
  return {
    interfaceNumber,
    interfaceClass: 0x03,
    interfaceSubclass: 0,
    interfaceProtocol: 0,
    endpoints: [{ endpointNumber, direction: 'in', type: 'interrupt', packetSize: 64 }],
  };
}

/** A USB printer-class interface (0x07, bidirectional): bulk OUT for data, bulk IN for status. */
export function printerInterface(interfaceNumber = 0, outEndpoint = 1, inEndpoint = 2): UsbInterface {
  return {
    interfaceNumber,
    interfaceClass: 0x07,
    interfaceSubclass: 0x01,
    interfaceProtocol: 0x02,
    endpoints: [
      { endpointNumber: outEndpoint, direction: 'out', type: 'bulk', packetSize: 64 },
      { endpointNumber: inEndpoint, direction: 'in', type: 'bulk', packetSize: 64 },
    ],
  };
}

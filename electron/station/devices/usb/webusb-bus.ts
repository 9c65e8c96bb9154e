import type { UsbBus, UsbControlSetup, UsbDeviceHandle, UsbInterface } from './usb-bus.js';

/*
 * The `usb` package (3.x) exposes a WebUSB-style API: `getDevices()` is a Promise and devices have
 * `open`/`claimInterface`/`transferIn`. The old `getDeviceList`/`findByIds` calls are gone, which is
 * why the ESC/POS USB adapters written for 1.x do not work. We describe the few members we use here
 * rather than pulling in the W3C WebUSB typings.
 */
interface WebUsbAlternate {
  interfaceClass: number;
  interfaceSubclass: number;
  interfaceProtocol: number;
  endpoints: { endpointNumber: number; direction: 'in' | 'out'; type: string; packetSize: number }[];
}
interface WebUsbDevice {
  vendorId: number;
  productId: number;
  manufacturerName?: string;
  productName?: string;
  serialNumber?: string;
  configuration?: { interfaces: { interfaceNumber: number; alternate: WebUsbAlternate }[] } | null;
  configurations?: { configurationValue: number }[];
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(value: number): Promise<void>;
  claimInterface(n: number): Promise<void>;
  releaseInterface(n: number): Promise<void>;
  transferIn(endpoint: number, length: number): Promise<{ data?: DataView; status: string }>;
  transferOut(endpoint: number, data: Uint8Array): Promise<{ status: string }>;
  controlTransferOut(setup: UsbControlSetup, data?: Uint8Array): Promise<{ status: string }>;
}
interface WebUsb {
  getDevices(): Promise<WebUsbDevice[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: (event: { device: WebUsbDevice }) => void): void;
  removeEventListener(
    type: 'connect' | 'disconnect',
    listener: (event: { device: WebUsbDevice }) => void,
  ): void;
}

class WebUsbHandle implements UsbDeviceHandle {
  constructor(readonly raw: WebUsbDevice) {}
  get vendorId() {
    return this.raw.vendorId;
  }
  get productId() {
    return this.raw.productId;
  }
  get manufacturerName() {
    return this.raw.manufacturerName;
  }
  get productName() {
    return this.raw.productName;
  }
  get serialNumber() {
    return this.raw.serialNumber;
  }
  interfaces(): UsbInterface[] {
    return (this.raw.configuration?.interfaces ?? []).map((i) => ({
      interfaceNumber: i.interfaceNumber,
      interfaceClass: i.alternate.interfaceClass,
      interfaceSubclass: i.alternate.interfaceSubclass,
      interfaceProtocol: i.alternate.interfaceProtocol,
      endpoints: i.alternate.endpoints.map((e) => ({
        endpointNumber: e.endpointNumber,
        direction: e.direction,
        type: e.type as 'bulk' | 'interrupt' | 'isochronous',
        packetSize: e.packetSize,
      })),
    }));
  }
  async open() {
    await this.raw.open();
    // A device fresh from the bus may have no active configuration; the first one is the usual one.
    const first = this.raw.configurations?.[0];
    if (!this.raw.configuration && first) await this.raw.selectConfiguration(first.configurationValue);
  }
  close() {
    return this.raw.close();
  }
  claimInterface(n: number) {
    return this.raw.claimInterface(n);
  }
  releaseInterface(n: number) {
    return this.raw.releaseInterface(n);
  }
  async transferIn(endpoint: number, length: number) {
    const result = await this.raw.transferIn(endpoint, length);
    if (result.status !== 'ok' || !result.data) throw new Error(`USB transfer in: ${result.status}`);
    return new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength);
  }
  async transferOut(endpoint: number, data: Uint8Array) {
    const result = await this.raw.transferOut(endpoint, data);
    if (result.status !== 'ok') throw new Error(`USB transfer out: ${result.status}`);
  }
  async controlTransferOut(setup: UsbControlSetup, data?: Uint8Array) {
    const result = await this.raw.controlTransferOut(setup, data);
    if (result.status !== 'ok') throw new Error(`USB control transfer: ${result.status}`);
  }
}

/**
 * The real bus, through libusb. Loaded on demand so that a machine where the native module cannot
 * load still runs everything else (serial and network devices). Rejects when USB is unavailable.
 */
export async function openWebUsbBus(): Promise<UsbBus> {
  const mod = (await import('usb')) as unknown as { WebUSB: new (o: object) => WebUsb };
  const webusb = new mod.WebUSB({ allowAllDevices: true });
  // Handles are cached per raw device so that attach and detach hand out the same object.
  const handles = new WeakMap<WebUsbDevice, WebUsbHandle>();
  const wrap = (raw: WebUsbDevice) => {
    let handle = handles.get(raw);
    if (!handle) {
      handle = new WebUsbHandle(raw);
      handles.set(raw, handle);
    }
    return handle;
  };
  // Fails here, not later, on a machine without a USB bus (no /sys/bus/usb on Linux).
  await webusb.getDevices();
  const subscriptions: (() => void)[] = [];
  const subscribe = (type: 'connect' | 'disconnect', listener: (device: UsbDeviceHandle) => void) => {
    const wrapped = (event: { device: WebUsbDevice }) => listener(wrap(event.device));
    webusb.addEventListener(type, wrapped);
    const off = () => webusb.removeEventListener(type, wrapped);
    subscriptions.push(off);
    return off;
  };
  return {
    getDevices: async () => (await webusb.getDevices()).map(wrap),
    onAttach: (listener) => subscribe('connect', listener),
    onDetach: (listener) => subscribe('disconnect', listener),
    close: () => {
      for (const off of subscriptions.splice(0)) off();
    },
  };
}

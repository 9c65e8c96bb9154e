/**
 * The USB access the drivers need, as a small WebUSB-shaped interface. Drivers and the device
 * manager see only this: `webusb-bus.ts` implements it over the `usb` package (libusb), and
 * `fake-usb.ts` implements it in memory, because build and test machines have no USB bus.
 */

export interface UsbEndpoint {
  endpointNumber: number;
  direction: 'in' | 'out';
  type: 'bulk' | 'interrupt' | 'isochronous';
  packetSize: number;
}

export interface UsbInterface {
  interfaceNumber: number;
  /** USB class code of the interface's current alternate: 0x03 HID, 0x07 printer, 0x02/0x0a CDC. */
  interfaceClass: number;
  interfaceSubclass: number;
  interfaceProtocol: number;
  endpoints: UsbEndpoint[];
}

/** A class or vendor control transfer's setup, as WebUSB spells it. */
export interface UsbControlSetup {
  requestType: 'standard' | 'class' | 'vendor';
  recipient: 'device' | 'interface' | 'endpoint' | 'other';
  request: number;
  value: number;
  index: number;
}

export interface UsbDeviceHandle {
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturerName?: string | undefined;
  readonly productName?: string | undefined;
  readonly serialNumber?: string | undefined;
  /** Interfaces of the active configuration (after `open()`; before it, what the descriptor says). */
  interfaces(): UsbInterface[];
  open(): Promise<void>;
  close(): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  /** Resolves with the bytes read; rejects when the device goes away. */
  transferIn(endpointNumber: number, length: number): Promise<Uint8Array>;
  transferOut(endpointNumber: number, data: Uint8Array): Promise<void>;
  controlTransferOut(setup: UsbControlSetup, data?: Uint8Array): Promise<void>;
}

export interface UsbBus {
  getDevices(): Promise<UsbDeviceHandle[]>;
  /** Calls back when a device is plugged in; returns the unsubscribe function. */
  onAttach(listener: (device: UsbDeviceHandle) => void): () => void;
  onDetach(listener: (device: UsbDeviceHandle) => void): () => void;
  close(): void;
}

/** `04b8:0e15`, the form lsusb and udev rules use. */
export function usbId(vendorId: number, productId: number): string {
  return `${hex4(vendorId)}:${hex4(productId)}`;
}

export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/** A key that stays the same for one physical device while it is plugged in. */
export function usbDeviceKey(device: UsbDeviceHandle): string {
  return `${usbId(device.vendorId, device.productId)}${device.serialNumber ? `:${device.serialNumber}` : ''}`;
}

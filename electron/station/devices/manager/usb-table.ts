import type { UsbDeviceHandle, UsbInterface } from '../usb/usb-bus.js';
import type { DeviceKind } from './config.js';

export type UsbDriver = 'hid-pos' | 'usb-printer';

export interface UsbTableEntry {
  vendorId: number;
  /** Absent: every product of the vendor that offers the right interface. */
  productId?: number;
  kind: DeviceKind;
  driver: UsbDriver;
  name: string;
  /** Printer profile. */
  model?: string;
}

/*
 * Devices bound without configuration. Barcode readers are matched by vendor and bound only when
 * they offer a HID interface that is not a boot keyboard: the same reader in keyboard-wedge mode is
 * left to the OS (the kiosk screen recognizes its fast typing), and in CDC-ACM mode it is a serial
 * port, found by the serial discovery below.
 */
export const USB_TABLE: UsbTableEntry[] = [
  { vendorId: 0x0c2e, kind: 'barcode', driver: 'hid-pos', name: 'Honeywell barcode reader' },
  { vendorId: 0x05e0, kind: 'barcode', driver: 'hid-pos', name: 'Zebra barcode reader' },
  { vendorId: 0x05f9, kind: 'barcode', driver: 'hid-pos', name: 'Datalogic barcode reader' },
  { vendorId: 0x1eab, kind: 'barcode', driver: 'hid-pos', name: 'Newland barcode reader' },
  {
    vendorId: 0x04b8,
    kind: 'printer',
    driver: 'usb-printer',
    name: 'Epson receipt printer',
    model: 'epson-80',
  },
  {
    vendorId: 0x0416,
    productId: 0x5011,
    kind: 'printer',
    driver: 'usb-printer',
    name: 'POS-58 receipt printer',
    model: 'clone-58',
  },
];

/** Vendors whose readers, seen as a serial port (CDC-ACM), are barcode readers. */
export const SERIAL_BARCODE_VENDORS = new Set(
  USB_TABLE.filter((e) => e.kind === 'barcode').map((e) => e.vendorId),
);

const HID = 0x03;
const PRINTER = 0x07;

function isHidPos(i: UsbInterface): boolean {
  // Boot-protocol keyboards (protocol 1) are wedges; HID POS readers report protocol 0.
  return (
    i.interfaceClass === HID && i.interfaceProtocol !== 1 && i.endpoints.some((e) => e.direction === 'in')
  );
}

/** Which driver takes this USB device, by the table and, for printers, by interface class. */
export function matchUsbDevice(device: UsbDeviceHandle): UsbTableEntry | null {
  const interfaces = device.interfaces();
  for (const entry of USB_TABLE) {
    if (entry.vendorId !== device.vendorId) continue;
    if (entry.productId !== undefined && entry.productId !== device.productId) continue;
    if (entry.driver === 'hid-pos' && interfaces.some(isHidPos)) return entry;
    if (entry.driver === 'usb-printer' && interfaces.some((i) => i.interfaceClass === PRINTER)) return entry;
  }
  // Any printer-class device speaks to the generic driver; most receipt printers take ESC/POS.
  if (interfaces.some((i) => i.interfaceClass === PRINTER)) {
    return {
      vendorId: device.vendorId,
      productId: device.productId,
      kind: 'printer',
      driver: 'usb-printer',
      name: device.productName ?? 'USB printer',
    };
  }
  return null;
}

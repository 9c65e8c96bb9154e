import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface SerialPortSeen {
  path: string;
  /** Stable name from /dev/serial/by-id when the OS gives one (it names the vendor and serial). */
  byId?: string;
}

export interface UsbDeviceSeen {
  vendorId: string;
  productId: string;
  manufacturer?: string;
  product?: string;
}

/**
 * A quick look at what is plugged in, for `bitig doctor`. It reads what the OS already exposes
 * (Linux sysfs and /dev) and opens nothing, so it is safe while the station is running; the
 * device manager does the real discovery and binding.
 */
export function listSerialPorts(devDir = '/dev'): SerialPortSeen[] {
  const byIdDir = path.join(devDir, 'serial', 'by-id');
  const byId = new Map<string, string>();
  for (const name of safeReaddir(byIdDir)) {
    try {
      byId.set(fs.realpathSync(path.join(byIdDir, name)), name);
    } catch {
      // a dangling link: the device left while we looked
    }
  }
  return safeReaddir(devDir)
    .filter((name) => /^tty(USB|ACM)\d+$/.test(name))
    .sort()
    .map((name) => {
      const full = path.join(devDir, name);
      const id = byId.get(full);
      return id ? { path: full, byId: id } : { path: full };
    });
}

export function listUsbDevices(sysDir = '/sys/bus/usb/devices'): UsbDeviceSeen[] {
  const devices: UsbDeviceSeen[] = [];
  for (const name of safeReaddir(sysDir)) {
    const dir = path.join(sysDir, name);
    const vendorId = readAttr(dir, 'idVendor');
    const productId = readAttr(dir, 'idProduct');
    // Root hubs belong to the host controller, not to anything a person plugged in.
    if (!vendorId || !productId || vendorId === '1d6b') continue;
    const device: UsbDeviceSeen = { vendorId, productId };
    const manufacturer = readAttr(dir, 'manufacturer');
    const product = readAttr(dir, 'product');
    if (manufacturer) device.manufacturer = manufacturer;
    if (product) device.product = product;
    devices.push(device);
  }
  return devices;
}

export type SaneLibrary = { available: true; library: string } | { available: false; reason: string };

/** Whether libsane is installed, which the scanner addon needs; it is optional for a kiosk. */
export function findSaneLibrary(): SaneLibrary {
  if (process.platform !== 'linux') return { available: false, reason: 'SANE is used on Linux only' };
  try {
    const cache = execFileSync('ldconfig', ['-p'], {
      encoding: 'utf8',
      timeout: 2000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const line = cache.split('\n').find((l) => l.includes('libsane.so.1'));
    const library = line?.split('=>')[1]?.trim();
    if (library) return { available: true, library };
  } catch {
    // ldconfig missing: fall through to the usual locations
  }
  for (const dir of [
    '/usr/lib/x86_64-linux-gnu',
    '/usr/lib/aarch64-linux-gnu',
    '/usr/lib',
    '/usr/local/lib',
  ]) {
    const candidate = path.join(dir, 'libsane.so.1');
    if (fs.existsSync(candidate)) return { available: true, library: candidate };
  }
  return { available: false, reason: 'libsane.so.1 not found (install libsane1 or sane-utils)' };
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function readAttr(dir: string, name: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, name), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

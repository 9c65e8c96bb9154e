import { afterEach, describe, expect, it } from 'vitest';
import { buildHidPosReports } from '../../../electron/station/devices/barcode/hid-pos-report.js';
import { DeviceManager } from '../../../electron/station/devices/manager/device-manager.js';
import type {
  BarcodeScannedEvent,
  DeviceStatusEvent,
} from '../../../electron/station/devices/manager/events.js';
import { matchUsbDevice } from '../../../electron/station/devices/manager/usb-table.js';
import { encodeStatus } from '../../../electron/station/devices/printer/status.js';
import {
  FakeUsbBus,
  FakeUsbDevice,
  hidPosInterface,
  printerInterface,
} from '../../../electron/station/devices/usb/fake-usb.js';

const tick = () => new Promise((r) => setTimeout(r, 5));
async function until(test: () => boolean) {
  for (let i = 0; i < 200 && !test(); i++) await tick();
  expect(test()).toBe(true);
}

function honeywell() {
  return new FakeUsbDevice({
    vendorId: 0x0c2e,
    productId: 0x0b07,
    productName: 'Voyager 1450g',
    serialNumber: '17200B1234',
    interfaces: [hidPosInterface(0, 3)],
  });
}

/** A USB receipt printer that answers DLE EOT on its IN endpoint. */
function usbPrinter(paperOut = { value: false }) {
  const device = new FakeUsbDevice({
    vendorId: 0x0416,
    productId: 0x5011,
    interfaces: [printerInterface(0, 1, 2)],
  });
  device.onOut = (_ep, data) => {
    if (data[0] !== 0x10 || data[1] !== 0x04) return;
    const s = encodeStatus({ offline: false, coverOpen: false, paperOut: paperOut.value });
    const byte = [0, s.printer, s.offline, s.error, s.paper][data[2]!]!;
    setTimeout(() => device.pushIn(2, Uint8Array.of(byte)), 1);
  };
  return device;
}

let manager: DeviceManager | undefined;
afterEach(async () => {
  await manager?.stop();
  manager = undefined;
});

describe('USB discovery through the fake bus', () => {
  it('matches devices by vendor and interface, leaving keyboard wedges alone', () => {
    expect(matchUsbDevice(honeywell())?.driver).toBe('hid-pos');
    const wedge = new FakeUsbDevice({
      vendorId: 0x0c2e,
      productId: 0x0b01,
      interfaces: [{ ...hidPosInterface(), interfaceSubclass: 1, interfaceProtocol: 1 }],
    });
    expect(matchUsbDevice(wedge)).toBeNull();
    expect(matchUsbDevice(usbPrinter())).toMatchObject({ kind: 'printer', model: 'clone-58' });
    const unknownPrinter = new FakeUsbDevice({
      vendorId: 0x1234,
      productId: 1,
      interfaces: [printerInterface()],
    });
    expect(matchUsbDevice(unknownPrinter)?.driver).toBe('usb-printer');
  });

  it('binds a HID POS reader on attach, switches a Honeywell into HID POS mode, and reads scans', async () => {
    const bus = new FakeUsbBus();
    manager = new DeviceManager({ usb: bus, listSerialPorts: null });
    const statuses: DeviceStatusEvent[] = [];
    const scans: BarcodeScannedEvent[] = [];
    manager.on('device.status', (s) => statuses.push(s));
    manager.on('barcode.scanned', (s) => scans.push(s));
    await manager.start();
    expect(manager.list()).toEqual([]);

    const reader = honeywell();
    bus.attach(reader);
    await until(() => statuses.some((s) => s.state === 'connected'));
    const id = 'usb:0c2e:0b07:17200B1234';
    expect(statuses.at(-1)).toEqual({ id, kind: 'barcode', name: 'Voyager 1450g', state: 'connected' });
    expect(reader.claimed.has(0)).toBe(true);
    // Feature report 0xFE [01]: SET_REPORT (0x09), report type feature (3) << 8 | id 0xFE.
    expect(reader.controlTransfers).toEqual([
      {
        setup: { requestType: 'class', recipient: 'interface', request: 0x09, value: 0x03fe, index: 0 },
        data: Uint8Array.of(0xfe, 0x01),
      },
    ]);

    for (const r of buildHidPosReports('21234000123455', ']F0')) reader.pushIn(3, r);
    await until(() => scans.length === 1);
    expect(scans[0]).toEqual({ text: '21234000123455', symbology: 'codabar', deviceId: id, aim: ']F0' });

    bus.detach(reader);
    await until(() => statuses.at(-1)?.state === 'disconnected');
    expect(manager.list()).toEqual([]);

    bus.attach(honeywell());
    await until(() => statuses.at(-1)?.state === 'connected');
    expect(manager.list().map((d) => d.id)).toEqual([id]);
  });

  it('binds a USB printer, follows its paper, and prints over the bulk endpoint', async () => {
    const bus = new FakeUsbBus();
    const paperOut = { value: false };
    const device = usbPrinter(paperOut);
    bus.attach(device);
    manager = new DeviceManager({ usb: bus, listSerialPorts: null, printerPollMs: 20 });
    const statuses: DeviceStatusEvent[] = [];
    manager.on('device.status', (s) => statuses.push(s));
    await manager.start();
    await until(() => statuses.some((s) => s.state === 'connected'));
    expect(manager.list()[0]).toMatchObject({ kind: 'printer', model: 'clone-58', transport: 'usb' });

    const result = await manager.printReceipt(
      { patronName: 'Mary', library: 'City', printedAt: '2025-03-12T09:05:00Z', items: [] },
      'en',
    );
    expect(result.status.state).toBe('ready');
    const job = device.outTransfers.find((t) => t.data.length > 100);
    expect(job?.endpoint).toBe(1);

    paperOut.value = true;
    await until(() => statuses.at(-1)?.state === 'error');
    expect(statuses.at(-1)).toMatchObject({ state: 'error', detail: 'paper-out' });

    bus.detach(device);
    await until(() => statuses.at(-1)?.state === 'disconnected');
  });

  it('binds a USB device the site configured by id, and keeps it listed while unplugged', async () => {
    const bus = new FakeUsbBus();
    manager = new DeviceManager({
      usb: bus,
      listSerialPorts: null,
      config: [
        { kind: 'barcode', transport: 'usb', vendorId: 0x05e0, productId: 0x1200, name: 'Desk reader' },
      ],
    });
    const statuses: DeviceStatusEvent[] = [];
    manager.on('device.status', (s) => statuses.push(s));
    await manager.start();
    expect(statuses.at(-1)).toMatchObject({ name: 'Desk reader', state: 'disconnected' });
    const device = new FakeUsbDevice({
      vendorId: 0x05e0,
      productId: 0x1200,
      interfaces: [hidPosInterface()],
    });
    bus.attach(device);
    await until(() => statuses.at(-1)?.state === 'connected');
    // Zebra readers need no mode switch.
    expect(device.controlTransfers).toEqual([]);
    bus.detach(device);
    await until(() => statuses.at(-1)?.state === 'disconnected');
    expect(manager.list()).toHaveLength(1);
  });

  it('lists a configured RFID reader as an error when RFID is turned off', async () => {
    manager = new DeviceManager({
      usb: null,
      listSerialPorts: null,
      openRfidReader: null,
      config: [{ kind: 'rfid', transport: 'serial', path: '/dev/null-rfid', model: 'feig' }],
    });
    await manager.start();
    expect(manager.list()[0]).toMatchObject({
      kind: 'rfid',
      state: 'error',
      detail: 'no RFID driver registered',
    });
  });
});

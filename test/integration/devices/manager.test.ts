import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceManager } from '../../../electron/station/devices/manager/device-manager.js';
import type {
  BarcodeScannedEvent,
  DeviceStatusEvent,
} from '../../../electron/station/devices/manager/events.js';
import { PrinterError } from '../../../electron/station/devices/printer/receipt-printer.js';
import { BarcodeReaderSim } from '../../../electron/station/devices/sim/barcode/barcode-sim.js';
import { PrinterSim } from '../../../electron/station/devices/sim/printer/printer-sim.js';
import { sampleReceipt, until } from './helpers.js';

let dir: string;
let reader: BarcodeReaderSim;
let printer: PrinterSim;
let manager: DeviceManager;
const statuses: DeviceStatusEvent[] = [];
const scans: BarcodeScannedEvent[] = [];

beforeAll(async () => {
  reader = await BarcodeReaderSim.start({ baudRate: 9600 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-manager-test-'));
  printer = await PrinterSim.start({ outDir: dir });
  manager = new DeviceManager({
    usb: null,
    listSerialPorts: null,
    pollMs: 50,
    printerPollMs: 50,
    config: [
      {
        kind: 'barcode',
        transport: 'serial',
        path: reader.path,
        baud: 9600,
        suffix: 'cr',
        name: 'Desk reader',
      },
      { kind: 'printer', transport: 'tcp', host: '127.0.0.1', port: printer.port, model: 'epson-80' },
    ],
  });
  manager.on('device.status', (s) => statuses.push(s));
  manager.on('barcode.scanned', (s) => scans.push(s));
  await manager.start();
});
afterAll(async () => {
  await manager?.stop();
  await reader?.close();
  await printer?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const barcodeId = () => `barcode:${reader.path}`;
const printerId = () => `printer:127.0.0.1:${printer.port}`;
const lastState = (id: string) => statuses.filter((s) => s.id === id).at(-1);

describe('device manager with configured serial and network devices', () => {
  it('connects both devices and lists them', async () => {
    await until(() => lastState(barcodeId())?.state === 'connected', 3000, 'reader connected');
    await until(() => lastState(printerId())?.state === 'connected', 3000, 'printer connected');
    expect(manager.list()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: barcodeId(),
          name: 'Desk reader',
          transport: 'serial',
          source: 'config',
        }),
        expect.objectContaining({ id: printerId(), kind: 'printer', model: 'epson-80', state: 'connected' }),
      ]),
    );
  });

  it('publishes a scan as barcode.scanned', async () => {
    await reader.scan('21234000123455');
    await until(() => scans.length === 1, 2000, 'the scan');
    expect(scans[0]).toEqual({ text: '21234000123455', symbology: 'unknown', deviceId: barcodeId() });
  });

  it('sees the reader unplugged and plugged back (same path), and reads from it again', async () => {
    const before = statuses.length;
    await reader.unplug();
    await until(() => lastState(barcodeId())?.state === 'disconnected', 3000, 'disconnected');
    await reader.replug();
    await until(() => lastState(barcodeId())?.state === 'connected', 3000, 'connected again');
    const seq = statuses
      .slice(before)
      .filter((s) => s.id === barcodeId())
      .map((s) => s.state);
    expect(seq[0]).toBe('disconnected');
    expect(seq.at(-1)).toBe('connected');
    await reader.scan('31234000012342');
    await until(() => scans.length === 2, 2000, 'the second scan');
    expect(scans[1]?.text).toBe('31234000012342');
  });

  it('prints the kiosk receipt, and reports paper-out and a switched-off printer', async () => {
    const next = printer.nextReceipt();
    const result = await manager.printReceipt(
      sampleReceipt(['Война и мир', 'Ўтган кунлар', 'Қутлуғ қон'], 'Иванова Мария', 'Библиотека'),
      'ru',
    );
    expect(result.status.state).toBe('ready');
    expect((await next).lines).toContain('√ Война и мир');

    printer.setPaperOut(true);
    await until(() => lastState(printerId())?.state === 'error', 3000, 'paper-out status');
    expect(lastState(printerId())).toMatchObject({ detail: 'paper-out', kind: 'printer' });
    const err = await manager
      .printReceipt(sampleReceipt(['A', 'B', 'C'], 'X', 'Y'), 'en')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    printer.setPaperOut(false);
    await until(() => lastState(printerId())?.state === 'connected', 3000, 'paper back');

    await printer.powerOff();
    await until(() => lastState(printerId())?.state === 'disconnected', 3000, 'offline');
    expect(lastState(printerId())?.detail).toBe('offline');
    await printer.powerOn();
    await until(() => lastState(printerId())?.state === 'connected', 3000, 'back on');
  });
});

describe('serial discovery of a reader in CDC-ACM mode', () => {
  it('binds a port whose USB vendor makes barcode readers, and lets go when it leaves the list', async () => {
    const cdc = await BarcodeReaderSim.start({ baudRate: 9600 });
    let ports = [{ path: cdc.path, vendorId: '0c2e', productId: '0b01', manufacturer: 'Honeywell' }];
    const found = new DeviceManager({ usb: null, pollMs: 50, listSerialPorts: async () => ports });
    const seen: DeviceStatusEvent[] = [];
    const read: BarcodeScannedEvent[] = [];
    found.on('device.status', (s) => seen.push(s));
    found.on('barcode.scanned', (s) => read.push(s));
    try {
      await found.start();
      await until(() => seen.at(-1)?.state === 'connected', 3000, 'connected');
      expect(found.list()[0]).toMatchObject({ source: 'serial', name: 'Honeywell barcode reader' });
      await cdc.scan('9780306406157');
      await until(() => read.length === 1, 2000, 'the scan');
      expect(read[0]).toMatchObject({ text: '9780306406157', deviceId: `serial:${cdc.path}` });
      ports = [];
      await until(() => found.list().length === 0, 3000, 'gone from the list');
      expect(seen.at(-1)?.state).toBe('disconnected');
    } finally {
      await found.stop();
      await cdc.close();
    }
  });
});

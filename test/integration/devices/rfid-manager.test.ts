import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceManager } from '../../../electron/station/devices/manager/device-manager.js';
import type {
  DeviceStatusEvent,
  RfidPresentEvent,
} from '../../../electron/station/devices/manager/events.js';
import type { SimOnPty } from '../../../electron/station/devices/rfid/sim-kit/serve-on-pty.js';
import { iso28560_2Tag, patronCard } from '../../../electron/station/devices/rfid/sim-kit/virtual-field.js';
import {
  type FeigSimulator,
  startFeigSimulatorOnPty,
} from '../../../electron/station/devices/sim/feig/index.js';
import { until } from './helpers.js';

let served: SimOnPty<FeigSimulator>;
let manager: DeviceManager;
const present: RfidPresentEvent[] = [];
const statuses: DeviceStatusEvent[] = [];

beforeAll(async () => {
  served = await startFeigSimulatorOnPty();
  manager = new DeviceManager({
    usb: null,
    listSerialPorts: null,
    pollMs: 50,
    config: [{ kind: 'rfid', transport: 'serial', path: served.path, model: 'feig', name: 'Pad' }],
  });
  manager.on('rfid.present', (p) => present.push(p));
  manager.on('device.status', (s) => statuses.push(s));
  await manager.start();
});
afterAll(async () => {
  await manager?.stop();
  await served?.close();
});

const id = () => `rfid:${served.path}`;

describe('device manager with a FEIG pad (simulated, over a pty)', () => {
  it('binds the reader through the RFID drivers and publishes tags arriving and leaving', async () => {
    await until(() => statuses.at(-1)?.state === 'connected', 3000, 'reader connected');
    expect(statuses.at(-1)).toMatchObject({ id: id(), kind: 'rfid', name: 'Pad' });
    const card = patronCard('21234000123455');
    served.sim.field.place(card);
    await until(() => present.length === 1, 3000, 'the card');
    const arrived = present[0]!;
    expect(arrived.deviceId).toBe(id());
    expect(arrived.change).toBe('arrived');
    if (arrived.change === 'arrived') {
      expect(arrived.tag.kind).toBe('patron-card');
      expect(arrived.tag.tag?.primaryItemId).toBe('21234000123455');
    }
    expect(manager.rfidPad()).toBeDefined();
    served.sim.field.remove(card.uid);
    await until(() => present.some((p) => p.change === 'left'), 3000, 'the card leaving');
  });

  it('sees the reader unplugged and plugged back, and reads again', async () => {
    await served.unplug();
    await until(() => statuses.at(-1)?.state === 'disconnected', 3000, 'disconnected');
    await served.replug();
    await until(() => statuses.at(-1)?.state === 'connected', 3000, 'connected again');
    const book = iso28560_2Tag({ primaryItemId: '31234000012342', ownerIsil: 'UZ-TaNL' });
    served.sim.field.place(book);
    await until(
      () => present.some((p) => p.change === 'arrived' && p.tag.uid === book.uid),
      3000,
      'the book',
    );
  });
});

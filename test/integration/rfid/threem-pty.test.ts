import { afterEach, describe, expect, it } from 'vitest';
import { openRfidReader } from '../../../electron/station/devices/rfid/open-reader.js';
import { PadMonitor, type TagArrived } from '../../../electron/station/devices/rfid/pad/pad-monitor.js';
import { readTag } from '../../../electron/station/devices/rfid/pad/read-tag.js';
import { setSecurity, THREEM_SECURITY } from '../../../electron/station/devices/rfid/pad/security.js';
import type { RfidReader } from '../../../electron/station/devices/rfid/readers/reader.js';
import type { SimOnPty } from '../../../electron/station/devices/rfid/sim-kit/serve-on-pty.js';
import { iso28560_3Tag, threeMTag } from '../../../electron/station/devices/rfid/sim-kit/virtual-field.js';
import {
  startThreeMSimulatorOnPty,
  type ThreeMSimulator,
} from '../../../electron/station/devices/sim/3m/index.js';
import { HAVE_SOCAT } from './socat.js';

/** The 3M driver opens a socat pty at 19200 8N1 against the pad simulator. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ served: SimOnPty<ThreeMSimulator>; reader: RfidReader }> {
  const served = await startThreeMSimulatorOnPty();
  cleanups.push(() => served.close());
  const reader = await openRfidReader({ kind: '3m', path: served.path });
  cleanups.push(() => reader.close());
  return { served, reader };
}

describe.skipIf(!HAVE_SOCAT)('3M pad over a pseudo-terminal', () => {
  it('inventories a 20-tag stack and reads 3M-layout and ISO tags', async () => {
    const { served, reader } = await setup();
    const tags = Array.from({ length: 20 }, (_, i) =>
      i % 2 ? threeMTag({ primaryItemId: `130200${i}` }) : iso28560_3Tag({ primaryItemId: `310000${i}` }),
    );
    served.sim.field.place(...tags);
    const inventory = await reader.inventory();
    expect(inventory.map((e) => e.uid)).toEqual(tags.map((t) => t.uid));
    const first = await readTag(reader, inventory[0]!.uid);
    const second = await readTag(reader, inventory[1]!.uid);
    expect([first.model, first.tag?.primaryItemId]).toEqual(['iso28560-3', '3100000']);
    expect([second.model, second.tag?.primaryItemId, second.afi]).toEqual(['3m', '1302001', 0xd7]);
  });

  it('switches AFI and EAS with the 3M site values and reads them back', async () => {
    const { served, reader } = await setup();
    const tag = threeMTag({ primaryItemId: '1302003767' });
    served.sim.field.place(tag);
    await setSecurity(reader, tag.uid, THREEM_SECURITY.unsecured);
    expect([tag.afi, tag.eas]).toEqual([0xda, false]);
    await setSecurity(reader, tag.uid, THREEM_SECURITY.secured);
    expect([tag.afi, tag.eas]).toEqual([0xd7, true]);
  });

  it('unplugged while polling: the monitor says "disconnected"; replugged it reads again', async () => {
    const { served, reader } = await setup();
    served.sim.field.place(threeMTag({ primaryItemId: '1302003767' }));
    const monitor = new PadMonitor(reader, { pollIntervalMs: 10 });
    const arrived: TagArrived[] = [];
    const gone: string[] = [];
    monitor.on('arrived', (t) => arrived.push(t));
    monitor.on('disconnected', (e) => gone.push(e.code));
    monitor.start();
    while (arrived.length < 1) await new Promise((r) => setTimeout(r, 10));
    await served.unplug();
    while (gone.length < 1) await new Promise((r) => setTimeout(r, 10));
    expect(gone).toEqual(['disconnected']);
    await served.replug();
    const again = await openRfidReader({ kind: '3m', path: served.path });
    cleanups.push(() => again.close());
    expect(await again.inventory()).toHaveLength(1);
  });

  it('detects CRC errors and line noise, retries, and reports persistent damage', async () => {
    const { served, reader } = await setup();
    served.sim.field.place(threeMTag({ primaryItemId: '1302003767' }));
    served.sim.faults.corrupt = 2;
    served.sim.faults.noise = 1;
    expect(await reader.inventory()).toHaveLength(1);
    served.sim.faults.corrupt = 3;
    await expect(reader.inventory()).rejects.toMatchObject({ code: 'crc' });
    expect(await reader.inventory()).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { SecurityError } from '../../../electron/station/devices/rfid/errors.js';
import { openRfidReader } from '../../../electron/station/devices/rfid/open-reader.js';
import { PadMonitor, type TagArrived } from '../../../electron/station/devices/rfid/pad/pad-monitor.js';
import { readTag } from '../../../electron/station/devices/rfid/pad/read-tag.js';
import { ISO_SECURITY, setSecurity } from '../../../electron/station/devices/rfid/pad/security.js';
import { setsOnPad } from '../../../electron/station/devices/rfid/pad/sets.js';
import type { FeigReader } from '../../../electron/station/devices/rfid/readers/feig/feig-reader.js';
import type { RfidReader } from '../../../electron/station/devices/rfid/readers/reader.js';
import type { SimOnPty } from '../../../electron/station/devices/rfid/sim-kit/serve-on-pty.js';
import {
  iso28560_2Tag,
  iso28560_3Tag,
  patronCard,
} from '../../../electron/station/devices/rfid/sim-kit/virtual-field.js';
import {
  type FeigSimulator,
  startFeigSimulatorOnPty,
} from '../../../electron/station/devices/sim/feig/index.js';
import { HAVE_SOCAT } from './socat.js';

/** The FEIG driver opens a real serial device (a socat pty) at 38400 8E1; the simulator paces at that rate. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(tagsPerFrame = 8): Promise<{ served: SimOnPty<FeigSimulator>; reader: RfidReader }> {
  const served = await startFeigSimulatorOnPty({ tagsPerFrame });
  cleanups.push(() => served.close());
  const reader = await openRfidReader({ kind: 'feig', path: served.path });
  cleanups.push(() => reader.close());
  return { served, reader };
}

function stack(n: number) {
  return Array.from({ length: n }, (_, i) =>
    i % 2
      ? iso28560_3Tag({ primaryItemId: `310000000${String(i).padStart(3, '0')}`, ownerIsil: 'UZ-TaNL' })
      : iso28560_2Tag({
          primaryItemId: `310000000${String(i).padStart(3, '0')}`,
          ownerIsil: 'UZ-TaNL',
          shelfLocation: `84(5U)${i}`,
        }),
  );
}

describe.skipIf(!HAVE_SOCAT)('FEIG reader over a pseudo-terminal', () => {
  it('inventories a 20-tag stack with the "more data" continuation and reads every tag', async () => {
    const { served, reader } = await setup(8);
    const tags = stack(20);
    served.sim.field.place(...tags);
    const inventory = await reader.inventory();
    expect(inventory.map((e) => e.uid)).toEqual(tags.map((t) => t.uid));
    expect(served.sim.requests.get(0xb001)).toBe(3); // 8 + 8 + 4
    for (const [i, entry] of inventory.entries()) {
      const reading = await readTag(reader, entry.uid);
      expect(reading).toMatchObject({
        kind: 'item',
        model: i % 2 ? 'iso28560-3' : 'iso28560-2',
        tag: { primaryItemId: `310000000${String(i).padStart(3, '0')}`, ownerIsil: 'UZ-TaNL' },
      });
    }
  });

  it('writes AFI and EAS and reads them back; a refused write is a SecurityError', async () => {
    const { served, reader } = await setup();
    const tag = iso28560_3Tag({ primaryItemId: '3100000001' });
    served.sim.field.place(tag);
    await setSecurity(reader, tag.uid, ISO_SECURITY.unsecured);
    expect([tag.afi, tag.eas]).toEqual([0xc2, false]);
    expect((await reader.systemInfo(tag.uid)).afi).toBe(0xc2);
    expect(await reader.readEas(tag.uid)).toBe(false);
    await setSecurity(reader, tag.uid, ISO_SECURITY.secured);
    expect([tag.afi, tag.eas]).toEqual([0x07, true]);
    served.sim.field.remove(tag.uid);
    await expect(setSecurity(reader, tag.uid, ISO_SECURITY.unsecured)).rejects.toBeInstanceOf(SecurityError);
  });

  it('reports an unplug mid-inventory as "disconnected", and works again after replugging', async () => {
    const { served, reader } = await setup(5);
    served.sim.field.place(...stack(20));
    let inventories = 0;
    // Pull the cable while the reader is still handing out "more" data sets.
    served.sim.onRequest((request) => {
      if (request.command === 0xb0 && request.data[0] === 0x01 && ++inventories === 2) void served.unplug();
    });
    const lost: Error[] = [];
    reader.onDisconnect((error) => lost.push(error));
    await expect(reader.inventory()).rejects.toMatchObject({ name: 'RfidError', code: 'disconnected' });
    expect(lost).toHaveLength(1);
    await expect(reader.inventory()).rejects.toMatchObject({ code: 'disconnected' });

    await served.replug();
    const again = await openRfidReader({ kind: 'feig', path: served.path });
    cleanups.push(() => again.close());
    expect(await again.inventory()).toHaveLength(20);
  });

  it('detects CRC errors on the line: retried when they pass, reported when they persist', async () => {
    const { served, reader } = await setup();
    const tag = iso28560_3Tag({ primaryItemId: '3100000002' });
    served.sim.field.place(tag);
    served.sim.faults.corrupt = 1;
    served.sim.faults.noise = 1;
    expect(await reader.inventory()).toHaveLength(1);
    expect((await readTag(reader, tag.uid)).tag?.primaryItemId).toBe('3100000002');
    expect((reader as FeigReader).lineCounters.damaged).toBeGreaterThanOrEqual(1);
    served.sim.faults.corrupt = 3;
    await expect(reader.inventory()).rejects.toMatchObject({ code: 'crc' });
    served.sim.injectNoise();
    expect(await reader.inventory()).toHaveLength(1);
  });

  it('pad monitor: a patron card and a two-part set arrive decoded; the missing part is named', async () => {
    const { served, reader } = await setup();
    const monitor = new PadMonitor(reader, { pollIntervalMs: 20 });
    cleanups.push(() => monitor.stop());
    const arrived: TagArrived[] = [];
    monitor.on('arrived', (t) => arrived.push(t));
    const card = patronCard('21000000001234', 'iso28560-2');
    const part1 = iso28560_3Tag({
      primaryItemId: '3100000077',
      ownerIsil: 'UZ-TaNL',
      setInfo: { parts: 2, part: 1 },
    });
    const part2 = iso28560_3Tag({
      primaryItemId: '3100000077',
      ownerIsil: 'UZ-TaNL',
      setInfo: { parts: 2, part: 2 },
    });
    served.sim.field.place(card, part1);
    monitor.start();
    while (arrived.length < 2) await new Promise((r) => setTimeout(r, 10));
    expect(arrived.map((a) => a.kind)).toEqual(['patron-card', 'item']);
    expect(setsOnPad(monitor.present().map((t) => t.tag))).toMatchObject([
      { primaryItemId: '3100000077', missing: [2] },
    ]);
    served.sim.field.place(part2);
    while (arrived.length < 3) await new Promise((r) => setTimeout(r, 10));
    expect(setsOnPad(monitor.present().map((t) => t.tag))).toMatchObject([{ missing: [], complete: true }]);
  });
});

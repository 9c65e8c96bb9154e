import { afterEach, describe, expect, it } from 'vitest';
import { RfidError } from '../../../electron/station/devices/rfid/errors.js';
import { readTag } from '../../../electron/station/devices/rfid/pad/read-tag.js';
import { FeigReader } from '../../../electron/station/devices/rfid/readers/feig/feig-reader.js';
import type { RfidReader } from '../../../electron/station/devices/rfid/readers/reader.js';
import { ThreeMReader } from '../../../electron/station/devices/rfid/readers/threem/threem-reader.js';
import {
  iso28560_2Tag,
  iso28560_3Tag,
  patronCard,
  threeMTag,
  virtualTag,
} from '../../../electron/station/devices/rfid/sim-kit/virtual-field.js';
import { duplexTransport } from '../../../electron/station/devices/rfid/transport/byte-transport.js';
import { ThreeMSimulator } from '../../../electron/station/devices/sim/3m/threem-simulator.js';
import { FeigSimulator } from '../../../electron/station/devices/sim/feig/feig-simulator.js';
import { streamPair } from './helpers.js';

const FAST_LINK = { timeoutMs: 150, quietMs: 10, interFrameGapMs: 0 };

function feig(tagsPerFrame = 10) {
  const [host, device] = streamPair();
  const sim = new FeigSimulator({ tagsPerFrame });
  sim.attach(device);
  return { sim, reader: new FeigReader(duplexTransport(host), { link: FAST_LINK }) };
}

function threeM(legacyInventory = false) {
  const [host, device] = streamPair();
  const sim = new ThreeMSimulator({ legacyInventory });
  sim.attach(device);
  return { sim, reader: new ThreeMReader(duplexTransport(host), { link: FAST_LINK }) };
}

const open: RfidReader[] = [];
afterEach(async () => {
  for (const reader of open.splice(0)) await reader.close();
});

for (const [kind, make] of [
  ['FEIG', () => feig()],
  ['3M', () => threeM()],
] as const) {
  describe(`${kind} driver against its simulator`, () => {
    it('inventories a stack and reads each tag in memory order', async () => {
      const { sim, reader } = make();
      open.push(reader);
      const tags = [
        iso28560_2Tag({ primaryItemId: '123456789012', ownerIsil: 'UZ-TaNL' }),
        iso28560_3Tag({ primaryItemId: '31000000000042', ownerIsil: 'UZ-TaNL' }),
        patronCard('21000000001234'),
        threeMTag({ primaryItemId: '1302003767' }),
      ];
      sim.field.place(...tags);
      const inventory = await reader.inventory();
      expect(inventory.map((e) => e.uid)).toEqual(tags.map((t) => t.uid));
      const readings = [];
      for (const { uid } of inventory) readings.push(await readTag(reader, uid));
      expect(readings.map((r) => [r.model, r.kind, r.tag?.primaryItemId])).toEqual([
        ['iso28560-2', 'item', '123456789012'],
        ['iso28560-3', 'item', '31000000000042'],
        ['iso28560-3', 'patron-card', '21000000001234'],
        ['3m', 'item', '1302003767'],
      ]);
      expect(readings[0]!.dsfid).toBe(0x06);
      // Reads stop where the data ends: 9 blocks for these short tags, not all 28.
      expect(readings[1]!.memory).toHaveLength(9 * 4 * 2);
    });

    it('writes blocks, AFI and EAS, and reads them back', async () => {
      const { sim, reader } = make();
      open.push(reader);
      const tag = virtualTag();
      sim.field.place(tag);
      const data = Uint8Array.from({ length: 40 }, (_, i) => i + 1);
      await reader.writeBlocks(tag.uid, 2, data);
      expect(tag.memory.subarray(8, 48)).toEqual(data);
      expect(await reader.readBlocks(tag.uid, 2, 10)).toEqual(data);
      await reader.writeAfi(tag.uid, 0xc2);
      await reader.setEas(tag.uid, false);
      expect(tag.afi).toBe(0xc2);
      expect(tag.eas).toBe(false);
      expect((await reader.systemInfo(tag.uid)).afi).toBe(0xc2);
      expect(await reader.readEas(tag.uid)).toBe(false);
      await reader.setEas(tag.uid, true);
      expect(await reader.readEas(tag.uid)).toBe(true);
      expect(await reader.systemInfo(tag.uid)).toMatchObject({ blockSize: 4, blockCount: 28 });
    });

    it('reports a missing tag, a locked block and a read past the end as typed errors', async () => {
      const { sim, reader } = make();
      open.push(reader);
      const tag = virtualTag({ lockedBlocks: [0] });
      sim.field.place(tag);
      await expect(reader.systemInfo('E004010000000000')).rejects.toMatchObject({ code: 'no_tag' });
      await expect(reader.writeBlocks(tag.uid, 0, new Uint8Array(4))).rejects.toMatchObject({
        code: 'tag_error',
      });
      await expect(reader.readBlocks(tag.uid, 27, 2)).rejects.toBeInstanceOf(RfidError);
    });

    it('an empty field inventories as an empty list', async () => {
      const { reader } = make();
      open.push(reader);
      expect(await reader.inventory()).toEqual([]);
    });

    it('retries a damaged answer and an unanswered request, then reports crc / timeout', async () => {
      const { sim, reader } = make();
      open.push(reader);
      sim.field.place(virtualTag());
      sim.faults.corrupt = 1;
      sim.faults.noise = 1;
      sim.faults.drop = 1;
      expect(await reader.inventory()).toHaveLength(1);
      sim.faults.corrupt = 3;
      await expect(reader.inventory()).rejects.toMatchObject({ code: 'crc' });
      sim.faults.drop = 3;
      await expect(reader.inventory()).rejects.toMatchObject({ code: 'timeout' });
      expect(await reader.inventory()).toHaveLength(1);
    });

    it('a stream that goes away mid-request is a typed disconnect; a closed reader says closed', async () => {
      const { sim, reader } = make();
      sim.field.place(virtualTag());
      const lost: Error[] = [];
      reader.onDisconnect((error) => lost.push(error));
      sim.onRequest(() => sim.unplug());
      await expect(reader.inventory()).rejects.toMatchObject({ code: 'disconnected' });
      expect(lost).toHaveLength(1);
      await expect(reader.inventory()).rejects.toMatchObject({ code: 'disconnected' });

      const other = make();
      await other.reader.close();
      await expect(other.reader.inventory()).rejects.toMatchObject({ code: 'closed' });
    });
  });
}

describe('FEIG specifics', () => {
  it('collects a 20-tag stack over "more data" (0x94) continuations', async () => {
    const { sim, reader } = feig(6);
    open.push(reader);
    const tags = Array.from({ length: 20 }, (_, i) => iso28560_3Tag({ primaryItemId: `3100${i}` }));
    sim.field.place(...tags);
    const inventory = await reader.inventory();
    expect(inventory.map((e) => e.uid)).toEqual(tags.map((t) => t.uid));
    // One fresh inventory and three "more" requests: 6 + 6 + 6 + 2.
    expect(sim.requests.get(0xb001)).toBe(4);
  });

  it('starts the inventory over when a "more data" answer is lost, rather than skip its tags', async () => {
    const { sim, reader } = feig(6);
    open.push(reader);
    const tags = Array.from({ length: 20 }, (_, i) => iso28560_3Tag({ primaryItemId: `3200${i}` }));
    sim.field.place(...tags);
    let inventories = 0;
    sim.onRequest((req) => {
      if (req.command === 0xb0 && req.data[0] === 0x01 && ++inventories === 2) sim.faults.corrupt = 1;
    });
    const inventory = await reader.inventory();
    expect(inventory.map((e) => e.uid)).toEqual(tags.map((t) => t.uid));
    // 1 fresh + 1 damaged "more", then 1 fresh + 3 "more".
    expect(sim.requests.get(0xb001)).toBe(6);
  });

  it('EAS commands reach only NXP tags', async () => {
    const { sim, reader } = feig();
    open.push(reader);
    const ti = virtualTag({ uid: 'E007000012345678' });
    sim.field.place(ti);
    await expect(reader.setEas(ti.uid, true)).rejects.toMatchObject({ code: 'no_tag' });
  });
});

describe('3M specifics', () => {
  it('falls back to inventories without DSFID on older firmware', async () => {
    const { sim, reader } = threeM(true);
    open.push(reader);
    sim.field.place(virtualTag());
    const [entry] = await reader.inventory();
    expect(entry?.dsfid).toBeUndefined();
    expect(await reader.inventory()).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { SecurityError } from '../../../electron/station/devices/rfid/errors.js';
import type { DecodedTag } from '../../../electron/station/devices/rfid/model/types.js';
import { PadMonitor, type TagArrived } from '../../../electron/station/devices/rfid/pad/pad-monitor.js';
import { ISO_SECURITY, setSecurity } from '../../../electron/station/devices/rfid/pad/security.js';
import { isSetComplete, setsOnPad } from '../../../electron/station/devices/rfid/pad/sets.js';
import { FeigReader } from '../../../electron/station/devices/rfid/readers/feig/feig-reader.js';
import {
  iso28560_2Tag,
  iso28560_3Tag,
  patronCard,
  virtualTag,
} from '../../../electron/station/devices/rfid/sim-kit/virtual-field.js';
import { duplexTransport } from '../../../electron/station/devices/rfid/transport/byte-transport.js';
import { FeigSimulator } from '../../../electron/station/devices/sim/feig/feig-simulator.js';
import { streamPair } from './helpers.js';

function pad(options: ConstructorParameters<typeof PadMonitor>[1] = {}) {
  const [host, device] = streamPair();
  const sim = new FeigSimulator();
  sim.attach(device);
  const reader = new FeigReader(duplexTransport(host), {
    link: { timeoutMs: 150, quietMs: 10, interFrameGapMs: 0 },
  });
  const monitor = new PadMonitor(reader, { pollIntervalMs: 5, ...options });
  const arrived: TagArrived[] = [];
  const left: string[] = [];
  monitor.on('arrived', (t) => arrived.push(t));
  monitor.on('left', (t) => left.push(t.uid));
  return { sim, reader, monitor, arrived, left };
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('pad monitor', () => {
  it('announces each tag once, decoded, with its kind, and announces it leaving', async () => {
    const p = pad();
    stops.push(async () => {
      await p.monitor.stop();
      await p.reader.close();
    });
    const book = iso28560_2Tag({ primaryItemId: '123456789012', ownerIsil: 'UZ-TaNL' });
    const card = patronCard('21000000001234');
    p.sim.field.place(book, card);
    p.monitor.start();
    await until(() => p.arrived.length === 2);
    expect(p.arrived.map((a) => [a.uid, a.kind, a.model, a.tag?.primaryItemId, a.afi])).toEqual([
      [book.uid, 'item', 'iso28560-2', '123456789012', 0x07],
      [card.uid, 'patron-card', 'iso28560-3', '21000000001234', 0x00],
    ]);
    await new Promise((r) => setTimeout(r, 50));
    expect(p.arrived).toHaveLength(2);
    p.sim.field.remove(book.uid);
    await until(() => p.left.length === 1);
    expect(p.left).toEqual([book.uid]);
    expect(p.monitor.present().map((t) => t.uid)).toEqual([card.uid]);
  });

  it('debounces a tag flickering at the edge of the field', async () => {
    const p = pad({ leaveAfterMisses: 3 });
    stops.push(async () => {
      await p.monitor.stop();
      await p.reader.close();
    });
    const tag = iso28560_3Tag({ primaryItemId: '42' });
    p.sim.field.place(tag);
    // Missing from every other inventory: never three in a row.
    let n = 0;
    p.sim.onRequest((req) => {
      if (req.command === 0xb0 && req.data[0] === 0x01 && ++n % 2 === 0) p.sim.field.remove(tag.uid);
      else if (req.command === 0xb0 && req.data[0] === 0x01) p.sim.field.place(tag);
    });
    p.monitor.start();
    await until(() => n > 20);
    expect(p.arrived).toHaveLength(1);
    expect(p.left).toHaveLength(0);
  });

  it('announces a tag that does not decode with its decode error', async () => {
    const p = pad();
    stops.push(async () => {
      await p.monitor.stop();
      await p.reader.close();
    });
    p.sim.field.place(virtualTag({ data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 1, 2, 3) }));
    p.monitor.start();
    await until(() => p.arrived.length === 1);
    expect(p.arrived[0]).toMatchObject({
      model: 'unknown',
      kind: 'unknown',
      error: { code: 'unknown_model' },
    });
  });

  it('stops and says so when the reader goes away', async () => {
    const p = pad();
    stops.push(() => p.reader.close());
    const gone: string[] = [];
    p.monitor.on('disconnected', (e) => gone.push(e.code));
    p.monitor.start();
    await new Promise((r) => setTimeout(r, 20));
    p.sim.unplug();
    await until(() => gone.length === 1);
    expect(gone).toEqual(['disconnected']);
  });
});

describe('multi-part sets', () => {
  const part = (id: string, parts: number, n: number, isil = 'UZ-TaNL'): DecodedTag => ({
    model: 'iso28560-3',
    primaryItemId: id,
    ownerIsil: isil,
    setInfo: { parts, part: n },
    warnings: [],
  });

  it('lists what is missing from each set on the pad', () => {
    const tags = [part('A', 3, 1), part('A', 3, 3), part('B', 2, 1), part('B', 2, 2), part('C', 1, 1)];
    expect(setsOnPad(tags)).toEqual([
      { primaryItemId: 'A', ownerIsil: 'UZ-TaNL', parts: 3, present: [1, 3], missing: [2], complete: false },
      { primaryItemId: 'B', ownerIsil: 'UZ-TaNL', parts: 2, present: [1, 2], missing: [], complete: true },
    ]);
    expect(isSetComplete(tags, 'A')).toBe(false);
    expect(isSetComplete(tags, 'B')).toBe(true);
    expect(isSetComplete(tags, 'C')).toBe(true);
  });

  it('keeps sets of different owners apart', () => {
    const tags = [part('A', 2, 1, 'UZ-TaNL'), part('A', 2, 2, 'KZ-AsNAB')];
    expect(setsOnPad(tags).map((s) => s.missing)).toEqual([[2], [1]]);
  });
});

describe('security', () => {
  it('writes AFI and EAS and verifies them', async () => {
    const p = pad();
    stops.push(() => p.reader.close());
    const tag = iso28560_3Tag({ primaryItemId: '1' });
    p.sim.field.place(tag);
    await setSecurity(p.reader, tag.uid, ISO_SECURITY.unsecured);
    expect([tag.afi, tag.eas]).toEqual([0xc2, false]);
    await setSecurity(p.reader, tag.uid, ISO_SECURITY.secured);
    expect([tag.afi, tag.eas]).toEqual([0x07, true]);
  });

  it('a write the tag does not take is a verify_failed SecurityError', async () => {
    const p = pad();
    stops.push(() => p.reader.close());
    const tag = iso28560_3Tag({ primaryItemId: '1' });
    p.sim.field.place(tag);
    // The tag acknowledges the AFI write but keeps its old value (a locked AFI does this on some chips).
    p.sim.onRequest((req) => {
      if (req.command === 0xb0 && req.data[0] === 0x2b) tag.afi = 0x07;
    });
    const error = await setSecurity(p.reader, tag.uid, ISO_SECURITY.unsecured).catch((e) => e);
    expect(error).toBeInstanceOf(SecurityError);
    expect(error).toMatchObject({ code: 'verify_failed', uid: tag.uid, actual: { afi: 0x07 } });
  });

  it('a tag gone before the write is a write_failed SecurityError', async () => {
    const p = pad();
    stops.push(() => p.reader.close());
    const error = await setSecurity(p.reader, 'E004015000000999', ISO_SECURITY.secured).catch((e) => e);
    expect(error).toMatchObject({ name: 'SecurityError', code: 'write_failed' });
    expect(error.cause).toMatchObject({ code: 'no_tag' });
  });

  it('a tag without EAS can be secured by AFI alone', async () => {
    const p = pad();
    stops.push(() => p.reader.close());
    const ti = virtualTag({ uid: 'E007000012345678' });
    p.sim.field.place(ti);
    await expect(setSecurity(p.reader, ti.uid, ISO_SECURITY.unsecured)).rejects.toBeInstanceOf(SecurityError);
    await setSecurity(p.reader, ti.uid, ISO_SECURITY.unsecured, { eas: false });
    expect(ti.afi).toBe(0xc2);
  });
});

import { bench, describe } from 'vitest';
import { openRfidReader } from '../../electron/station/devices/rfid/open-reader.js';
import { PadMonitor, type TagArrived } from '../../electron/station/devices/rfid/pad/pad-monitor.js';
import { readTag } from '../../electron/station/devices/rfid/pad/read-tag.js';
import type { RfidReader } from '../../electron/station/devices/rfid/readers/reader.js';
import type { SimOnPty } from '../../electron/station/devices/rfid/sim-kit/serve-on-pty.js';
import {
  iso28560_2Tag,
  iso28560_3Tag,
  type VirtualField,
  type VirtualTag,
} from '../../electron/station/devices/rfid/sim-kit/virtual-field.js';
import { startThreeMSimulatorOnPty } from '../../electron/station/devices/sim/3m/index.js';
import { startFeigSimulatorOnPty } from '../../electron/station/devices/sim/feig/index.js';

/**
 * Time from a tag entering the field to its decoded "arrived" event, for one tag and for a stack of
 * 20, with the real driver on a pseudo-terminal and the simulator pacing bytes at the reader's real
 * baud rate (FEIG 38400 8E1, 3M 19200 8N1). The pad polls back to back (pollIntervalMs 0), so the
 * latency includes finishing the inventory in flight when the tag lands.
 *
 * Beside each figure, the wire-time floor: the bytes of the exchanges that cannot be avoided (one
 * inventory that sees the tags, then system information and the data blocks of each tag) at that baud
 * rate, and the same plus the silence the protocol requires between frames (FEIG: 5 ms). The simulator
 * spends no time on the RF side, so what lies above the floor is our stack, the pty and the timers.
 */
interface Rig {
  name: string;
  field: VirtualField;
  reader: RfidReader;
  monitor: PadMonitor;
  served: SimOnPty<{ requests: Map<number, number> }>;
  gapMs: number;
  arrival(uids: string[]): Promise<void>;
  departure(uids: string[]): Promise<void>;
}

const rows: Record<string, string | number>[] = [];
const samples = new Map<string, number[]>();

function stack(n: number): VirtualTag[] {
  return Array.from({ length: n }, (_, i) =>
    i % 2
      ? iso28560_3Tag({ primaryItemId: `31000000${String(i).padStart(4, '0')}`, ownerIsil: 'UZ-TaNL' })
      : iso28560_2Tag({ primaryItemId: `31000000${String(i).padStart(4, '0')}`, ownerIsil: 'UZ-TaNL' }),
  );
}

async function makeRig(kind: 'feig' | '3m'): Promise<Rig> {
  const served = kind === 'feig' ? await startFeigSimulatorOnPty() : await startThreeMSimulatorOnPty();
  const reader = await openRfidReader({ kind, path: served.path });
  const monitor = new PadMonitor(reader, { pollIntervalMs: 0, leaveAfterMisses: 1 });
  const present = new Set<string>();
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };
  monitor.on('arrived', (t: TagArrived) => {
    present.add(t.uid);
    notify();
  });
  monitor.on('left', (t) => {
    present.delete(t.uid);
    notify();
  });
  const until = (test: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!test()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return {
    name: kind === 'feig' ? 'FEIG 38400 8E1' : '3M 19200 8N1',
    field: served.sim.field,
    reader,
    monitor,
    served,
    gapMs: kind === 'feig' ? 5 : 0,
    arrival: (uids) => until(() => uids.every((u) => present.has(u))),
    departure: (uids) => until(() => uids.every((u) => !present.has(u))),
  };
}

/** Bytes and frames of the unavoidable exchanges for `n` tags, measured with the same driver. */
async function floor(rig: Rig, n: number): Promise<{ wireMs: number; withGapsMs: number; bytes: number }> {
  const tags = stack(n);
  rig.field.place(...tags);
  const before = { ...rig.reader.wire };
  const requestsBefore = [...rig.served.sim.requests.values()].reduce((a, b) => a + b, 0);
  const inventory = await rig.reader.inventory();
  for (const entry of inventory) await readTag(rig.reader, entry.uid);
  const after = rig.reader.wire;
  const frames = [...rig.served.sim.requests.values()].reduce((a, b) => a + b, 0) - requestsBefore;
  rig.field.remove(...tags.map((t) => t.uid));
  const bytes = after.bytesIn - before.bytesIn + after.bytesOut - before.bytesOut;
  const wireMs = (bytes * after.bitsPerByte * 1000) / after.baudRate;
  return { wireMs, withGapsMs: wireMs + frames * rig.gapMs, bytes };
}

function record(rig: Rig, what: string, n: number, f: { wireMs: number; withGapsMs: number; bytes: number }) {
  const key = `${rig.name} ${what}`;
  const times = (samples.get(key) ?? []).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const p90 = times[Math.min(times.length - 1, Math.floor(times.length * 0.9))] ?? Number.NaN;
  rows.push({
    reader: rig.name,
    case: what,
    runs: times.length,
    'median ms': +median.toFixed(1),
    'p90 ms': +p90.toFixed(1),
    'per tag ms': +(median / n).toFixed(1),
    'bytes on wire': f.bytes,
    'wire floor ms': +f.wireMs.toFixed(1),
    'floor + frame gaps ms': +f.withGapsMs.toFixed(1),
    'median / floor+gaps': +(median / f.withGapsMs).toFixed(2),
  });
}

/**
 * vitest runs no hooks in benchmark mode: each reader's rig is made on first use, and the last run of
 * its second case records the rows and closes it (tinybench's per-task setup/teardown).
 */
const KINDS = ['feig', '3m'] as const;
const rigs = new Map<
  string,
  Promise<{ rig: Rig; floor1: Awaited<ReturnType<typeof floor>>; floor20: Awaited<ReturnType<typeof floor>> }>
>();
function rigFor(kind: (typeof KINDS)[number]) {
  let made = rigs.get(kind);
  if (!made) {
    made = (async () => {
      const rig = await makeRig(kind);
      const floor1 = await floor(rig, 1);
      const floor20 = await floor(rig, 20);
      rig.monitor.start();
      return { rig, floor1, floor20 };
    })();
    rigs.set(kind, made);
  }
  return made;
}

let measuring = false;

for (const kind of KINDS) {
  describe(`RFID ${kind}: tag enters the field → decoded arrived event`, () => {
    const timed = (what: string, n: number) => async () => {
      const { rig } = await rigFor(kind);
      const tags = stack(n);
      const uids = tags.map((t) => t.uid);
      const start = performance.now();
      rig.field.place(...tags);
      await rig.arrival(uids);
      const elapsed = performance.now() - start;
      if (measuring) {
        const key = `${rig.name} ${what}`;
        samples.set(key, [...(samples.get(key) ?? []), elapsed]);
      }
      rig.field.remove(...uids);
      await rig.departure(uids);
    };
    const options = {
      time: 0,
      iterations: 12,
      warmupTime: 0,
      warmupIterations: 1,
      setup: (_task: unknown, mode?: string) => {
        measuring = mode === 'run';
      },
    };
    bench('one tag', timed('one tag', 1), options);
    bench('stack of 20', timed('stack of 20', 20), {
      ...options,
      iterations: 4,
      teardown: async (_task: unknown, mode?: string) => {
        if (mode !== 'run') return;
        const { rig, floor1, floor20 } = await rigFor(kind);
        record(rig, 'one tag', 1, floor1);
        record(rig, 'stack of 20', 20, floor20);
        await rig.monitor.stop();
        await rig.reader.close();
        await rig.served.close();
        if (kind === KINDS.at(-1)) {
          console.log(
            '\nRFID arrival latency vs. wire-time floor (simulator at the real baud rate, no RF time):',
          );
          console.table(rows);
        }
      },
    });
  });
}

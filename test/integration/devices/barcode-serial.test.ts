import { afterEach, describe, expect, it } from 'vitest';
import type { BarcodeScan } from '../../../electron/station/devices/barcode/scan.js';
import {
  SerialBarcodeReader,
  type SerialReaderOptions,
} from '../../../electron/station/devices/barcode/serial-reader.js';
import {
  BarcodeReaderSim,
  type BarcodeSimOptions,
} from '../../../electron/station/devices/sim/barcode/barcode-sim.js';
import { until } from './helpers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function pair(sim: BarcodeSimOptions, reader: Omit<SerialReaderOptions, 'path'>) {
  const s = await BarcodeReaderSim.start(sim);
  cleanup.push(() => s.close());
  const r = await SerialBarcodeReader.open({ path: s.path, baudRate: s.baudRate, ...reader });
  cleanup.push(() => r.close());
  const scans: BarcodeScan[] = [];
  r.onScan((scan) => scans.push(scan));
  return { sim: s, reader: r, scans };
}

describe('serial barcode reader against the simulated reader (socat pty)', () => {
  it('reads a scan ended by CR at 9600 baud, taking at least the wire time', async () => {
    const { sim, scans } = await pair({ baudRate: 9600 }, { suffix: '\r' });
    const started = performance.now();
    await sim.scan('21234000123455');
    await until(() => scans.length === 1, 2000, 'the scan');
    const elapsed = performance.now() - started;
    expect(scans[0]).toEqual({ text: '21234000123455', symbology: 'unknown' });
    // 15 bytes × 10 bits at 9600 baud ≈ 15.6 ms on the wire.
    expect(elapsed).toBeGreaterThanOrEqual(sim.wireTime(15) * 1000 * 0.9);
  });

  it('takes a CRLF suffix, a prefix and AIM ids at 115200 baud, several scans in a row', async () => {
    const { sim, scans } = await pair(
      { baudRate: 115200, suffix: '\r\n', aimId: ']E0' },
      { suffix: '\r\n', aimId: true },
    );
    await sim.scan('9780306406157');
    await sim.scan('9783161484100');
    await sim.scan('INV-000123', ']A0');
    await until(() => scans.length === 3, 2000, 'three scans');
    expect(scans).toEqual([
      { text: '9780306406157', symbology: 'ean13', aim: ']E0' },
      { text: '9783161484100', symbology: 'ean13', aim: ']E0' },
      { text: 'INV-000123', symbology: 'code39', aim: ']A0' },
    ]);
  });

  it('ends scans by silence when the reader sends no suffix (even parity line)', async () => {
    const { sim, scans } = await pair(
      { baudRate: 19200, suffix: '' },
      { suffix: '', parity: 'even', idleMs: 40 },
    );
    await sim.scan('31234000012342');
    await until(() => scans.length === 1, 2000, 'the scan');
    expect(scans[0]?.text).toBe('31234000012342');
  });

  it('says when the reader is unplugged', async () => {
    const { sim, reader } = await pair({}, {});
    let closed: Error | undefined | null = null;
    reader.onClose((e) => {
      closed = e;
    });
    await sim.unplug();
    await until(() => closed !== null, 3000, 'the close');
  });
});

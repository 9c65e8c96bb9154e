import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { DemoPadTag, DemoState } from '../contract/index.js';
import { StationError } from '../errors.js';
import { DEMO_SEED } from '../sip2/acs/index.js';
import type { DeviceConfig } from './manager/config.js';
import { TypeOfUsage } from './rfid/model/types.js';
import type { SimOnPty } from './rfid/sim-kit/serve-on-pty.js';
import { iso28560_2Tag, patronCard, type VirtualTag } from './rfid/sim-kit/virtual-field.js';
import { BarcodeReaderSim } from './sim/barcode/barcode-sim.js';
import { type FeigSimulator, startFeigSimulatorOnPty } from './sim/feig/index.js';
import { PrinterSim } from './sim/printer/printer-sim.js';

/** The training library's owner code on its tags. */
export const DEMO_ISIL = 'UZ-BITIG';

/**
 * Books of the training library that come in several parts (a textbook with its disc): each part
 * has its own tag, and the set is lent only with all parts on the pad.
 */
export const DEMO_SETS: Readonly<Record<string, number>> = { '3100030': 2 };

/** The device ids demo mode configures. */
export const DEMO_DEVICE_IDS = {
  pad: 'demo-rfid-pad',
  barcode: 'demo-barcode',
  printer: 'demo-printer',
} as const;

export interface DemoDevicesOptions {
  dataDir: string;
  log?: (message: string, err?: unknown) => void;
}

/** Whether socat (which makes the pseudo-terminals of the serial simulators) can be run. */
export function socatAvailable(): boolean {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return !probe.error && probe.status === 0;
}

/**
 * Demo mode's devices: the simulators of `sim/`, speaking the real wire protocols, so the real
 * drivers run end to end. A FEIG pad (38400 8E1 behind a socat pty) that holds the training
 * library's books as ISO 28560-2 tags and its patrons' cards as ISO 28560-3 cards; a serial
 * barcode reader (9600 baud, CR); an ESC/POS printer on a loopback TCP port that saves each
 * receipt with a PNG preview in `<dataDir>/demo-printer/`. Without socat the pad and the barcode
 * reader are left out (`available` false); the printer needs none.
 */
export class DemoDevices {
  /** Every tag made so far, by `item:<id>:<part>` or `patron:<id>`: the same tag each time. */
  readonly #tags = new Map<string, VirtualTag>();
  readonly #byUid = new Map<string, { kind: 'item' | 'patron'; id: string; part: number | null }>();

  private constructor(
    readonly printer: PrinterSim,
    readonly pad: SimOnPty<FeigSimulator> | null,
    readonly barcode: BarcodeReaderSim | null,
  ) {}

  static async start(options: DemoDevicesOptions): Promise<DemoDevices> {
    const printer = await PrinterSim.start({
      outDir: path.join(options.dataDir, 'demo-printer'),
      tcp: { host: '127.0.0.1', port: 0 },
      model: 'epson-80',
    });
    let pad: SimOnPty<FeigSimulator> | null = null;
    let barcode: BarcodeReaderSim | null = null;
    if (socatAvailable()) {
      try {
        pad = await startFeigSimulatorOnPty();
        barcode = await BarcodeReaderSim.start({ baudRate: 9600, suffix: '\r', name: 'demo-barcode' });
      } catch (err) {
        options.log?.('demo mode: the simulated RFID pad and barcode reader could not start', err);
        await pad?.close();
        pad = null;
      }
    } else {
      options.log?.('demo mode: socat is not installed, so there is no simulated RFID pad or barcode reader');
    }
    return new DemoDevices(printer, pad, barcode);
  }

  /** The pad and the barcode reader run (the printer always does). */
  get available(): boolean {
    return this.pad !== null;
  }

  /** The devices to configure the device manager with: the simulators, opened by the real drivers. */
  config(): DeviceConfig[] {
    const config: DeviceConfig[] = [
      {
        id: DEMO_DEVICE_IDS.printer,
        name: 'Demo receipt printer',
        kind: 'printer',
        transport: 'tcp',
        host: this.printer.host,
        port: this.printer.port,
        model: 'epson-80',
      },
    ];
    if (this.pad) {
      config.unshift({
        id: DEMO_DEVICE_IDS.pad,
        name: 'Demo RFID pad (FEIG)',
        kind: 'rfid',
        transport: 'serial',
        path: this.pad.path,
        model: 'feig',
      });
    }
    if (this.barcode) {
      config.splice(1, 0, {
        id: DEMO_DEVICE_IDS.barcode,
        name: 'Demo barcode reader',
        kind: 'barcode',
        transport: 'serial',
        path: this.barcode.path,
        baud: 9600,
        suffix: 'cr',
      });
    }
    return config;
  }

  /**
   * Puts a training-library book or card on the pad. A book in several parts gets its next part
   * not yet on the pad. Returns the tag placed.
   */
  place(kind: 'item' | 'patron', id: string): VirtualTag {
    const pad = this.#requirePad();
    let tag: VirtualTag;
    if (kind === 'patron') {
      if (!DEMO_SEED.patrons.some((p) => p.barcode === id))
        throw new StationError('VALIDATION', `No card ${id} in the training library.`, ['id']);
      tag = this.#tag(`patron:${id}`, () => patronCard(id, 'iso28560-3'), { kind, id, part: null });
    } else {
      const book = DEMO_SEED.items.find((i) => i.barcode === id);
      if (!book) throw new StationError('VALIDATION', `No book ${id} in the training library.`, ['id']);
      const parts = DEMO_SETS[id] ?? 1;
      let part = 1;
      while (part < parts && this.#onPad(`item:${id}:${part}`)) part += 1;
      tag = this.#tag(
        `item:${id}:${part}`,
        () =>
          iso28560_2Tag({
            primaryItemId: id,
            ownerIsil: DEMO_ISIL,
            typeOfUsage: book.notForLoan ? TypeOfUsage.notForCirculation : TypeOfUsage.circulating,
            ...(parts > 1 ? { setInfo: { parts, part } } : {}),
          }),
        { kind, id, part: parts > 1 ? part : null },
      );
    }
    pad.sim.field.place(tag);
    return tag;
  }

  /** Takes a tag off the pad. */
  remove(uid: string): void {
    this.#requirePad().sim.field.remove(uid);
  }

  /** The tag made for a book's part or a card, if it was ever placed. */
  tag(kind: 'item' | 'patron', id: string, part = 1): VirtualTag | undefined {
    return this.#tags.get(kind === 'patron' ? `patron:${id}` : `item:${id}:${part}`);
  }

  async scan(text: string): Promise<void> {
    if (!this.barcode)
      throw new StationError('DEVICE_UNAVAILABLE', 'The simulated barcode reader is not running.');
    await this.barcode.scan(text);
  }

  state(): DemoState {
    const pad: DemoPadTag[] = (this.pad?.sim.field.list() ?? []).flatMap((tag) => {
      const meta = this.#byUid.get(tag.uid);
      if (!meta) return [];
      const parts = meta.part === null ? null : (DEMO_SETS[meta.id] ?? null);
      return [
        { uid: tag.uid, kind: meta.kind, id: meta.id, part: meta.part, parts, afi: tag.afi, eas: tag.eas },
      ];
    });
    return {
      available: this.available,
      pad,
      books: DEMO_SEED.items.map((i) => ({
        id: i.barcode,
        title: i.title,
        parts: DEMO_SETS[i.barcode] ?? 1,
      })),
      cards: DEMO_SEED.patrons.map((p) => ({ id: p.barcode, name: p.name, pin: p.pin })),
    };
  }

  async close(): Promise<void> {
    await Promise.all([
      this.printer.close(),
      this.pad?.close(),
      this.barcode?.close().catch(() => undefined),
    ]);
  }

  #requirePad(): SimOnPty<FeigSimulator> {
    if (!this.pad) throw new StationError('DEVICE_UNAVAILABLE', 'The simulated RFID pad is not running.');
    return this.pad;
  }

  #onPad(key: string): boolean {
    const tag = this.#tags.get(key);
    return tag !== undefined && this.pad?.sim.field.get(tag.uid) !== undefined;
  }

  #tag(
    key: string,
    make: () => VirtualTag,
    meta: { kind: 'item' | 'patron'; id: string; part: number | null },
  ) {
    let tag = this.#tags.get(key);
    if (!tag) {
      tag = make();
      this.#tags.set(key, tag);
      this.#byUid.set(tag.uid, meta);
    }
    return tag;
  }
}

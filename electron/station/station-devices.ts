import { z } from 'zod';
import { KioskPad, type PadSecurity, type PadTag } from './circulation/kiosk-pad.js';
import type { KioskService } from './circulation/kiosk-service.js';
import type {
  DemoState,
  DeviceEventEntry,
  DeviceStatus,
  DevicesOverview,
  DeviceTestAction,
  DeviceTestResult,
  DeviceView,
  KioskAction,
  Language,
  Receipt,
  RfidTag,
  Settings,
} from './contract/index.js';
import { DEMO_DEVICE_IDS, DemoDevices } from './devices/demo-devices.js';
import { DevicesConfig } from './devices/manager/config.js';
import { DeviceManager, type DeviceManagerOptions } from './devices/manager/device-manager.js';
import { PrinterError } from './devices/printer/receipt-printer.js';
import { testPageDocument } from './devices/printer/receipt-template.js';
import { readTag, type TagReading } from './devices/rfid/pad/read-tag.js';
import { ISO_SECURITY } from './devices/rfid/pad/security.js';
import { StationError } from './errors.js';
import type { EventHub } from './events.js';
import type { SettingsRepo } from './store/settings.js';

/** The site's devices (a `DevicesConfig`), in the settings table. */
export const DEVICES_KEY = 'devices';
/** The site's RFID security values (AFI and EAS in the library and on loan). */
export const RFID_SECURITY_KEY = 'devices.rfidSecurity';

const SecurityValues = z.object({ afi: z.number().int().min(0).max(255), eas: z.boolean() }).strict();
export const RfidSecuritySettings = z
  .object({
    secured: SecurityValues,
    unsecured: SecurityValues,
    /** Switch the EAS bit as well as the AFI (tags without NXP EAS: false). */
    eas: z.boolean().default(true),
  })
  .strict();
export type RfidSecuritySettings = z.infer<typeof RfidSecuritySettings>;

/** ISO 28560 practice: AFI 0x07 with EAS on in the library, 0xC2 with EAS off on loan. */
export const DEFAULT_RFID_SECURITY: RfidSecuritySettings = { ...ISO_SECURITY, eas: true };

/** How many events each device keeps for the Devices screen. */
const HISTORY = 10;

export interface StationDevicesOptions {
  settings: SettingsRepo;
  appSettings: () => Settings;
  events: EventHub;
  kiosk: KioskService;
  /** The site's `privacy.receiptName`: how the printed receipt shows the patron's name. */
  receiptName?: () => 'masked' | 'full';
  dataDir: string;
  log?: (message: string, err?: unknown) => void;
  /** Replaces parts of the device manager's options (tests: no USB, no serial port list). */
  manager?: Partial<DeviceManagerOptions>;
}

/**
 * The station's devices: starts the device manager with the site's devices (or, in demo mode, the
 * simulators of `demo-devices.ts`), forwards what they report to the event hub, keeps each device's
 * last events for the Devices screen, runs its test actions, and wires the kiosk: the RFID pad
 * (`../circulation/kiosk-pad.ts`), security per book, the receipt on the receipt printer.
 */
export class StationDevices {
  readonly #history = new Map<string, DeviceEventEntry[]>();
  readonly pad: KioskPad;
  #manager: DeviceManager | null = null;
  #demo: DemoDevices | null = null;
  #starting: Promise<void> | null = null;
  #unsubscribe: (() => void)[] = [];
  /** A kiosk: the pad drives the patron's session. */
  #kiosk = false;

  constructor(private readonly o: StationDevicesOptions) {
    this.pad = new KioskPad({
      kiosk: o.kiosk,
      events: o.events,
      security: () => this.#security(),
      log: o.log,
      port: {
        setSecurity: async (deviceId, uid, values) => {
          const monitor = this.#manager?.rfidPad(deviceId);
          if (!monitor) throw new Error(`the RFID reader ${deviceId} is not connected`);
          await monitor.setSecurity(uid, values, { eas: this.#security().eas });
        },
        reportSecurityFailure: (deviceId, uid, itemId, detail) => {
          this.#remember(deviceId, { type: 'security-failed', uid, itemId, detail });
          const device = this.#manager?.list().find((d) => d.id === deviceId);
          this.o.events.emit('device.status', {
            id: deviceId,
            kind: 'rfid',
            name: device?.name ?? deviceId,
            state: 'error',
            detail: `security-failed ${uid} (item ${itemId}): ${detail}`,
          });
        },
      },
    });
  }

  /** The manager, once started. */
  get manager(): DeviceManager | null {
    return this.#manager;
  }

  /** Demo mode's simulators, when they run. */
  get demo(): DemoDevices | null {
    return this.#demo;
  }

  /** Starts the devices once the station is set up; idempotent. */
  start(): Promise<void> {
    this.#starting ??= this.#start().finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #start(): Promise<void> {
    const { setupComplete, mode, role } = this.o.appSettings();
    if (!setupComplete || this.#manager) return;
    this.#kiosk = role === 'kiosk';
    if (mode === 'demo') this.#demo = await DemoDevices.start({ dataDir: this.o.dataDir, log: this.o.log });
    const config = this.#demo ? this.#demo.config() : this.#siteConfig();
    const manager = new DeviceManager({
      config,
      // Demo mode uses its simulators only: nothing plugged into the machine joins in.
      ...(this.#demo ? { usb: null, listSerialPorts: null } : {}),
      ...this.o.manager,
    });
    this.#unsubscribe.push(
      manager.on('device.status', (s) => {
        this.#remember(s.id, { type: 'status', state: s.state, detail: s.detail ?? null });
        this.o.events.emit('device.status', statusEvent(s));
      }),
      manager.on('barcode.scanned', ({ text, symbology, deviceId }) => {
        this.#remember(deviceId, { type: 'scan', text, symbology });
        this.o.events.emit('barcode.scanned', { text, symbology, deviceId });
      }),
      manager.on('rfid.present', (p) => {
        if (p.change === 'left') {
          this.#remember(p.deviceId, { type: 'tag-left', uid: p.uid });
          this.o.events.emit('rfid.present', { change: 'left', deviceId: p.deviceId, uid: p.uid });
          if (this.#kiosk) this.pad.left(p.uid);
          return;
        }
        const tag = rfidTag(p.tag);
        // A card number is the patron's: the Devices screen's history shows only that a card came.
        this.#remember(p.deviceId, { type: 'tag-arrived', tag: { ...tag, patronId: null } });
        this.o.events.emit('rfid.present', { change: 'arrived', deviceId: p.deviceId, tag });
        if (this.#kiosk) this.pad.arrived(padTag(p.deviceId, p.tag));
      }),
    );
    this.#manager = manager;
    if (this.#kiosk) {
      this.o.kiosk.setDeviceHooks({
        secure: (outcome) => this.pad.secure(outcome),
        sessionEnded: (receipt, _reason, language) => {
          this.pad.sessionEnded();
          if (receipt) void this.#print(receipt, language);
        },
      });
    }
    await manager.start();
  }

  async close(): Promise<void> {
    await this.#starting?.catch(() => undefined);
    for (const off of this.#unsubscribe.splice(0)) off();
    this.o.kiosk.setDeviceHooks({});
    await this.#manager?.stop().catch((err) => this.o.log?.('stopping the devices failed', err));
    this.#manager = null;
    await this.#demo?.close().catch((err) => this.o.log?.('stopping the demo devices failed', err));
    this.#demo = null;
  }

  /** What the patron is doing at the kiosk: books on the pad follow it. */
  setKioskAction(action: KioskAction | null): { ok: true } {
    this.pad.setAction(action);
    return { ok: true };
  }

  list(): DevicesOverview {
    const demoIds = new Set<string>(this.#demo ? Object.values(DEMO_DEVICE_IDS) : []);
    const devices: DeviceView[] = (this.#manager?.list() ?? []).map((d) => ({
      id: d.id,
      kind: d.kind,
      name: d.name,
      transport: d.transport,
      address: d.address,
      source: demoIds.has(d.id) ? 'demo' : d.source,
      state: d.state,
      detail: d.detail ?? null,
      model: d.model ?? null,
      tests: testsFor(d.kind, d.model),
      lastEvents: [...(this.#history.get(d.id) ?? [])],
    }));
    return { devices, demo: this.#demo !== null };
  }

  async test(id: string, action: DeviceTestAction): Promise<DeviceTestResult> {
    const device = this.#manager?.list().find((d) => d.id === id);
    if (!device) return { ok: false, action, failure: 'not-found' };
    if (!testsFor(device.kind, device.model).includes(action))
      return { ok: false, action, failure: 'unsupported' };
    try {
      if (action === 'print-test') return await this.#printTest(id);
      const monitor = this.#manager?.rfidPad(id);
      if (!monitor) return { ok: false, action, failure: 'not-connected' };
      if (action === 'beep') {
        if (!monitor.reader.beep) return { ok: false, action, failure: 'unsupported' };
        await monitor.reader.beep(300);
        return { ok: true, action };
      }
      // Read the pad: an inventory now, each tag as the monitor read it (or read afresh).
      const entries = await monitor.reader.inventory();
      const known = new Map(monitor.present().map((t) => [t.uid, t]));
      const tags: RfidTag[] = [];
      for (const entry of entries) {
        const reading =
          known.get(entry.uid) ??
          (await readTag(monitor.reader, entry.uid, entry.dsfid !== undefined ? { dsfid: entry.dsfid } : {}));
        const tag = rfidTag(reading);
        tags.push({ ...tag, patronId: null });
      }
      return { ok: true, action, tags };
    } catch (err) {
      return {
        ok: false,
        action,
        failure: 'failed',
        detail: err instanceof Error ? err.message : String(err),
      };
    }
  }

  // Demo mode.

  demoState(): DemoState {
    return this.#requireDemo().state();
  }

  demoPlace(kind: 'item' | 'patron', id: string): DemoState {
    const demo = this.#requireDemo();
    demo.place(kind, id);
    return demo.state();
  }

  demoRemove(uid: string): DemoState {
    const demo = this.#requireDemo();
    demo.remove(uid);
    return demo.state();
  }

  async demoScan(text: string): Promise<{ ok: true }> {
    await this.#requireDemo().scan(text);
    return { ok: true };
  }

  #requireDemo(): DemoDevices {
    if (!this.#demo) throw new StationError('FORBIDDEN', 'The simulated devices run only in demo mode.');
    return this.#demo;
  }

  /**
   * The kiosk's receipt on the receipt printer, in the patron's language (the station's when the
   * screen did not say); trouble goes to staff.
   */
  async #print(receipt: Receipt, language: Language = this.o.appSettings().language): Promise<void> {
    const manager = this.#manager;
    if (!manager) return;
    const printerId = manager.printer()?.info.id;
    try {
      await manager.printReceipt(receipt, language, {
        timeZone: this.o.appSettings().timeZone,
        patronName: this.o.receiptName?.() ?? 'masked',
      });
      if (printerId) this.#remember(printerId, { type: 'printed' });
    } catch (err) {
      const detail = err instanceof PrinterError ? `${err.status.state}: ${err.message}` : String(err);
      if (printerId) this.#remember(printerId, { type: 'print-failed', detail });
      // The printer's state already went out as device.status; the log says which receipt it was.
      this.o.log?.('the receipt was not printed', detail);
    }
  }

  async #printTest(id: string): Promise<DeviceTestResult> {
    const binding = this.#manager?.printer(id);
    if (!binding?.printer) return { ok: false, action: 'print-test', failure: 'not-connected' };
    try {
      const { language, timeZone } = this.o.appSettings();
      const result = await binding.printer.print(testPageDocument(language, { timeZone }));
      binding.report(result.status);
      this.#remember(id, { type: 'printed' });
      return { ok: true, action: 'print-test' };
    } catch (err) {
      if (err instanceof PrinterError) binding.report(err.status);
      const detail = err instanceof PrinterError ? `${err.status.state}: ${err.message}` : String(err);
      this.#remember(id, { type: 'print-failed', detail });
      return { ok: false, action: 'print-test', failure: 'failed', detail };
    }
  }

  #siteConfig(): DevicesConfig {
    const stored = this.o.settings.getValue(DEVICES_KEY);
    if (stored === undefined) return [];
    const parsed = DevicesConfig.safeParse(stored);
    if (parsed.success) return parsed.data;
    this.o.log?.('the devices setting is not valid; no devices are configured', parsed.error.message);
    return [];
  }

  #security(): PadSecurity & { eas: boolean } {
    const stored = this.o.settings.getValue(RFID_SECURITY_KEY);
    const parsed = stored === undefined ? undefined : RfidSecuritySettings.safeParse(stored);
    return parsed?.success ? parsed.data : DEFAULT_RFID_SECURITY;
  }

  #remember(deviceId: string, entry: DistributiveOmit<DeviceEventEntry, 'at'>): void {
    const list = this.#history.get(deviceId) ?? [];
    list.unshift({ at: new Date().toISOString(), ...entry } as DeviceEventEntry);
    list.length = Math.min(list.length, HISTORY);
    this.#history.set(deviceId, list);
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

function statusEvent(s: DeviceStatus): DeviceStatus {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    state: s.state,
    ...(s.detail !== undefined ? { detail: s.detail } : {}),
  };
}

function testsFor(kind: DeviceView['kind'], model: string | undefined): DeviceTestAction[] {
  if (kind === 'printer') return ['print-test'];
  if (kind === 'rfid') return model === 'feig' ? ['read-pad', 'beep'] : ['read-pad'];
  return [];
}

/** A tag as the contract carries it. */
export function rfidTag(reading: TagReading): RfidTag {
  const kind = reading.kind === 'patron-card' ? 'patron' : reading.kind === 'item' ? 'item' : 'unknown';
  const id = reading.tag?.primaryItemId ?? null;
  const set = reading.tag?.setInfo;
  return {
    uid: reading.uid,
    kind,
    itemId: kind === 'item' ? id : null,
    patronId: kind === 'patron' ? id : null,
    set: set && set.parts > 1 ? { parts: set.parts, part: set.part } : null,
    afi: reading.afi ?? null,
    model: reading.model,
    error: reading.error?.message ?? null,
  };
}

function padTag(deviceId: string, reading: TagReading): PadTag {
  const tag = rfidTag(reading);
  return {
    deviceId,
    uid: tag.uid,
    kind: tag.kind,
    itemId: tag.itemId,
    patronId: tag.patronId,
    owner: reading.tag?.ownerIsil ?? null,
    set: tag.set,
  };
}

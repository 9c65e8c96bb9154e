/**
 * The devices' part of the contract: what the barcode readers, RFID pads and receipt printers
 * report (events), the Devices screen's methods, the kiosk's pad-driven events, and demo mode's
 * simulated pad. Imported by index.ts and by the renderer: zod only.
 */
import { z } from 'zod';
import { Identifier, method, NoInput } from './common.js';
import type { ContractError } from './errors.js';
import { type ItemOutcome, KioskAction, type PatronSummary } from './kiosk.js';

export const DeviceKind = z.enum(['barcode', 'rfid', 'printer']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export type DeviceState = 'connected' | 'disconnected' | 'error';

/** `device.status`: a device appeared, went away, or has a problem staff should see. */
export interface DeviceStatus {
  id: string;
  kind: DeviceKind;
  name: string;
  state: DeviceState;
  /**
   * Why, in English for staff and the log: `offline`, `paper-out`, `cover-open`, `paper-low` for
   * printers; `security-failed <uid>` when an RFID tag's security could not be set.
   */
  detail?: string;
}

/** `barcode.scanned`: one barcode from a serial or USB HID reader (not from a keyboard wedge). */
export interface BarcodeScanned {
  text: string;
  /** The symbology the reader said (AIM id), or `unknown`. */
  symbology: string;
  deviceId: string;
}

/** A tag on an RFID pad, decoded. */
export interface RfidTag {
  /** 16 hex digits, E0 first. */
  uid: string;
  kind: 'patron' | 'item' | 'unknown';
  /** The item's primary id (its barcode number), for item tags. */
  itemId: string | null;
  /** The card number, for patron cards. */
  patronId: string | null;
  /** Parts of a multi-part item (a book with a disc…); null for a single item. */
  set: { parts: number; part: number } | null;
  /** The tag's AFI as read when it arrived, when the reader reported it. */
  afi: number | null;
  /** The data model the tag decoded with (`iso28560-2`, `iso28560-3`, `3m`, `blank`, `unknown`). */
  model: string;
  /** Why the tag could not be decoded or read, in English. */
  error: string | null;
}

/** `rfid.present`: a tag came onto a pad (read once and decoded), or left it. */
export type RfidPresent =
  | { change: 'arrived'; deviceId: string; tag: RfidTag }
  | { change: 'left'; deviceId: string; uid: string };

/** Something a device did lately, as the Devices screen lists it (newest first). */
export type DeviceEventEntry = { at: string } & (
  | { type: 'status'; state: DeviceState; detail: string | null }
  | { type: 'scan'; text: string; symbology: string }
  | { type: 'tag-arrived'; tag: RfidTag }
  | { type: 'tag-left'; uid: string }
  | { type: 'security-failed'; uid: string; itemId: string; detail: string }
  | { type: 'printed' }
  | { type: 'print-failed'; detail: string }
);

export const DeviceTestAction = z.enum(['read-pad', 'print-test', 'beep']);
export type DeviceTestAction = z.infer<typeof DeviceTestAction>;

/** A device as the Devices screen shows it: its live state and its last events. */
export interface DeviceView {
  id: string;
  kind: DeviceKind;
  name: string;
  transport: 'serial' | 'usb' | 'tcp';
  /** Port path, `host:port`, or `vvvv:pppp` for USB. */
  address: string;
  /** Where it came from: the site's configuration, the USB bus, the serial port list, demo mode. */
  source: 'config' | 'usb' | 'serial' | 'demo';
  state: DeviceState;
  detail: string | null;
  model: string | null;
  /** The test actions this device offers. */
  tests: DeviceTestAction[];
  lastEvents: DeviceEventEntry[];
}

export interface DevicesOverview {
  devices: DeviceView[];
  /** Demo mode: the devices are simulators (`demo.*` works). */
  demo: boolean;
}

export const DeviceTestInput = z
  .object({ id: z.string().min(1).max(200), action: DeviceTestAction })
  .strict();

export interface DeviceTestResult {
  ok: boolean;
  action: DeviceTestAction;
  /** read-pad: the tags on the pad now. */
  tags?: RfidTag[];
  /** When not ok: what went wrong, for the screen to translate. */
  failure?: 'not-found' | 'unsupported' | 'not-connected' | 'failed';
  /** English, for staff. */
  detail?: string;
}

/**
 * What the patron is doing at the kiosk now: tags placed on the pad follow it (borrowed in
 * checkout, returned in checkin; null or renew: left alone).
 */
export const SetKioskActionInput = z.object({ action: KioskAction.nullable() }).strict();

/** `kiosk.item`: a book on the pad, as the kiosk handles it (each row live on the items screen). */
export interface KioskItemEvent {
  action: KioskAction;
  itemId: string;
  /** waiting: a set whose other parts are not on the pad yet; pending: being asked; done: outcome. */
  state: 'waiting' | 'pending' | 'done';
  /** For a multi-part set: how many parts it has and which are on the pad. */
  set: { parts: number; present: number[] } | null;
  outcome: ItemOutcome | null;
}

/** `kiosk.card`: a library card placed on the pad, as the kiosk identifies it. */
export type KioskCardEvent =
  | { state: 'checking' }
  | { state: 'identified'; patron: PatronSummary }
  /** The PIN is asked (the site's policy or the library system): identify again with it. */
  | { state: 'pin-required'; patronId: string }
  | { state: 'failed'; patronId: string; error: ContractError };

// Demo mode: the simulated pad and barcode reader.

/** What can be put on the simulated pad: a training-library book or a library card. */
export const DemoTagKind = z.enum(['item', 'patron']);
export type DemoTagKind = z.infer<typeof DemoTagKind>;

export const DemoPlaceTagInput = z.object({ kind: DemoTagKind, id: Identifier }).strict();
export const DemoRemoveTagInput = z.object({ uid: z.string().regex(/^[0-9A-Fa-f]{16}$/) }).strict();
export const DemoScanInput = z.object({ text: Identifier }).strict();

/** A tag lying on the simulated pad, with the security state the tag itself holds. */
export interface DemoPadTag {
  uid: string;
  kind: DemoTagKind;
  id: string;
  /** This part's number and the set's size, for multi-part items. */
  part: number | null;
  parts: number | null;
  afi: number;
  eas: boolean;
}

export interface DemoState {
  /** Whether the simulated pad and barcode reader run (they need socat). */
  available: boolean;
  pad: DemoPadTag[];
  /** The training library's books and cards that can be put on the pad. */
  books: { id: string; title: string; parts: number }[];
  cards: { id: string; name: string; pin: string }[];
}

export const deviceMethods = {
  /** The devices now: live state, last events, the tests each offers. */
  'devices.list': method<typeof NoInput, DevicesOverview>(NoInput, 'both'),
  /** Staff: read the pad, print a test receipt, or sound the reader's beep. */
  'devices.test': method<typeof DeviceTestInput, DeviceTestResult>(DeviceTestInput, 'both'),
  /** The kiosk's screen says what the patron is doing, so books on the pad are handled accordingly. */
  'kiosk.setAction': method<typeof SetKioskActionInput, { ok: true }>(SetKioskActionInput, 'kiosk'),
  /** Demo mode: put a training-library book (the next missing part of a set) or card on the pad. */
  'demo.placeTag': method<typeof DemoPlaceTagInput, DemoState>(DemoPlaceTagInput, 'both'),
  'demo.removeTag': method<typeof DemoRemoveTagInput, DemoState>(DemoRemoveTagInput, 'both'),
  /** Demo mode: the simulated serial barcode reader reads this. */
  'demo.scanBarcode': method<typeof DemoScanInput, { ok: true }>(DemoScanInput, 'both'),
  'demo.state': method<typeof NoInput, DemoState>(NoInput, 'both'),
} as const;

/** The devices' events, topic → payload (merged into the contract's `Events`). */
export interface DeviceEvents {
  'barcode.scanned': BarcodeScanned;
  'rfid.present': RfidPresent;
  'device.status': DeviceStatus;
  'kiosk.item': KioskItemEvent;
  'kiosk.card': KioskCardEvent;
}

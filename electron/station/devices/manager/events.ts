import type { Symbology } from '../barcode/symbology.js';
import type { PadMonitor, TagArrived } from '../rfid/pad/pad-monitor.js';
import type { DeviceKind } from './config.js';

export type DeviceState = 'connected' | 'disconnected' | 'error';

/** `device.status`: a device appeared, went away, or has a problem staff should see. */
export interface DeviceStatusEvent {
  id: string;
  kind: DeviceKind;
  name: string;
  state: DeviceState;
  /** Why, in English for the log; printers add their state (`paper-out`, `cover-open`…). */
  detail?: string;
}

/** `barcode.scanned`: one barcode from any reader. */
export interface BarcodeScannedEvent {
  text: string;
  symbology: Symbology;
  /** The reader it came from (a device id of `list()`). */
  deviceId: string;
  aim?: string;
}

/** A tag came onto the pad (read once and decoded, or with why not), or left it. */
export type RfidPresence =
  | { change: 'arrived'; tag: TagArrived }
  | { change: 'left'; uid: string; at: number };

/** `rfid.present`: the RFID driver's report, with the reader it came from. */
export type RfidPresentEvent = RfidPresence & { deviceId: string };

export interface DeviceEvents {
  'barcode.scanned': BarcodeScannedEvent;
  'device.status': DeviceStatusEvent;
  'rfid.present': RfidPresentEvent;
}

/** A device as `list()` and `bitig devices list` show it. */
export interface DeviceInfo {
  id: string;
  kind: DeviceKind;
  name: string;
  transport: 'serial' | 'usb' | 'tcp';
  /** Port path, `host:port`, or `vvvv:pppp` for USB. */
  address: string;
  /** How it was found: the site's configuration, the USB bus, or the serial port list. */
  source: 'config' | 'usb' | 'serial';
  state: DeviceState;
  detail?: string;
  model?: string;
}

/**
 * The hook for RFID readers. By default the manager opens configured readers with the RFID drivers
 * (`rfid-pad.ts`: `openRfidReader` from `devices/rfid/` and a pad monitor); another opener can be
 * passed in (tests, other reader families). The manager reopens readers after an unplug and
 * publishes what they report as `rfid.present`.
 */
export interface RfidReaderHandle {
  /** The pad monitor, for security writes that must queue with its polling. */
  monitor?: PadMonitor;
  onPresent(listener: (presence: RfidPresence) => void): () => void;
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

export type OpenRfidReader = (options: {
  kind: 'feig' | '3m';
  path: string;
  baudRate?: number;
}) => Promise<RfidReaderHandle>;

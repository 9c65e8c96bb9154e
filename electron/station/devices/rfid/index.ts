import { FeigReader } from './readers/feig/feig-reader.js';
import type { RfidReader } from './readers/reader.js';
import { ThreeMReader } from './readers/threem/threem-reader.js';

export * from './errors.js';
export { bytesStillNeeded } from './model/extent.js';
export * from './model/index.js';
export {
  PadMonitor,
  type PadMonitorEvents,
  type PadMonitorOptions,
  type TagArrived,
  type TagLeft,
} from './pad/pad-monitor.js';
export { kindOf, type ReadTagOptions, readTag, type TagReading } from './pad/read-tag.js';
export {
  ISO_SECURITY,
  type SecurityProfile,
  type SecurityValues,
  type SetSecurityOptions,
  setSecurity,
  THREEM_SECURITY,
} from './pad/security.js';
export { isSetComplete, type SetStatus, setsOnPad } from './pad/sets.js';
export { FEIG_SERIAL, FeigReader } from './readers/feig/feig-reader.js';
export type { InventoryEntry, RfidReader, TagSystemInfo } from './readers/reader.js';
export { THREEM_SERIAL, ThreeMReader } from './readers/threem/threem-reader.js';
export { type ByteTransport, duplexTransport } from './transport/byte-transport.js';
export { openSerialTransport } from './transport/serial.js';

export type RfidReaderKind = 'feig' | '3m';

export interface OpenRfidReaderOptions {
  kind: RfidReaderKind;
  /** Serial device (/dev/ttyUSB0, COM3, a pseudo-terminal). */
  path: string;
  /** Default: the reader's own (FEIG 38400 8E1, 3M 19200 8N1). */
  baudRate?: number;
}

/** Opens a pad reader on a serial device; what the device manager calls when it binds one. */
export function openRfidReader(options: OpenRfidReaderOptions): Promise<RfidReader> {
  const serial = options.baudRate !== undefined ? { baudRate: options.baudRate } : {};
  return options.kind === 'feig'
    ? FeigReader.open(options.path, serial)
    : ThreeMReader.open(options.path, serial);
}

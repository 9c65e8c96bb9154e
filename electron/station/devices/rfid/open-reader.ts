import { FeigReader } from './readers/feig/feig-reader.js';
import type { RfidReader } from './readers/reader.js';
import { ThreeMReader } from './readers/threem/threem-reader.js';

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

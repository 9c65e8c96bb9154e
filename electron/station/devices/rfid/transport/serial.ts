import { openSerialPort } from '../../serial-line.js';
import { RfidError } from '../errors.js';
import { type ByteTransport, duplexTransport } from './byte-transport.js';

export interface SerialOptions {
  path: string;
  baudRate: number;
  dataBits?: 8 | 7;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
}

/** Opens a serial device (USB-serial adapter, or a pseudo-terminal standing in for one). */
export async function openSerialTransport(options: SerialOptions): Promise<ByteTransport> {
  const port = await openSerialPort(options).catch((err: Error) => {
    throw new RfidError('unavailable', `cannot open ${options.path}: ${err.message}`);
  });
  return duplexTransport(port);
}

/** Bits on the wire per byte: start bit, data bits, parity bit if any, stop bits. */
export function bitsPerByte(options: Pick<SerialOptions, 'dataBits' | 'parity' | 'stopBits'>): number {
  return (
    1 +
    (options.dataBits ?? 8) +
    (options.parity && options.parity !== 'none' ? 1 : 0) +
    (options.stopBits ?? 1)
  );
}

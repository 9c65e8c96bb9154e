import { SerialPort } from 'serialport';

export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialLineOptions {
  path: string;
  baudRate?: number;
  dataBits?: 7 | 8;
  parity?: Parity;
  stopBits?: 1 | 2;
}

/** Opens a serial port with the line settings; rejects with the OS's reason (no such port, busy). */
export function openSerialPort(options: SerialLineOptions): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort(
      {
        path: options.path,
        baudRate: options.baudRate ?? 9600,
        dataBits: options.dataBits ?? 8,
        parity: options.parity ?? 'none',
        stopBits: options.stopBits ?? 1,
        autoOpen: false,
      },
      undefined,
    );
    port.open((err) => (err ? reject(err) : resolve(port)));
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import type { SerialOptions } from '../transport/serial.js';
import { type PtyPair, startPtyPair } from './pty-pair.js';

/** A simulator served behind a pseudo-terminal: `path` is the "serial device" a driver opens. */
export interface SimOnPty<S> {
  sim: S;
  path: string;
  /** Pulls the cable: the driver's port goes away mid-use. */
  unplug(): Promise<void>;
  /** Plugs it back in at the same path. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

function openPort(options: SerialOptions): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({
      path: options.path,
      baudRate: options.baudRate,
      dataBits: options.dataBits ?? 8,
      parity: options.parity ?? 'none',
      stopBits: options.stopBits ?? 1,
      autoOpen: false,
    });
    port.open((err) => (err ? reject(err) : resolve(port)));
    port.on('error', () => undefined);
  });
}

function closePort(port: SerialPort | undefined): Promise<void> {
  if (!port?.isOpen) return Promise.resolve();
  return new Promise((resolve) => port.close(() => resolve()));
}

/**
 * Starts socat and attaches the simulator to the device end, with the reader's serial settings (the
 * simulator paces its answers at that baud rate itself: a pty does not).
 */
export async function serveOnPty<S extends { attach(stream: Duplex): void; detach(): void }>(
  sim: S,
  serial: Omit<SerialOptions, 'path'>,
  name = 'reader',
): Promise<SimOnPty<S>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bitig-${name}-`));
  const hostPath = path.join(dir, 'host');
  const devicePath = path.join(dir, 'device');
  let pair: PtyPair | undefined;
  let port: SerialPort | undefined;

  const plug = async () => {
    pair = await startPtyPair(hostPath, devicePath);
    port = await openPort({ ...serial, path: devicePath });
    sim.attach(port);
  };
  const pull = async () => {
    sim.detach();
    await pair?.stop();
    await closePort(port);
    port = undefined;
  };
  // Plugging and pulling run one after the other, even when a test fires one without awaiting it.
  let chain: Promise<void> = Promise.resolve();
  const inTurn = (step: () => Promise<void>) => {
    chain = chain.then(step, step);
    return chain;
  };
  await inTurn(plug);
  return {
    sim,
    path: hostPath,
    unplug: () => inTurn(pull),
    replug: () => inTurn(plug),
    async close() {
      await inTurn(pull);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { SerialPort } from 'serialport';
import { openSerialPort } from '../../serial-line.js';
import { PtyPair } from '../../sim/pty-pair.js';
import { RfidError } from '../errors.js';
import type { SerialOptions } from '../transport/serial.js';

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

function closePort(port: SerialPort | undefined): Promise<void> {
  if (!port?.isOpen) return Promise.resolve();
  return new Promise((resolve) => port.close(() => resolve()));
}

/**
 * Starts socat and attaches the simulator to its end of the pair, with the reader's serial settings (the
 * simulator paces its answers at that baud rate itself: a pty does not).
 */
export async function serveOnPty<S extends { attach(stream: Duplex): void; detach(): void }>(
  sim: S,
  serial: Omit<SerialOptions, 'path'>,
  name = 'reader',
): Promise<SimOnPty<S>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bitig-${name}-`));
  // socat missing or failing is the pad being unavailable, as for a real reader's port.
  const unavailable = (err: unknown) => new RfidError('unavailable', (err as Error).message);
  const pair = await PtyPair.start({ dir, name }).catch((err: unknown) => {
    throw unavailable(err);
  });
  let port: SerialPort | undefined;

  const attach = async () => {
    port = await openSerialPort({ ...serial, path: pair.simPath });
    port.on('error', () => undefined);
    sim.attach(port);
  };
  const plug = async () => {
    await pair.plug().catch((err: unknown) => {
      throw unavailable(err);
    });
    await attach();
  };
  const pull = async () => {
    sim.detach();
    await pair.unplug();
    await closePort(port);
    port = undefined;
  };
  // Plugging and pulling run one after the other, even when a test fires one without awaiting it.
  let chain: Promise<void> = Promise.resolve();
  const inTurn = (step: () => Promise<void>) => {
    chain = chain.then(step, step);
    return chain;
  };
  await inTurn(attach);
  return {
    sim,
    path: pair.driverPath,
    unplug: () => inTurn(pull),
    replug: () => inTurn(plug),
    async close() {
      await inTurn(pull);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

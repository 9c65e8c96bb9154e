import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { RfidError } from '../errors.js';

/**
 * A pseudo-terminal pair from socat: bytes written to one end come out of the other. The driver opens
 * `hostPath` with serialport exactly as it opens /dev/ttyUSB0; a simulator serves `devicePath`.
 * Stopping socat is the unplug: the host end's device node goes away under the open port.
 */
export interface PtyPair {
  hostPath: string;
  devicePath: string;
  readonly alive: boolean;
  stop(): Promise<void>;
}

export async function startPtyPair(hostPath: string, devicePath: string, timeoutMs = 5000): Promise<PtyPair> {
  for (const link of [hostPath, devicePath]) fs.rmSync(link, { force: true });
  let child: ChildProcess;
  try {
    child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (err) {
    throw new RfidError('unavailable', `cannot start socat: ${(err as Error).message}`);
  }
  let alive = true;
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      alive = false;
      resolve();
    });
    child.once('error', () => {
      alive = false;
      resolve();
    });
  });
  // socat creates both links once the ptys exist and then logs the start of its transfer loop.
  const deadline = Date.now() + timeoutMs;
  while (
    !(stderr.includes('starting data transfer loop') && fs.existsSync(hostPath) && fs.existsSync(devicePath))
  ) {
    if (!alive) throw new RfidError('unavailable', `socat exited: ${stderr.trim() || 'is it installed?'}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new RfidError('unavailable', 'socat did not create the pseudo-terminals in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    hostPath,
    devicePath,
    get alive() {
      return alive;
    },
    async stop() {
      if (!alive) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Two connected pseudo-terminals made by socat, reachable through stable symlinks: bytes written to
 * one end come out of the other. The driver opens `driverPath` with serialport exactly as it opens
 * /dev/ttyUSB0; the simulator opens `simPath`. Stopping socat removes both ends — to the driver,
 * exactly a USB-serial device being unplugged; starting it again with the same link paths plugs it
 * back in. Every serial simulator (barcode reader, printer, RFID pads) uses this one.
 */
export class PtyPair {
  #child: ChildProcess | undefined;

  private constructor(
    /** The end a driver opens, as it would a serial device. */
    readonly driverPath: string,
    /** The end the simulator opens. */
    readonly simPath: string,
    /** A folder made for the links, removed by `close()`. */
    private readonly ownDir: string | undefined,
  ) {}

  /** Links `<dir>/<name>` (the driver's end) and `<dir>/<name>.sim`; a temporary folder without `dir`. */
  static async start(options: { dir?: string; name?: string } = {}): Promise<PtyPair> {
    const ownDir = options.dir ? undefined : await fsp.mkdtemp(path.join(os.tmpdir(), 'bitig-pty-'));
    const dir = options.dir ?? ownDir!;
    const name = options.name ?? 'device';
    const pair = new PtyPair(path.join(dir, name), path.join(dir, `${name}.sim`), ownDir);
    await pair.plug();
    return pair;
  }

  get running(): boolean {
    return this.#child !== undefined;
  }

  /** Starts socat (again); resolves once both ends exist and socat is passing bytes. */
  async plug(timeoutMs = 5000): Promise<void> {
    if (this.#child) return;
    // A link left by a socat that was killed would make the new one fail.
    for (const link of [this.driverPath, this.simPath]) fs.rmSync(link, { force: true });
    const child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.driverPath}`, `pty,raw,echo=0,link=${this.simPath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    let failure: Error | undefined;
    child.once('error', (err) => {
      failure ??= new Error(`cannot run socat (Debian package "socat"): ${err.message}`);
    });
    child.once('exit', (code) => {
      failure ??= new Error(`socat exited (${code}): ${stderr.trim()}`);
      if (this.#child === child) this.#child = undefined;
    });
    this.#child = child;
    // socat creates both links once the ptys exist and then logs the start of its transfer loop.
    const until = Date.now() + timeoutMs;
    while (
      !(
        stderr.includes('starting data transfer loop') &&
        fs.existsSync(this.driverPath) &&
        fs.existsSync(this.simPath)
      )
    ) {
      if (failure) {
        if (this.#child === child) this.#child = undefined;
        throw failure;
      }
      if (Date.now() > until) {
        this.#child = undefined;
        child.kill('SIGKILL');
        throw new Error('socat did not create its pseudo-terminals in time');
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Stops socat; resolves once both ends are gone. */
  async unplug(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    // socat removes its links on a clean exit; make sure, so the path really disappears.
    for (const p of [this.driverPath, this.simPath]) await fsp.rm(p, { force: true });
  }

  /** Unplugs for good and removes the folder made for the links. */
  async close(): Promise<void> {
    await this.unplug();
    if (this.ownDir) await fsp.rm(this.ownDir, { recursive: true, force: true });
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Two connected pseudo-terminals made by socat, reachable through stable symlinks: the driver opens
 * one end as if it were a serial port, a simulator the other. Stopping socat removes both ends — to
 * the driver, exactly a USB-serial device being unplugged; starting it again with the same link
 * paths plugs it back in.
 */
export class PtyPair {
  #child: ChildProcess | undefined;

  private constructor(
    /** The end a driver opens. */
    readonly devicePath: string,
    /** The end the simulator opens. */
    readonly simPath: string,
    /** A folder made for the links, removed by `close()`. */
    private readonly ownDir: string | undefined,
  ) {}

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

  /** Starts socat (again); resolves once both ends exist. */
  async plug(): Promise<void> {
    if (this.#child) return;
    const child = spawn(
      'socat',
      [`pty,raw,echo=0,link=${this.devicePath}`, `pty,raw,echo=0,link=${this.simPath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (err) =>
        reject(new Error(`cannot run socat (Debian package "socat"): ${err.message}`)),
      );
      child.once('exit', (code) => reject(new Error(`socat exited (${code}): ${stderr.trim()}`)));
    });
    failed.catch(() => undefined);
    this.#child = child;
    child.once('exit', () => {
      if (this.#child === child) this.#child = undefined;
    });
    await Promise.race([
      failed,
      waitFor(() => fs.existsSync(this.devicePath) && fs.existsSync(this.simPath)),
    ]);
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
    for (const p of [this.devicePath, this.simPath]) await fsp.rm(p, { force: true });
  }

  /** Unplugs for good and removes the folder made for the links. */
  async close(): Promise<void> {
    await this.unplug();
    if (this.ownDir) await fsp.rm(this.ownDir, { recursive: true, force: true });
  }
}

async function waitFor(test: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > until) throw new Error('socat did not create its pseudo-terminals in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningStation {
  url: string;
  dataDir: string;
  /** Everything the station printed (its log), so far. */
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts the real `bitig serve` (the built bundle, as a user would run it) on a free port with a
 * fresh data directory, and reads the URL with its token from what it prints. `staffPin`: set
 * first from the terminal, as an installer does (`bitig admin set-staff-pin`, PIN on stdin).
 */
export async function startStation(
  args: string[] = [],
  options: { staffPin?: string } = {},
): Promise<RunningStation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-e2e-'));
  if (options.staffPin !== undefined) {
    const set = spawnSync(
      process.execPath,
      ['bin/bitig.cjs', 'admin', 'set-staff-pin', '--data-dir', dataDir],
      {
        input: `${options.staffPin}\n`,
        encoding: 'utf8',
      },
    );
    if (set.status !== 0) throw new Error(`bitig admin set-staff-pin failed:\n${set.stderr}`);
  }
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/bitig.cjs', 'serve', '--port', '0', '--data-dir', dataDir, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bitig serve did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/serving at (\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bitig serve exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping: Promise<number | null> | null = null;
  return {
    url,
    dataDir,
    output: () => output,
    // Idempotent: a test may stop the station itself to check its exit code, and the fixture stops it again.
    stop: () => {
      stopping ??= (async () => {
        child.kill('SIGTERM');
        const code = await exited;
        fs.rmSync(dataDir, { recursive: true, force: true });
        // The screens call only their own role's methods: the station logs each one it refuses.
        const refused = output.match(/^.*refused \((WRONG_ROLE|NOT_SET_UP)\).*$/m);
        if (refused) throw new Error(`the screens called a method of another role: ${refused[0]}`);
        return code;
      })();
      return stopping;
    },
  };
}

export const test = base.extend<{ station: RunningStation }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take a destructuring first argument.
  station: async ({}, use) => {
    const station = await startStation();
    await use(station);
    await station.stop();
  },
});

export { expect } from '@playwright/test';

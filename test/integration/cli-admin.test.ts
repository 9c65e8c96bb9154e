import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/station/cli/exit-codes.js';
import type { MethodName, Result } from '../../electron/station/contract/index.js';
import { Station } from '../../electron/station/station.js';
import { bundle, type CliRun, runBundled } from '../helpers/bundle.js';

let cli: string;
let dir: string;
beforeAll(async () => {
  cli = await bundle('electron/station/cli/bitig.ts', 'bitig-cli');
}, 60_000);
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-admin-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the real `bitig` in a child process with `stdin` piped in. */
function bitig(args: string[], stdin: string): Promise<CliRun> {
  return runBundled(cli, args, stdin);
}

async function verify(staffPin: string): Promise<string> {
  const station = Station.open({ dataDir: dir, host: 'web' });
  try {
    const result = (await station.dispatch('admin.verifyStaffPin' as MethodName, {
      staffPin,
    })) as Result<unknown>;
    return result.ok ? 'OK' : result.error.code;
  } finally {
    await station.close();
  }
}

describe('bitig admin set-staff-pin', () => {
  it('takes the PIN from a pipe, and the station then accepts it and only it', async () => {
    const run = await bitig(['admin', 'set-staff-pin', '--data-dir', dir], '2468\nignored second line\n');
    expect(run).toMatchObject({ code: EXIT.OK, out: 'Staff PIN set.\n' });
    expect(await verify('2468')).toBe('OK');
    expect(await verify('1357')).toBe('STAFF_PIN_WRONG');
    expect(fs.readFileSync(path.join(dir, 'bitig.sqlite')).includes(Buffer.from('2468'))).toBe(false);
    // A forgotten PIN is replaced from the terminal, without the old one.
    const again = await bitig(['admin', 'set-staff-pin', '--data-dir', dir], '1357');
    expect(again).toMatchObject({ code: EXIT.OK, out: 'Staff PIN replaced.\n' });
    expect(await verify('1357')).toBe('OK');
  });

  it('refuses a PIN given on the command line, and changes nothing', async () => {
    const run = await bitig(['admin', 'set-staff-pin', '2468', '--data-dir', dir], '');
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.err).toContain('never given on the command line');
    expect(await verify('2468')).toBe('STAFF_PIN_NOT_SET');
  });

  it('refuses an empty or malformed PIN, and changes nothing', async () => {
    for (const stdin of ['', '12ab\n', '1234567890123\n']) {
      const run = await bitig(['admin', 'set-staff-pin', '--data-dir', dir], stdin);
      expect(run, JSON.stringify(stdin)).toMatchObject({
        code: EXIT.USAGE,
        err: 'A staff PIN is 4 to 12 digits; nothing was changed.\n',
      });
    }
    expect(await verify('1234')).toBe('STAFF_PIN_NOT_SET');
  });
});

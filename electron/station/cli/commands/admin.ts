import type { Command } from 'commander';
import { KioskConfig } from '../../circulation/kiosk-config.js';
import { StaffPinGuard } from '../../circulation/staff-pin.js';
import { defaultDataDir } from '../../store/data-dir.js';
import { openStore } from '../../store/db.js';
import { KeyFileSecretBox } from '../../store/secrets.js';
import { SettingsRepo } from '../../store/settings.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';
import { askHidden, firstLine } from '../read-secret.js';

const STAFF_PIN = /^\d{4,12}$/;

const HELP = `
The staff PIN opens the kiosk's settings and the sync queue's actions. The first one is chosen at
first-run setup or here; whoever can run this command on the station may also replace a forgotten
one (it clears a lock after wrong PINs too). The PIN is read from standard input, never from the
command line, where the shell history and the process list would keep it.
Examples:
  bitig admin set-staff-pin                      asks twice, without showing the digits
  printf '%s\\n' "$PIN" | bitig admin set-staff-pin   reads one line from a pipe
Exit codes: 0 set, 2 no PIN or not 4 to 12 digits (nothing changed), 3 database problem.`;

export function registerAdmin(program: Command, io: CliIo): void {
  const admin = program.command('admin').description("the station's staff settings from its terminal");
  admin
    .command('set-staff-pin')
    .description('set or replace the staff PIN, read from standard input')
    // Declared only to refuse it with a reason rather than commander's "too many arguments".
    .argument('[pin]')
    .option('--data-dir <dir>', 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)')
    .addHelpText('after', HELP)
    .action(async (given: string | undefined, o: { dataDir?: string }) => {
      if (given !== undefined) {
        throw new CliExit(
          EXIT.USAGE,
          'bitig admin set-staff-pin: the PIN is never given on the command line; type it when asked or pipe it on standard input.',
        );
      }
      const pin = await readPin(io);
      if (!STAFF_PIN.test(pin)) {
        throw new CliExit(EXIT.USAGE, 'A staff PIN is 4 to 12 digits; nothing was changed.');
      }
      const store = openStore({ dataDir: o.dataDir ?? defaultDataDir(io.env) });
      try {
        const config = new KioskConfig(new SettingsRepo(store.db), new KeyFileSecretBox(store.dataDir));
        const replaced = config.staffPinSet();
        await config.setStaffPin(pin);
        new StaffPinGuard(config).reset();
        io.out(replaced ? 'Staff PIN replaced.' : 'Staff PIN set.');
      } finally {
        store.close();
      }
    });
}

/** From a terminal: asked twice, not echoed. From a pipe: its first line. */
async function readPin(io: CliIo): Promise<string> {
  const input = io.stdin ?? process.stdin;
  if (!input.isTTY) return (await firstLine(input)).trim();
  const first = await askHidden(input, 'New staff PIN: ');
  const again = await askHidden(input, 'The same PIN again: ');
  if (first !== again) throw new CliExit(EXIT.USAGE, 'The two PINs differ; nothing was changed.');
  return first;
}

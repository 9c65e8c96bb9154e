import { Command, CommanderError } from 'commander';
import { StationError } from '../errors.js';
import { StorageError } from '../store/storage-errors.js';
import { APP_VERSION } from '../version.js';
import { registerAdmin } from './commands/admin.js';
import { registerCatalog } from './commands/catalog.js';
import { registerDevices } from './commands/devices.js';
import { registerDoctor } from './commands/doctor.js';
import { registerExport } from './commands/export.js';
import { registerJobs } from './commands/jobs.js';
import { registerRfid } from './commands/rfid.js';
import { registerScan } from './commands/scan.js';
import { registerScanners } from './commands/scanners.js';
import { registerServe } from './commands/serve.js';
import { registerSim } from './commands/sim.js';
import { registerSip2 } from './commands/sip2.js';
import { registerStart } from './commands/start.js';
import { registerSync } from './commands/sync.js';
import { registerVersion } from './commands/version.js';
import { EXIT } from './exit-codes.js';
import { CliExit, type CliIo } from './io.js';

/** Each sub-command lives in commands/ and adds itself here; later issues add theirs the same way. */
const COMMANDS = [
  registerServe,
  registerStart,
  registerDoctor,
  registerVersion,
  registerSip2,
  registerScanners,
  registerDevices,
  registerSim,
  registerRfid,
  registerSync,
  registerJobs,
  registerScan,
  registerExport,
  registerAdmin,
  registerCatalog,
];

export function createProgram(io: CliIo): Command {
  const program = new Command('bitig')
    .description('Bitig: digitization stations and self-service kiosks for libraries')
    .version(APP_VERSION, '-V, --version', 'print the version')
    .showHelpAfterError('(bitig --help lists the commands and options)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .addHelpText(
      'after',
      `
Exit codes: ${EXIT.OK} ok, ${EXIT.FAILURE} failure, ${EXIT.USAGE} usage error, ${EXIT.STORE} database problem,
${EXIT.UNAVAILABLE} system or device unreachable, ${EXIT.REFUSED} refused by the other side.
Data directory: BITIG_DATA_DIR, or the OS's app-data folder.`,
    );
  for (const register of COMMANDS) register(program, io);
  return program;
}

/** Runs the command line and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here too, with code 0.
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (err instanceof CliExit) {
      if (err.message) io.err(err.message);
      return err.exitCode;
    }
    // The disk's errors (a data folder missing or read-only too) are the database's exit code.
    if (err instanceof StorageError || (err instanceof StationError && err.code.startsWith('STORE_'))) {
      io.err(err.message);
      return EXIT.STORE;
    }
    io.err(`bitig: ${(err as Error).message ?? String(err)}`);
    return EXIT.FAILURE;
  }
}

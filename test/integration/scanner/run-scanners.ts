import { Command } from 'commander';
import { registerScanners } from '../../../electron/station/cli/commands/scanners.js';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import { CliExit, type CliIo } from '../../../electron/station/cli/io.js';

/** Runs `bitig scanners …` the way program.ts does: exit codes from CliExit, output collected. */
export async function runScanners(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => out.push(t), env };
  const program = new Command('bitig').exitOverride();
  registerScanners(program, io);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: EXIT.OK, out: out.join('\n') };
  } catch (err) {
    if (err instanceof CliExit) return { code: err.exitCode, out: out.join('\n') };
    throw err;
  }
}

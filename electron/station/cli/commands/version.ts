import type { Command } from 'commander';
import { LATEST_SCHEMA_VERSION } from '../../store/db.js';
import { APP_VERSION } from '../../version.js';
import type { CliIo } from '../io.js';

export function registerVersion(program: Command, io: CliIo): void {
  program
    .command('version')
    .description('print the version of Bitig and of its database schema')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const info = {
        version: APP_VERSION,
        schemaVersion: LATEST_SCHEMA_VERSION,
        node: process.versions.node,
      };
      io.out(
        opts.json
          ? JSON.stringify(info)
          : `Bitig ${info.version} (database schema ${info.schemaVersion}, Node ${info.node})`,
      );
    });
}

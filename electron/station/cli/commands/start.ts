import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { packageRoot } from '../../package-root.js';
import { findElectronBinary } from '../electron-binary.js';
import { CliExit, type CliIo } from '../io.js';
import { DEFAULT_PORT, serve } from './serve.js';

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('run the desktop app; where Electron is not installed, run the web host instead')
    .action(async () => {
      const root = packageRoot();
      const electron = findElectronBinary(root, io.env);
      if (!electron.available) {
        io.out(`Electron is not available (${electron.reason}); running the web host instead.`);
        await serve({ port: DEFAULT_PORT, host: '127.0.0.1' }, io);
        return;
      }
      const code = await new Promise<number>((resolve) => {
        const child = spawn(electron.path, [root], { stdio: 'inherit', env: io.env });
        child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
        child.on('error', (err) => {
          io.err(`Could not start Electron: ${err.message}`);
          resolve(1);
        });
      });
      if (code !== 0) throw new CliExit(code, '');
    });
}

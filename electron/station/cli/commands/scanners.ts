import type { Command } from 'commander';
import { listScanners, type ScannerListing } from '../../devices/scanner/list-scanners.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';

export function registerScanners(program: Command, io: CliIo): void {
  const scanners = program.command('scanners').description('document scanners this station can use');
  scanners
    .command('list')
    .description('list SANE scanners and check configured eSCL (AirScan) addresses')
    .option('--json', 'print JSON')
    .option(
      '--escl <url>',
      'an eSCL scanner address, e.g. http://192.168.1.20/eSCL/ (repeatable)',
      collect,
      [],
    )
    .action(async (opts: { json?: boolean; escl: string[] }) => {
      const sane = io.env.SANE_CONFIG_DIR ? { configDir: io.env.SANE_CONFIG_DIR } : {};
      const listing = await listScanners({ escl: opts.escl, sane, endSane: true });
      io.out(opts.json ? JSON.stringify(listing, null, 2) : formatListing(listing));
      // SANE missing is normal on a kiosk; an eSCL address that was asked for and does not answer is not.
      if (listing.escl.some((e) => !e.reachable)) throw new CliExit(EXIT.UNAVAILABLE, '');
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function formatListing(l: ScannerListing): string {
  const lines: string[] = [];
  if (!l.sane.available) {
    lines.push(`--   sane   ${l.sane.reason}`);
  } else if (l.sane.devices.length === 0) {
    lines.push('--   sane   no devices found');
  } else {
    for (const d of l.sane.devices) lines.push(`ok   ${d.id}   ${d.vendor} ${d.model} (${d.type})`);
  }
  for (const e of l.escl) {
    lines.push(
      e.reachable
        ? `ok   ${e.id}   ${e.makeAndModel ?? 'eSCL scanner'} (${e.sources.join(', ')}; ${e.formats.join(', ')})`
        : `FAIL ${e.id}   ${e.code}: ${e.reason}`,
    );
  }
  return lines.join('\n');
}

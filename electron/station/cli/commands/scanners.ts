import { isIPv4 } from 'node:net';
import { type Command, InvalidArgumentError } from 'commander';
import type { EsclDiscoveryOptions } from '../../devices/scanner/escl/discovery.js';
import {
  type EsclListingEntry,
  listScanners,
  type ScannerListing,
} from '../../devices/scanner/list-scanners.js';
import { scannerSentence } from '../../devices/scanner/scanner-error.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';

interface ListOptions {
  json?: boolean;
  escl: string[];
  discover?: boolean;
  discoverTimeout?: number;
  discoverOn: string[];
}

export function registerScanners(program: Command, io: CliIo): void {
  const scanners = program.command('scanners').description('document scanners this station can use');
  scanners
    .command('list')
    .description(
      'list SANE scanners, check configured eSCL (AirScan) addresses and find eSCL scanners over mDNS',
    )
    .option('--json', 'print JSON')
    .option(
      '--escl <url>',
      'an eSCL scanner address, e.g. http://192.168.1.20/eSCL/ (repeatable)',
      collect,
      [],
    )
    .option('--discover', 'browse mDNS for eSCL scanners even where BITIG_ESCL_DISCOVERY=off')
    .option('--no-discover', 'do not browse mDNS for eSCL scanners (sites that forbid multicast)')
    .option('--discover-timeout <ms>', 'how long to browse mDNS (default 1500)', milliseconds)
    .option(
      '--discover-on <address>',
      'browse only on the interface with this IPv4 address (repeatable; default: every interface)',
      ipv4,
      [],
    )
    .action(async (opts: ListOptions) => {
      const sane = io.env.SANE_CONFIG_DIR ? { configDir: io.env.SANE_CONFIG_DIR } : {};
      const discovery = discoveryOption(opts);
      const listing = await listScanners({
        escl: opts.escl,
        sane,
        endSane: true,
        ...(discovery === undefined ? {} : { discovery }),
      });
      io.out(opts.json ? JSON.stringify(listing, null, 2) : formatListing(listing));
      // SANE missing is normal on a kiosk, and so is a scanner someone else's network announces;
      // an eSCL address that was asked for and does not answer is not.
      if (listing.escl.some((e) => !e.reachable && (!e.mdns || e.mdns.configured)))
        throw new CliExit(EXIT.UNAVAILABLE, '');
    });
}

/**
 * Flags decide when given; otherwise the environment does (`BITIG_ESCL_DISCOVERY`, read by
 * listScanners).
 */
function discoveryOption(opts: ListOptions): EsclDiscoveryOptions | false | undefined {
  if (opts.discover === false) return false;
  const explicit = opts.discover === true || opts.discoverTimeout !== undefined || opts.discoverOn.length > 0;
  if (!explicit) return undefined;
  return {
    ...(opts.discoverTimeout !== undefined ? { timeoutMs: opts.discoverTimeout } : {}),
    ...(opts.discoverOn.length > 0 ? { interfaces: opts.discoverOn } : {}),
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function milliseconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 60_000) throw new InvalidArgumentError('expected 1..60000');
  return n;
}

function ipv4(value: string, previous: string[]): string[] {
  if (!isIPv4(value)) throw new InvalidArgumentError('expected an IPv4 address, e.g. 192.168.1.10');
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
  for (const e of l.escl) lines.push(esclLine(e));
  const d = l.discovery;
  if (!d.enabled) lines.push(`--   mdns   eSCL discovery ${d.reason}`);
  else if (d.unavailable) lines.push(`--   mdns   ${d.unavailable}`);
  else if (d.found === 0) lines.push(`--   mdns   no eSCL scanner announced itself in ${d.timeoutMs} ms`);
  if (d.enabled) {
    for (const s of d.skipped) lines.push(`--   mdns   skipped "${s.name}" (${s.service}): ${s.reason}`);
  }
  return lines.join('\n');
}

function esclLine(e: EsclListingEntry): string {
  // A scanner found on the network can also be named by its UUID (`--device escl-uuid:…`), which
  // keeps working when it gets another address.
  const byUuid = e.mdns?.uuid ? `; also --device escl-uuid:${e.mdns.uuid}` : '';
  const found = e.mdns ? `   [mDNS: ${e.mdns.name}${e.mdns.note ? `, ${e.mdns.note}` : ''}${byUuid}]` : '';
  if (e.reachable) {
    return `ok   ${e.id}   ${e.makeAndModel ?? 'eSCL scanner'} (${e.sources.join(', ')}; ${e.formats.join(', ')})${found}`;
  }
  // A scanner only announced, not asked for, that does not answer is worth a line, not a failure.
  const status = e.mdns && !e.mdns.configured ? '--  ' : 'FAIL';
  // The operator's sentence first (what to do), then the scanner's own words.
  return `${status} ${e.id}   ${scannerSentence(e.code)} (${e.code}: ${e.reason})${found}`;
}

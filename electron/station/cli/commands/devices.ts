import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SerialPort } from 'serialport';
import { configuredDeviceId, DevicesConfig } from '../../devices/manager/config.js';
import {
  DeviceManager,
  type DeviceManagerOptions,
  type SerialPortListing,
} from '../../devices/manager/device-manager.js';
import type { DeviceEvents, DeviceInfo } from '../../devices/manager/events.js';
import { DEVICES_KEY } from '../../station-devices.js';
import { DATABASE_FILE, defaultDataDir } from '../../store/data-dir.js';
import { openStore } from '../../store/db.js';
import { SettingsRepo } from '../../store/settings.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';

interface DevicesOptions {
  json?: boolean;
  config?: string;
  dataDir?: string;
}

const HELP = `
Devices come from the USB bus (known barcode readers and printers), the serial ports (barcode
readers in virtual COM mode), and a configuration file given with --config: a JSON list such as
  [{"kind": "barcode", "transport": "serial", "path": "/dev/ttyACM0", "baud": 9600, "suffix": "cr"},
   {"kind": "printer", "transport": "tcp", "host": "10.0.0.20", "port": 9100, "model": "epson-80"}]
"list" opens each device briefly to see whether it answers; do not run it while the station uses
them. "watch" prints every event until Ctrl-C. "config --set devices.json" saves such a list as the
devices this station starts with (the same checks; the station reads it when it starts).`;

/**
 * `bitig devices list|watch`: what the device manager finds, and what the devices do. Test seams:
 * `overrides` replaces the USB bus and the serial port list.
 */
export function registerDevices(
  program: Command,
  io: CliIo,
  overrides: Pick<DeviceManagerOptions, 'usb' | 'listSerialPorts'> = {},
): void {
  const devices = program
    .command('devices')
    .description('list the barcode readers, RFID readers and receipt printers, or watch their events')
    .addHelpText('after', HELP);

  devices
    .command('list')
    .description('find the devices and show their state')
    .option('--json', 'print JSON')
    .option('--config <file>', "the site's devices (JSON list); default: the station's (devices config)")
    .option('--data-dir <dir>', 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)')
    .option('--wait <ms>', 'how long to give devices to answer', parseMs, 2000)
    .action(async (opts: DevicesOptions & { wait: number }) => {
      const manager = new DeviceManager(managerOptions(opts, overrides, io.env));
      const answered = new Set<string>();
      manager.on('device.status', (s) => answered.add(s.id));
      await manager.start();
      try {
        const until = Date.now() + opts.wait;
        while (Date.now() < until && manager.list().some((d) => !answered.has(d.id))) await sleep(25);
        const list = manager.list();
        const ports = await listPorts(overrides.listSerialPorts);
        const unbound = ports.filter((p) => !list.some((d) => d.address === p.path));
        io.out(
          opts.json
            ? JSON.stringify({ devices: list, otherSerialPorts: unbound }, null, 2)
            : format(list, unbound),
        );
      } finally {
        await manager.stop();
      }
    });

  devices
    .command('config')
    .description('the devices this station starts with: show them, or set them from a JSON file')
    .option('--set <file>', 'replace them with the JSON list in this file (checked first; see --help)')
    .option('--clear', 'set up none (known USB readers and printers are still found by themselves)')
    .option('--data-dir <dir>', 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)')
    .option('--json', 'print JSON')
    .action((opts: { set?: string; clear?: boolean; dataDir?: string; json?: boolean }) => {
      if (opts.set && opts.clear) throw new CliExit(EXIT.USAGE, 'give --set or --clear, not both');
      const next = opts.set ? readConfig(opts.set) : opts.clear ? [] : undefined;
      const store = openStore({ dataDir: opts.dataDir ?? defaultDataDir(io.env) });
      try {
        const settings = new SettingsRepo(store.db);
        if (next) settings.setValue(DEVICES_KEY, next);
        const saved = savedDevices(settings);
        if (opts.json) {
          io.out(
            JSON.stringify(
              saved.map((d) => ({ id: configuredDeviceId(d), ...d })),
              null,
              2,
            ),
          );
          return;
        }
        io.out(formatConfig(saved));
        if (next) io.out('The station uses them from its next start.');
      } finally {
        store.close();
      }
    });

  devices
    .command('watch')
    .description('print device events (scans, RFID tags, status changes) as they happen')
    .option('--json', 'print one JSON object per line')
    .option('--config <file>', "the site's devices (JSON list); default: the station's (devices config)")
    .option('--data-dir <dir>', 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)')
    .option('--duration <seconds>', 'stop after this long (default: until Ctrl-C)', parseSeconds)
    .action(async (opts: DevicesOptions & { duration?: number }) => {
      const manager = new DeviceManager(managerOptions(opts, overrides, io.env));
      const print =
        <T extends keyof DeviceEvents>(topic: T) =>
        (payload: DeviceEvents[T]) =>
          io.out(
            opts.json
              ? JSON.stringify({ topic, ...payload })
              : `${time()} ${topic} ${describe(topic, payload)}`,
          );
      manager.on('device.status', print('device.status'));
      manager.on('barcode.scanned', print('barcode.scanned'));
      manager.on('rfid.present', print('rfid.present'));
      await manager.start();
      try {
        await stopSignal(opts.duration);
      } finally {
        await manager.stop();
      }
    });
}

function managerOptions(
  opts: DevicesOptions,
  overrides: Pick<DeviceManagerOptions, 'usb' | 'listSerialPorts'>,
  env: CliIo['env'],
): DeviceManagerOptions {
  const config = opts.config ? readConfig(opts.config) : savedConfig(opts.dataDir ?? defaultDataDir(env));
  return { config, printerPollMs: 5000, ...overrides };
}

/** The devices saved in the station's settings; a value that is not a valid list stops the command. */
function savedDevices(settings: SettingsRepo): DevicesConfig {
  const parsed = DevicesConfig.safeParse(settings.getValue(DEVICES_KEY) ?? []);
  if (parsed.success) return parsed.data;
  throw new CliExit(
    EXIT.FAILURE,
    `The station's devices setting is not valid (the station starts with none): ${parsed.error.issues[0]?.message ?? ''}. Replace it with devices config --set.`,
  );
}

/** The station's saved devices (`devices config`), if it has a database; never creates one. */
function savedConfig(dataDir: string): DevicesConfig {
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) return [];
  const store = openStore({ dataDir });
  try {
    return savedDevices(new SettingsRepo(store.db));
  } finally {
    store.close();
  }
}

export function readConfig(file: string | undefined): DevicesConfig {
  if (!file) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliExit(EXIT.USAGE, `cannot read ${file}: ${(err as Error).message}`);
  }
  // Accept the list itself or an object holding it, as a settings export would.
  const list = Array.isArray(raw) ? raw : (raw as { devices?: unknown })?.devices;
  const parsed = DevicesConfig.safeParse(list);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  [${i.path.join('.')}] ${i.message}`).join('\n');
    throw new CliExit(EXIT.USAGE, `${file} is not a valid device list:\n${issues}`);
  }
  return parsed.data;
}

async function listPorts(list: DeviceManagerOptions['listSerialPorts']): Promise<SerialPortListing[]> {
  if (list === null) return [];
  try {
    return await (list ?? (() => SerialPort.list()))();
  } catch {
    return [];
  }
}

function formatConfig(list: DevicesConfig): string {
  if (list.length === 0) {
    return 'No devices are set up for this station; known USB readers and printers are found by themselves.';
  }
  return list
    .map((d) => {
      const where =
        d.transport === 'serial'
          ? `${d.path}${d.baud ? ` at ${d.baud} baud` : ''}`
          : d.transport === 'tcp'
            ? `${d.host}:${d.port ?? 9100}`
            : 'USB';
      return `${d.kind.padEnd(8)} ${configuredDeviceId(d)}  ${d.name ?? ''}${d.model ? ` [${d.model}]` : ''} — ${where}`;
    })
    .join('\n');
}

function format(list: DeviceInfo[], ports: SerialPortListing[]): string {
  const lines = list.length
    ? list.map(
        (d) =>
          `${d.state.padEnd(12)} ${d.kind.padEnd(8)} ${d.id}  ${d.name}${d.model ? ` [${d.model}]` : ''}${d.detail ? ` — ${d.detail}` : ''}`,
      )
    : ['no devices found (set them up with devices config --set, or give --config)'];
  if (ports.length) {
    lines.push('', 'other serial ports:');
    for (const p of ports) {
      const id = p.vendorId ? ` ${p.vendorId}:${p.productId ?? '????'}` : '';
      lines.push(`  ${p.path}${id}${p.manufacturer ? ` ${p.manufacturer}` : ''}`);
    }
  }
  return lines.join('\n');
}

function describe<T extends keyof DeviceEvents>(topic: T, payload: DeviceEvents[T]): string {
  if (topic === 'barcode.scanned') {
    const p = payload as DeviceEvents['barcode.scanned'];
    return `${p.deviceId} ${JSON.stringify(p.text)} (${p.symbology})`;
  }
  if (topic === 'device.status') {
    const p = payload as DeviceEvents['device.status'];
    return `${p.id} ${p.state}${p.detail ? ` (${p.detail})` : ''}`;
  }
  return JSON.stringify(payload);
}

/** Resolves on Ctrl-C / SIGTERM, or after `seconds`. */
export function stopSignal(seconds?: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    const timer = seconds === undefined ? undefined : setTimeout(done, seconds * 1000);
  });
}

function parseMs(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new CliExit(EXIT.USAGE, `not a number of milliseconds: ${value}`);
  return n;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliExit(EXIT.USAGE, `not a number of seconds: ${value}`);
  return n;
}

const time = () => new Date().toTimeString().slice(0, 8);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

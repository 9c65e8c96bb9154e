import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDevices } from '../../../electron/station/cli/commands/devices.js';
import { registerSim } from '../../../electron/station/cli/commands/sim.js';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import { CliExit, type CliIo } from '../../../electron/station/cli/io.js';
import type { DevicesOverview } from '../../../electron/station/contract/index.js';
import { BarcodeReaderSim } from '../../../electron/station/devices/sim/barcode/barcode-sim.js';
import { PrinterSim } from '../../../electron/station/devices/sim/printer/printer-sim.js';
import { Station } from '../../../electron/station/station.js';

let dir: string;
let reader: BarcodeReaderSim;
let printer: PrinterSim;
let configFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-devices-cli-'));
  reader = await BarcodeReaderSim.start({ dir, baudRate: 9600 });
  printer = await PrinterSim.start({ outDir: path.join(dir, 'printer') });
  configFile = path.join(dir, 'devices.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      devices: [
        { kind: 'barcode', transport: 'serial', path: reader.path, baud: 9600, name: 'Desk reader' },
        { kind: 'printer', transport: 'tcp', host: '127.0.0.1', port: printer.port },
      ],
    }),
  );
});
afterAll(async () => {
  await reader?.close();
  await printer?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `bitig <args>` with only these commands registered, as program.ts will run them. */
async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
  const program = new Command('bitig')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerDevices(program, io, { usb: null, listSerialPorts: null });
  registerSim(program, io);
  let code: number = EXIT.OK;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    if (e instanceof CliExit) {
      code = e.exitCode;
      err.push(e.message);
    } else throw e;
  }
  return { code, out, err };
}

describe('bitig devices', () => {
  it('list --json shows the configured devices with their state', async () => {
    const { code, out } = await run(['devices', 'list', '--json', '--config', configFile]);
    expect(code).toBe(EXIT.OK);
    const { devices } = JSON.parse(out.join('\n'));
    expect(devices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'barcode', name: 'Desk reader', state: 'connected' }),
        expect.objectContaining({ kind: 'printer', state: 'connected', model: 'epson-80' }),
      ]),
    );
  });

  it('list prints a table', async () => {
    const { out } = await run(['devices', 'list', '--config', configFile]);
    expect(out.join('\n')).toMatch(/connected\s+barcode\s+barcode:.*Desk reader/);
  });

  it('watch --json prints scans as they come', async () => {
    const running = run(['devices', 'watch', '--json', '--duration', '1', '--config', configFile]);
    await new Promise((r) => setTimeout(r, 300));
    await reader.scan('21234000123455');
    const { code, out } = await running;
    expect(code).toBe(EXIT.OK);
    const events = out.map((l) => JSON.parse(l));
    expect(events).toContainEqual(
      expect.objectContaining({
        topic: 'barcode.scanned',
        text: '21234000123455',
        deviceId: `barcode:${reader.path}`,
      }),
    );
    expect(events).toContainEqual(expect.objectContaining({ topic: 'device.status', state: 'connected' }));
  });

  it('refuses a bad configuration with a usage error', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify([{ kind: 'printer', transport: 'tcp' }]));
    const { code, err } = await run(['devices', 'list', '--config', bad]);
    expect(code).toBe(EXIT.USAGE);
    expect(err.join('\n')).toContain('[0.host]');
  });
});

describe('bitig devices config', () => {
  it('saves the devices the station starts with, shows them, and the station uses them', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-devices-config-'));
    try {
      // No database yet: nothing is saved, and listing does not create one.
      expect((await run(['devices', 'list', '--json', '--data-dir', dataDir])).code).toBe(EXIT.OK);
      expect(fs.existsSync(path.join(dataDir, 'bitig.sqlite'))).toBe(false);
      const empty = await run(['devices', 'config', '--data-dir', dataDir]);
      expect(empty.out.join('\n')).toMatch(/No devices are set up for this station/);

      const saved = await run(['devices', 'config', '--set', configFile, '--data-dir', dataDir]);
      expect(saved.code).toBe(EXIT.OK);
      expect(saved.out.join('\n')).toMatch(
        new RegExp(`barcode\\s+barcode:${reader.path}\\s+Desk reader — ${reader.path} at 9600 baud`),
      );
      expect(saved.out.join('\n')).toMatch(/from its next start/);

      const shown = await run(['devices', 'config', '--json', '--data-dir', dataDir]);
      expect(JSON.parse(shown.out.join('\n')).map((d: { id: string }) => d.id)).toEqual([
        `barcode:${reader.path}`,
        `printer:127.0.0.1:${printer.port}`,
      ]);

      // `devices list` checks the saved devices when no --config is given.
      const listed = await run(['devices', 'list', '--json', '--data-dir', dataDir]);
      expect(JSON.parse(listed.out.join('\n')).devices).toContainEqual(
        expect.objectContaining({ id: `barcode:${reader.path}`, name: 'Desk reader', state: 'connected' }),
      );

      const station = Station.open({ dataDir, host: 'web' });
      try {
        const setup = await station.dispatch('setup.complete', {
          role: 'station',
          language: 'en',
          mode: 'connected',
        });
        expect(setup.ok).toBe(true);
        const started = Date.now();
        let desk: { state: string } | undefined;
        while (Date.now() - started < 5_000) {
          const listed = await station.dispatch('devices.list', {});
          if (!listed.ok) throw new Error(JSON.stringify(listed.error));
          desk = (listed.value as DevicesOverview).devices.find((d) => d.id === `barcode:${reader.path}`);
          if (desk?.state === 'connected') break;
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(desk?.state).toBe('connected');
      } finally {
        await station.close();
      }

      const cleared = await run(['devices', 'config', '--clear', '--data-dir', dataDir]);
      expect(cleared.out.join('\n')).toMatch(/No devices are set up/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad list with the fields at fault and keeps the devices already saved', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-devices-config-'));
    try {
      expect((await run(['devices', 'config', '--set', configFile, '--data-dir', dataDir])).code).toBe(
        EXIT.OK,
      );
      const bad = path.join(dir, 'bad-rfid.json');
      fs.writeFileSync(bad, JSON.stringify([{ kind: 'rfid', transport: 'serial', path: '/dev/ttyUSB0' }]));
      const refused = await run(['devices', 'config', '--set', bad, '--data-dir', dataDir]);
      expect(refused.code).toBe(EXIT.USAGE);
      expect(refused.err.join('\n')).toContain('[0.model] an RFID reader is model "feig" or "3m"');
      const shown = await run(['devices', 'config', '--json', '--data-dir', dataDir]);
      expect(JSON.parse(shown.out.join('\n'))).toHaveLength(2);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('bitig sim', () => {
  it('runs the printer simulator and reports where it listens', async () => {
    const out = path.join(dir, 'sim-out');
    const result = await run(['sim', 'printer', '--port', '0', '--out', out, '--for', '0.2']);
    expect(result.code).toBe(EXIT.OK);
    expect(result.out[0]).toMatch(/^receipt printer on tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(result.out[1]).toBe(`receipts are saved in ${out}`);
  });

  it('runs the barcode simulator and scans what it is given', async () => {
    const result = await run(['sim', 'barcode', '--no-stdin', '--scan', '978-0-306-40615-7', '--for', '0.2']);
    expect(result.code).toBe(EXIT.OK);
    expect(result.out[0]).toMatch(/^barcode reader on \S+ \(9600 baud, suffix cr\)$/);
    expect(result.out).toContain('scanned 978-0-306-40615-7');
  });

  for (const [family, baud] of [
    ['feig', 38400],
    ['3m', 19200],
  ] as const) {
    it(`runs the ${family} RFID reader simulator with the tags it is given`, async () => {
      const result = await run([
        'sim',
        family,
        '--no-stdin',
        '--item',
        '3100001',
        '--card',
        '2100001',
        '--parts',
        '2',
        '--for',
        '0.2',
      ]);
      expect(result.code).toBe(EXIT.OK);
      expect(result.out.filter((l) => l.startsWith('placed'))).toEqual([
        expect.stringMatching(/^placed item 3100001: E004\w{12} E004\w{12}$/),
        expect.stringMatching(/^placed card 2100001: E004\w{12}$/),
      ]);
      expect(result.out).toContainEqual(
        expect.stringMatching(new RegExp(`reader on \\S+ \\(${baud} baud\\), 3 tag\\(s\\) on the pad$`)),
      );
    });
  }
});

import type { Command } from 'commander';
import { findSaneLibrary, listSerialPorts, listUsbDevices } from '../../devices/probe.js';
import { StationError } from '../../errors.js';
import { packageRoot } from '../../package-root.js';
import { defaultDataDir } from '../../store/data-dir.js';
import { LATEST_SCHEMA_VERSION, openStore } from '../../store/db.js';
import { OutboxRepo } from '../../store/outbox.js';
import { SettingsRepo } from '../../store/settings.js';
import { APP_VERSION } from '../../version.js';
import { findElectronBinary } from '../electron-binary.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';

export interface DoctorReport {
  version: string;
  dataDir: string;
  database:
    | {
        ok: true;
        file: string;
        schemaVersion: number;
        role: string | null;
        mode: string | null;
        language: string;
        outbox: Record<string, Record<string, number>>;
      }
    | {
        ok: false;
        code: string;
        message: string /** The file or folder a disk problem is about. */;
        path?: string;
      };
  electron: { available: boolean; path?: string; reason?: string };
  sane: { available: boolean; library?: string; reason?: string };
  devices: { serial: ReturnType<typeof listSerialPorts>; usb: ReturnType<typeof listUsbDevices> };
}

export function registerDoctor(program: Command, io: CliIo): void {
  program
    .command('doctor')
    .description('check this machine: data directory, database, Electron, SANE, devices seen')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)')
    .action((opts: { json?: boolean; dataDir?: string }) => {
      const report = diagnose(opts.dataDir ?? defaultDataDir(io.env), io.env);
      io.out(opts.json ? JSON.stringify(report, null, 2) : formatReport(report));
      // The report is printed either way; the exit code tells a script whether the station can run.
      if (!report.database.ok) throw new CliExit(EXIT.STORE, '');
    });
}

export function diagnose(dataDir: string, env: NodeJS.ProcessEnv): DoctorReport {
  return {
    version: APP_VERSION,
    dataDir,
    database: checkDatabase(dataDir),
    electron: findElectronBinary(packageRoot(), env),
    sane: findSaneLibrary(),
    devices: { serial: listSerialPorts(), usb: listUsbDevices() },
  };
}

function checkDatabase(dataDir: string): DoctorReport['database'] {
  try {
    const store = openStore({ dataDir });
    try {
      const settings = new SettingsRepo(store.db).get();
      return {
        ok: true,
        file: store.file,
        schemaVersion: store.db.pragma('user_version', { simple: true }) as number,
        role: settings.role,
        mode: settings.mode,
        language: settings.language,
        outbox: new OutboxRepo(store.db, dataDir).counts(),
      };
    } finally {
      store.close();
    }
  } catch (err) {
    if (err instanceof StationError) {
      const { path } = err.toContract();
      return { ok: false, code: err.code, message: err.message, ...(path ? { path } : {}) };
    }
    throw err;
  }
}

function formatReport(r: DoctorReport): string {
  const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');
  const db = r.database;
  const lines = [
    `Bitig ${r.version}`,
    `${mark(true)} data directory   ${r.dataDir}`,
    db.ok
      ? `${mark(true)} database         ${db.file} (schema ${db.schemaVersion} of ${LATEST_SCHEMA_VERSION}; role ${db.role ?? 'not set up'}, mode ${db.mode ?? '-'}, language ${db.language})`
      : `${mark(false)} database         ${db.code}: ${db.message}`,
    r.electron.available
      ? `ok   electron         ${r.electron.path}`
      : `--   electron         not available: ${r.electron.reason} (npm start runs the web host)`,
    r.sane.available
      ? `ok   sane             ${r.sane.library}`
      : `--   sane             not available: ${r.sane.reason}`,
    `--   serial ports     ${r.devices.serial.length ? r.devices.serial.map((p) => p.byId ?? p.path).join(', ') : 'none seen'}`,
    `--   usb devices      ${r.devices.usb.length ? r.devices.usb.map((d) => `${d.vendorId}:${d.productId}${d.product ? ` ${d.product}` : ''}`).join(', ') : 'none seen'}`,
  ];
  if (db.ok) {
    const queued = Object.entries(db.outbox).map(
      ([target, counts]) => `${target}: ${counts.pending} pending, ${counts.dead} dead`,
    );
    lines.push(`--   outbox           ${queued.length ? queued.join('; ') : 'empty'}`);
  }
  return lines.join('\n');
}

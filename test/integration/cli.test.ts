import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/station/cli/exit-codes.js';
import type { CliIo } from '../../electron/station/cli/io.js';
import { runCli } from '../../electron/station/cli/program.js';
import { DATABASE_FILE } from '../../electron/station/store/data-dir.js';
import { LATEST_SCHEMA_VERSION } from '../../electron/station/store/db.js';
import { bundle, childEnv } from '../helpers/bundle.js';

let dir: string;
let out: string[];
let err: string[];
let io: CliIo;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-cli-'));
  out = [];
  err = [];
  io = { out: (t) => out.push(t), err: (t) => err.push(t), env: { BITIG_DATA_DIR: dir } };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bitig command', () => {
  it('version --json reports the app and schema versions', async () => {
    expect(await runCli(['version', '--json'], io)).toBe(EXIT.OK);
    const info = JSON.parse(out.join(''));
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('doctor --json creates and reports the database in BITIG_DATA_DIR, and says Electron is unavailable here', async () => {
    expect(await runCli(['doctor', '--json'], io)).toBe(EXIT.OK);
    const report = JSON.parse(out.join('\n'));
    expect(report.dataDir).toBe(dir);
    expect(report.database).toMatchObject({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION, role: null });
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
    expect(typeof report.electron.available).toBe('boolean');
    expect(typeof report.sane.available).toBe('boolean');
    expect(Array.isArray(report.devices.serial)).toBe(true);
  });

  it('doctor exits with the database code and a readable reason when the database is damaged', async () => {
    fs.writeFileSync(path.join(dir, DATABASE_FILE), 'garbage garbage garbage garbage');
    expect(await runCli(['doctor'], io)).toBe(EXIT.STORE);
    const text = out.join('\n');
    expect(text).toMatch(/FAIL database\s+STORE_CORRUPT: .*damaged/);
    expect(fs.readFileSync(path.join(dir, DATABASE_FILE), 'utf8')).toBe('garbage garbage garbage garbage');
  });

  it('usage errors exit 2 with a hint', async () => {
    expect(await runCli(['frobnicate'], io)).toBe(EXIT.USAGE);
    expect(err.join('\n')).toContain("unknown command 'frobnicate'");
    expect(await runCli(['serve', '--port', '99999'], io)).toBe(EXIT.USAGE);
    expect(await runCli(['serve', '--role', 'librarian'], io)).toBe(EXIT.USAGE);
  });

  it('serve refuses a non-loopback interface without TLS and says why', async () => {
    const code = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--renderer', dir], io);
    expect(code).toBe(EXIT.USAGE);
    expect(err.join('\n')).toMatch(/allow-remote/);
  });

  it('serve checks its host names (--host-name or BITIG_HOST_NAMES) and says which one is wrong', async () => {
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const args = ['serve', '--port', '0', '--renderer', renderer];
    expect(await runCli([...args, '--host-name', 'station:7480'], io)).toBe(EXIT.USAGE);
    expect(err.join('\n')).toContain('Not a host name or address: "station:7480"');
    io.env.BITIG_HOST_NAMES = 'station.local, bad_name';
    expect(await runCli(args, io)).toBe(EXIT.USAGE);
    expect(err.join('\n')).toContain('"bad_name"');
  });

  it('serve with TLS files it cannot read or use exits with the usage code and says so in one line', async () => {
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(dir, 'cert.pem'), 'not a certificate');
    const args = ['serve', '--port', '0', '--renderer', renderer, '--host', '127.0.0.2', '--allow-remote'];
    const missing = path.join(dir, 'missing.pem');
    expect(await runCli([...args, '--tls-cert', missing, '--tls-key', missing], io)).toBe(EXIT.USAGE);
    expect(err).toEqual([
      expect.stringMatching(/^Cannot read the TLS certificate or key: ENOENT.*missing\.pem/),
    ]);
    err.length = 0;
    const bad = path.join(dir, 'cert.pem');
    expect(await runCli([...args, '--tls-cert', bad, '--tls-key', bad], io)).toBe(EXIT.USAGE);
    expect(err).toEqual([expect.stringMatching(/^The TLS certificate or key is not usable/)]);
  });

  it('serve with a damaged database exits with the database code and leaves the file alone', async () => {
    fs.writeFileSync(path.join(dir, DATABASE_FILE), 'not sqlite at all, not sqlite at all');
    expect(await runCli(['serve', '--port', '0'], io)).toBe(EXIT.STORE);
    expect(err.join('\n')).toContain('damaged');
  });
});

describe('bitig command as a process', () => {
  it('ends quietly with code 0 when the reader of its output closes early (bitig --help | head)', async () => {
    const cli = await bundle('electron/station/cli/bitig.ts', 'bitig');
    for (const args of [['--help'], ['version'], ['doctor']]) {
      const child = spawn(process.execPath, [cli, ...args], {
        env: childEnv({ BITIG_DATA_DIR: dir }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // The reader goes away before the command writes a byte, as `head` does after its lines.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (c) => (stderr += c));
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect({ args, code, stderr }).toEqual({ args, code: EXIT.OK, stderr: '' });
    }
  }, 60_000);
});

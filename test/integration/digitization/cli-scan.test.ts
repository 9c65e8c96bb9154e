import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import type { CliIo } from '../../../electron/station/cli/io.js';
import { runCli } from '../../../electron/station/cli/program.js';
import { Station } from '../../../electron/station/station.js';

// The imaging workers run from the build (npm run build, done by npm install's prepare step).
const workerBuilt = fs.existsSync(path.join('dist', 'digitization', 'pipeline-worker.cjs'));
let dir: string;
let out: string[];
let io: CliIo;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-cli-scan-'));
  out = [];
  io = { out: (t) => out.push(t), err: (t) => out.push(t), env: { BITIG_DATA_DIR: dir } };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.runIf(workerBuilt)('bitig scan', () => {
  it('captures a feeder batch into a new job for a barcode, printing pages as they land', async () => {
    const code = await runCli(
      [
        'scan',
        '--device',
        'demo:feeder',
        '--source',
        'adf',
        '--resolution',
        '150',
        '--job',
        '3100012',
        '--json',
      ],
      io,
    );
    expect(code).toBe(EXIT.OK);
    const lines = out.map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.event === 'page').map((l) => l.sequence)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(lines.at(-1)).toMatchObject({ event: 'done', pages: 10, stoppedBy: null });

    out = [];
    expect(await runCli(['jobs', 'show', String(lines.at(-1).jobId), '--json'], io)).toBe(EXIT.OK);
    const job = JSON.parse(out.join('\n'));
    expect(job).toMatchObject({ itemBarcode: '3100012', state: 'capturing' });
    expect(job.pages).toHaveLength(10);
  });

  it('scans with a saved profile, whose settings the options given override', async () => {
    const station = Station.open({ dataDir: dir, host: 'web' });
    station.settings.update({ setupComplete: true, role: 'station', mode: 'demo' });
    const saved = await station.dispatch('scanProfiles.save', {
      name: 'Books A5 colour',
      profile: { device: 'demo:feeder', source: 'adf', mode: 'color', resolution: 200, pageSize: 'a5' },
    });
    await station.close();
    expect(saved.ok).toBe(true);

    const code = await runCli(
      ['scan', '--profile', 'books a5 COLOUR', '--resolution', '150', '--job', '3100013', '--json'],
      io,
    );
    expect(code, out.join('\n')).toBe(EXIT.OK);
    const done = out.map((l) => JSON.parse(l)).at(-1);
    expect(done).toMatchObject({ event: 'done', pages: 10 });
    out = [];
    expect(await runCli(['jobs', 'show', String(done.jobId), '--json'], io)).toBe(EXIT.OK);
    expect(JSON.parse(out.join('\n')).profile).toEqual({
      device: 'demo:feeder',
      source: 'adf',
      mode: 'color',
      resolution: 150,
      pageSize: 'a5',
    });
  });

  it('names the saved profiles when asked for one that does not exist, and asks for a scanner', async () => {
    const station = Station.open({ dataDir: dir, host: 'web' });
    station.settings.update({ setupComplete: true, role: 'station', mode: 'demo' });
    const saved = await station.dispatch('scanProfiles.save', {
      name: 'Maps',
      profile: { source: 'flatbed' },
    });
    await station.close();
    expect(saved.ok).toBe(true);

    expect(await runCli(['scan', '--profile', 'Newspapers', '--job', '3100012'], io)).toBe(EXIT.USAGE);
    expect(out.join('\n')).toMatch(/No scan profile is named "Newspapers"\. Saved profiles: Maps\./);
    out = [];
    expect(await runCli(['scan', '--profile', 'maps', '--job', '3100012'], io)).toBe(EXIT.USAGE);
    expect(out.join('\n')).toMatch(/"Maps" names no scanner: add --device/);
    out = [];
    expect(await runCli(['scan', '--job', '3100012'], io)).toBe(EXIT.USAGE);
    expect(out.join('\n')).toMatch(/Name a scanner with --device/);
  });

  it('refuses an unknown scanner with a clear error', async () => {
    const code = await runCli(['scan', '--device', 'nowhere:1', '--job', '3100012'], io);
    expect(code).not.toBe(EXIT.OK);
    expect(out.join('\n')).toMatch(/unknown scanner/);
  });
});

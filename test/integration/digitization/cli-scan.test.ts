import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import type { CliIo } from '../../../electron/station/cli/io.js';
import { runCli } from '../../../electron/station/cli/program.js';

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

  it('refuses an unknown scanner with a clear error', async () => {
    const code = await runCli(['scan', '--device', 'nowhere:1', '--job', '3100012'], io);
    expect(code).not.toBe(EXIT.OK);
    expect(out.join('\n')).toMatch(/unknown scanner/);
  });
});

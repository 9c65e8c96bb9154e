import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import type { CliIo } from '../../../electron/station/cli/io.js';
import { runCli } from '../../../electron/station/cli/program.js';
import { makeTestBackendConfig, saneSkipReason } from '../scanner/sane-env.js';

/**
 * `bitig scan --page-size`: the size is recorded in the job's profile and reaches the scanner.
 * The imaging workers run from the build (npm run build).
 */
const workerBuilt = fs.existsSync(path.join('dist', 'digitization', 'pipeline-worker.cjs'));
const saneSkip = saneSkipReason();
let dir: string;
let out: string[];
let io: CliIo;

async function bitig(...args: string[]): Promise<number> {
  out = [];
  return runCli(args, io);
}

async function jobShown(jobId: number) {
  expect(await bitig('jobs', 'show', String(jobId), '--json')).toBe(EXIT.OK);
  return JSON.parse(out.join('\n'));
}

function doneLine(): { jobId: number; pages: number } {
  return out.map((l) => JSON.parse(l)).find((l) => l.event === 'done');
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-cli-page-size-'));
  io = { out: (t) => out.push(t), err: (t) => out.push(t), env: { BITIG_DATA_DIR: dir } };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bitig scan --page-size', () => {
  it('refuses a size that is not one, as a usage error that says what sizes are', async () => {
    expect(await bitig('scan', '--device', 'demo:feeder', '--page-size', 'a0', '--job', '3100012')).toBe(
      EXIT.USAGE,
    );
    expect(out.join('\n')).toMatch(
      /not a page size: use a4, a3, a5, b5, letter, legal, max or <width>x<height>mm/,
    );
    expect(await bitig('scan', '--device', 'demo:feeder', '--page-size', '3x200mm', '--job', '3100012')).toBe(
      EXIT.USAGE,
    );
    expect(out.join('\n')).toContain('widthMm must be at least 10 mm');
  });

  it.runIf(workerBuilt)(
    'records a named or custom size in the new job’s profile, max when not given',
    async () => {
      const cases: [string[], unknown][] = [
        [['--page-size', 'A4'], 'a4'],
        [['--page-size', '200x280mm'], { widthMm: 200, heightMm: 280 }],
        [[], 'max'],
      ];
      for (const [flags, pageSize] of cases) {
        const args = [
          'scan',
          '--device',
          'demo:feeder',
          '--resolution',
          '150',
          ...flags,
          '--job',
          '3100012',
          '--another',
        ];
        expect(await bitig(...args, '--json')).toBe(EXIT.OK);
        const job = await jobShown(doneLine().jobId);
        expect(job.profile).toEqual({
          device: 'demo:feeder',
          source: 'flatbed',
          mode: 'gray',
          resolution: 150,
          pageSize,
        });
      }
    },
  );
});

describe.runIf(workerBuilt && saneSkip === undefined)('bitig scan --page-size on SANE’s test backend', () => {
  let configDir: string;
  let before: string | undefined;

  // `bitig` finds SANE's configuration as SANE does, in SANE_CONFIG_DIR (the test backend only).
  beforeAll(() => {
    configDir = makeTestBackendConfig();
    before = process.env.SANE_CONFIG_DIR;
    process.env.SANE_CONFIG_DIR = configDir;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.SANE_CONFIG_DIR;
    else process.env.SANE_CONFIG_DIR = before;
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  it('scans fewer pixels for A5 than for the whole 200 × 200 mm bed at the same resolution', async () => {
    const sizes: Record<string, { width: number; height: number }> = {};
    for (const size of ['max', 'a5', '60x90mm']) {
      const args = ['scan', '--device', 'sane:test:0', '--resolution', '75', '--page-size', size];
      const code = await bitig(...args, '--job', '3100012', '--another', '--json');
      expect(code, out.join('\n')).toBe(EXIT.OK);
      const job = await jobShown(doneLine().jobId);
      expect(job.pages).toHaveLength(1);
      sizes[size] = { width: job.pages[0].master.width, height: job.pages[0].master.height };
    }
    // 75 dpi: 200 mm is 590 pixels, A5's 148 mm width 437; its 210 mm height is cut to the bed's 200.
    expect(sizes).toEqual({
      max: { width: 590, height: 590 },
      a5: { width: 437, height: 590 },
      '60x90mm': { width: 177, height: 265 },
    });
  });
});

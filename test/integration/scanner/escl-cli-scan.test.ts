import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import type { CliIo } from '../../../electron/station/cli/io.js';
import { runCli } from '../../../electron/station/cli/program.js';
import { type EsclTestServer, startEsclServer } from './escl-server.js';

/**
 * `bitig scan` against the eSCL test server: the address as scanners print it (no trailing slash)
 * reaches the scanner, and a scan that stops says why in a sentence, not a bare code.
 */
// The imaging workers run from the build (npm run build).
const workerBuilt = fs.existsSync(path.join('dist', 'digitization', 'pipeline-worker.cjs'));
let server: EsclTestServer;
let flatbedOnly: EsclTestServer;
let dir: string;
let out: string[];
let io: CliIo;

beforeAll(async () => {
  server = await startEsclServer();
  flatbedOnly = await startEsclServer({ adf: false });
});
afterAll(async () => {
  await server.close();
  await flatbedOnly.close();
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-cli-escl-'));
  out = [];
  io = { out: (t) => out.push(t), err: (t) => out.push(t), env: { BITIG_DATA_DIR: dir } };
  server.log.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `http://127.0.0.1:port/eSCL`, as a scanner's own page prints it. */
const bare = (s: EsclTestServer) => s.url.replace(/\/$/, '');

async function scan(args: string[]): Promise<{ code: number; text: string }> {
  out = [];
  const code = await runCli(['scan', '--resolution', '150', ...args], io);
  return { code, text: out.join('\n') };
}

describe.runIf(workerBuilt)('bitig scan --device escl:…', () => {
  it('takes the address without its trailing slash, reaches the scanner and records the scanner’s own name', async () => {
    expect(bare(server)).toMatch(/\/eSCL$/);
    server.loadFeeder(3);
    const { code, text } = await scan([
      '--device',
      `escl:${bare(server)}`,
      '--source',
      'adf',
      '--job',
      '3100021',
    ]);
    expect(code, text).toBe(EXIT.OK);
    expect(text).toMatch(/3 page\(s\) captured into job 1\.$/);
    expect(server.log).toContain('POST /eSCL/ScanJobs');
    out = [];
    expect(await runCli(['jobs', 'show', '1', '--json'], io)).toBe(EXIT.OK);
    const job = JSON.parse(out.join('\n'));
    expect(job.profile.device).toBe(`escl:${server.url}`);
    expect(job.pages).toHaveLength(3);
  });

  it('a feeder jam prints the operator’s sentence and the scanner’s words, keeps the pages and exits 4', async () => {
    server.loadFeeder(5);
    server.jamAfter(2);
    try {
      const { code, text } = await scan([
        '--device',
        `escl:${bare(server)}`,
        '--source',
        'adf',
        '--job',
        '3100022',
      ]);
      expect(code).toBe(EXIT.UNAVAILABLE);
      expect(text).toMatch(
        /2 page\(s\) captured into job 1\. Paper jam in the feeder: clear it, put back the pages that were not scanned and scan again\. \(jammed: .+\)$/,
      );
    } finally {
      server.clearJam();
    }
  });

  it('a feeder asked of a flatbed-only scanner says the scanner cannot scan with this profile', async () => {
    const { code, text } = await scan([
      '--device',
      `escl:${bare(flatbedOnly)}`,
      '--source',
      'adf',
      '--job',
      '3100023',
    ]);
    expect(code).toBe(EXIT.UNAVAILABLE);
    expect(text).toMatch(
      /0 page\(s\) captured into job 1\. The scanner cannot scan with this profile \(for example, it has no document feeder\)\. \(unsupported: .+\)$/,
    );
  });

  it('an address that is not one, and one where nothing answers, each get their sentence', async () => {
    const wrong = await scan(['--device', 'escl:ftp://scanner/eSCL', '--job', '3100024']);
    expect(wrong.code).toBe(EXIT.UNAVAILABLE);
    expect(wrong.text).toMatch(
      /0 page\(s\) captured into job 1\. The scanner is not available: .+ \(unavailable: not an eSCL address: escl:ftp:\/\/scanner\/eSCL\)$/,
    );
    const away = await scan(['--device', 'escl:http://127.0.0.1:1/eSCL', '--job', '3100025']);
    expect(away.code).toBe(EXIT.UNAVAILABLE);
    expect(away.text).toMatch(
      /0 page\(s\) captured into job 2\. The connection to the scanner failed: .+ \(io: .+\)$/,
    );
  });
});

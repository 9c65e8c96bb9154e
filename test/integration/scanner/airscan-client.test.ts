import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePng } from '../../unit/scanner/png-decode.js';
import { type EsclServerOptions, type EsclTestServer, startEsclServer } from './escl-server.js';

const run = promisify(execFile);

/**
 * Debian's sane-airscan is an independent eSCL client: if it scans from the test server, the
 * server speaks eSCL as real scanners do (and its PNG and JPEG pages decode elsewhere too).
 */
function airscanSkipReason(): string | undefined {
  const paths = (process.env.PATH ?? '').split(path.delimiter);
  if (!paths.some((p) => fs.existsSync(path.join(p, 'scanimage'))))
    return 'scanimage is not installed (sane-utils)';
  const backendDirs = ['/usr/lib/sane', '/usr/lib64/sane', '/usr/local/lib/sane', ...globArchDirs()];
  if (
    !backendDirs.some(
      (d) => fs.existsSync(d) && fs.readdirSync(d).some((f) => f.startsWith('libsane-airscan.so')),
    )
  ) {
    return 'the sane-airscan backend is not installed';
  }
  return undefined;
}

function globArchDirs(): string[] {
  try {
    return fs
      .readdirSync('/usr/lib')
      .filter((d) => d.endsWith('-linux-gnu'))
      .map((d) => path.join('/usr/lib', d, 'sane'));
  } catch {
    return [];
  }
}

const skip = airscanSkipReason();

let server: EsclTestServer | undefined;
let dir: string | undefined;

afterEach(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  server = undefined;
  dir = undefined;
});

async function setUp(options: EsclServerOptions = {}): Promise<{ env: NodeJS.ProcessEnv; dir: string }> {
  server = await startEsclServer(options);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-airscan-'));
  fs.writeFileSync(path.join(dir, 'dll.conf'), 'airscan\n');
  fs.writeFileSync(
    path.join(dir, 'airscan.conf'),
    `[devices]\n"Test" = ${server.url}, eSCL\n[options]\ndiscovery = disable\n`,
  );
  return { env: { ...process.env, SANE_CONFIG_DIR: dir }, dir };
}

/** scanimage, asynchronously: the test server answers on this same event loop. */
async function scanimage(env: NodeJS.ProcessEnv, args: string[]) {
  return run('scanimage', args, { env, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
}

function bars(png: ReturnType<typeof decodePng>, channels: number): number {
  const x = Math.floor(png.width / 2);
  let runs = 0;
  let inBlack = false;
  for (let y = 0; y < png.height / 2; y++) {
    const black = png.data[(y * png.width + x) * channels]! < 128;
    if (black && !inBlack) runs++;
    inBlack = black;
  }
  return runs - 1;
}

describe.skipIf(skip !== undefined)(
  `the test eSCL server through sane-airscan${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    it('is listed by scanimage -L and scans a gray PNG page from the platen', async () => {
      const { env } = await setUp({ formats: ['image/png'] });
      const list = (await scanimage(env, ['-L'])).stdout.toString();
      const name = /device `(airscan:[^']+)'/.exec(list)?.[1];
      expect(name).toBe('airscan:e0:Test');

      const { stdout } = await scanimage(env, [
        '-d',
        name!,
        '--format=png',
        '--resolution',
        '75',
        '--mode',
        'Gray',
        '-x',
        '100',
        '-y',
        '120',
      ]);
      const png = decodePng(stdout);
      // 100×120 mm at 75 dpi.
      expect(png).toMatchObject({ width: 295, height: 354, depth: 8, colorType: 0 });
      expect(bars(png, 1)).toBe(1);
      const job = [...server!.jobs.values()][0]!;
      expect(job).toMatchObject({
        source: 'Platen',
        colorMode: 'Grayscale8',
        format: 'image/png',
        resolution: 75,
      });
    });

    it('decodes the server’s JPEG pages (colour) as an independent JPEG reader', async () => {
      const { env } = await setUp({ formats: ['image/jpeg'] });
      const { stdout } = await scanimage(env, [
        '-d',
        'airscan:e0:Test',
        '--format=png',
        '--resolution',
        '100',
        '--mode',
        'Color',
        '-x',
        '80',
        '-y',
        '100',
      ]);
      const png = decodePng(stdout);
      expect(png).toMatchObject({ width: 315, height: 394, depth: 8, colorType: 2 });
      expect(bars(png, 3)).toBe(1);
      expect([...server!.jobs.values()][0]).toMatchObject({ format: 'image/jpeg', colorMode: 'RGB24' });
    });

    it('scans a feeder batch until the server’s 404', async () => {
      const { env, dir } = await setUp({ adfPages: 3, formats: ['image/png'] });
      const pattern = path.join(dir, 'page%d.png');
      const { stderr } = await scanimage(env, [
        '-d',
        'airscan:e0:Test',
        '--format=png',
        '--source',
        'ADF',
        '--resolution',
        '75',
        '--mode',
        'Gray',
        '-x',
        '80',
        '-y',
        '100',
        `--batch=${pattern}`,
      ]);
      expect(stderr.toString()).toContain('3 pages scanned');
      const pages = [1, 2, 3].map((n) => decodePng(fs.readFileSync(path.join(dir, `page${n}.png`))));
      expect(pages.map((p) => bars(p, 1))).toEqual([1, 2, 3]);
    });

    it('reports the server’s jam as a jammed feeder', async () => {
      const { env, dir } = await setUp({ adfPages: 5, formats: ['image/png'] });
      server!.jamAfter(2);
      const pattern = path.join(dir, 'page%d.png');
      const err = await scanimage(env, [
        '-d',
        'airscan:e0:Test',
        '--format=png',
        '--source',
        'ADF',
        '--resolution',
        '75',
        '-x',
        '80',
        '-y',
        '100',
        `--batch=${pattern}`,
      ]).then(
        () => undefined,
        (e: { code?: number; stderr?: Buffer }) => e,
      );
      expect(err?.stderr?.toString()).toMatch(/Document feeder jammed/);
      expect(fs.existsSync(path.join(dir, 'page2.png'))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'page3.png'))).toBe(false);
    });
  },
);

import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScanProfileInput } from '../../../electron/station/devices/scanner/profile.js';
import {
  type SaneSession,
  saneSession,
  shutdownSane,
} from '../../../electron/station/devices/scanner/sane/sane-library.js';
import { SaneScanner } from '../../../electron/station/devices/scanner/sane/sane-scanner.js';
import { scanPages } from '../../../electron/station/devices/scanner/scan-pages.js';
import type { ScannedPage, ScanProgress } from '../../../electron/station/devices/scanner/scanner.js';
import { ScannerError } from '../../../electron/station/devices/scanner/scanner-error.js';
import { decodePng } from '../../unit/scanner/png-decode.js';
import { makeTestBackendConfig, requireAddonBuilt, saneSkipReason } from './sane-env.js';

const skip = saneSkipReason();

/** Measured figures, printed at the end for the record. */
const figures: Record<string, string> = {};

async function failure(p: Promise<unknown>): Promise<ScannerError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ScannerError);
    return err as ScannerError;
  }
  throw new Error('expected the scan to fail');
}

describe.skipIf(skip !== undefined)(
  `SANE scanner on the test backend${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let configDir: string;
    let session: SaneSession;
    let scanner: SaneScanner;

    // The test area is 80×100 mm; at 75 dpi the backend makes 236×295 pixels.
    const flatbed: ScanProfileInput = {
      device: 'sane:test:0',
      source: 'flatbed',
      mode: 'gray',
      resolution: 75,
      pageSize: { widthMm: 80, heightMm: 100 },
    };
    const feeder: ScanProfileInput = { ...flatbed, source: 'adf' };

    /** Runs a feeder batch to its end: the test backend then starts its 10-sheet count afresh. */
    async function emptyFeeder(): Promise<void> {
      await scanner.scan(feeder, () => {}).catch(() => undefined);
    }

    beforeAll(() => {
      requireAddonBuilt();
      configDir = makeTestBackendConfig();
      session = saneSession({ configDir });
      scanner = new SaneScanner(session, 'test:0');
    });

    afterEach(async () => {
      for (const [name, value] of [
        ['read-return-value', 'Default'],
        ['read-delay', false],
        ['test-picture', 'Solid black'],
        ['hand-scanner', false],
      ] as const) {
        await scanner.setOption(name, value);
      }
    });

    afterAll(async () => {
      await scanner?.close();
      if (session) shutdownSane(session);
      if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
      if (Object.keys(figures).length)
        console.log(
          `SANE test backend figures:\n${Object.entries(figures)
            .map(([k, v]) => `  ${k}: ${v}`)
            .join('\n')}`,
        );
    });

    it('reports what the test device can do', async () => {
      expect(await scanner.capabilities()).toEqual({
        sources: ['flatbed', 'adf'],
        modes: ['color', 'gray', 'lineart'],
        resolutions: [75, 100, 150, 200, 240, 300, 400, 600, 1200],
        resolutionRange: { min: 1, max: 1200, step: 1 },
        maxArea: { widthMm: 200, heightMm: 200 },
        formats: ['image/png'],
      });
    });

    it('scans a flatbed page in 8-bit gray at 75 dpi to a PNG of the expected size', async () => {
      await scanner.setOption('test-picture', 'Grid');
      const pages: ScannedPage[] = [];
      const started = performance.now();
      expect(await scanner.scan(flatbed, (p) => void pages.push(p))).toEqual({ pages: 1 });
      figures['flatbed gray 75 dpi, 80×100 mm'] = `${(performance.now() - started).toFixed(0)} ms`;
      expect(pages).toHaveLength(1);
      const page = pages[0]!;
      expect(page).toMatchObject({
        sequence: 1,
        mimeType: 'image/png',
        width: 236,
        height: 295,
        resolution: 75,
        mode: 'gray',
        source: 'flatbed',
      });
      const png = decodePng(page.data);
      expect(png).toMatchObject({ width: 236, height: 295, depth: 8, colorType: 0, pixelsPerMetre: 2953 });
      // The Grid picture has black and white squares: both values occur, nothing else.
      expect(new Set(png.data)).toEqual(new Set([0, 255]));
    });

    it('scans line-art (gray at one bit) and colour', async () => {
      const [lineart] = await collect({ ...flatbed, mode: 'lineart' });
      expect(decodePng(lineart!.data)).toMatchObject({ width: 236, height: 295, depth: 1, colorType: 0 });
      // Solid black: SANE sends set bits, PNG stores clear ones.
      expect(decodePng(lineart!.data).data.every((b) => b === 0)).toBe(true);

      await scanner.setOption('test-picture', 'Color pattern');
      const [color] = await collect({ ...flatbed, mode: 'color', resolution: 100 });
      expect(color).toMatchObject({ width: 314, height: 393, mode: 'color' });
      expect(decodePng(color!.data)).toMatchObject({ depth: 8, colorType: 2 });
    });

    it('merges a three-pass scanner’s frames and sizes a hand scanner’s page from its data', async () => {
      await scanner.setOption('mode', 'Color');
      await scanner.setOption('three-pass', true);
      const [three] = await collect({ ...flatbed, mode: 'color' });
      expect(decodePng(three!.data)).toMatchObject({ width: 236, height: 295, colorType: 2 });
      await scanner.setOption('three-pass', false);

      await scanner.setOption('hand-scanner', true);
      const [hand] = await collect(flatbed);
      // Hand-scanner mode has a fixed 11 cm width and announces no height (lines = -1).
      expect(hand!.width).toBe(Math.floor((110 / 25.4) * 75));
      expect(hand!.height).toBeGreaterThan(0);
      expect(decodePng(hand!.data).height).toBe(hand!.height);
    });

    it('scans a feeder batch of 10 pages and ends cleanly when the feeder is empty', async () => {
      // test:1 has not been used in this process, so its feeder holds all 10 sheets.
      const fresh = new SaneScanner(session, 'test:1');
      try {
        const pages: ScannedPage[] = [];
        const started = performance.now();
        const result = await fresh.scan({ ...feeder, device: 'sane:test:1' }, (p) => void pages.push(p));
        const ms = performance.now() - started;
        figures['ADF batch, 10 pages gray 75 dpi'] =
          `${ms.toFixed(0)} ms (${(ms / 10).toFixed(1)} ms a page, PNG encoding included)`;
        expect(result).toEqual({ pages: 10 });
        expect(pages.map((p) => p.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        for (const p of pages) expect(decodePng(p.data)).toMatchObject({ width: 236, height: 295 });

        // The same at a working resolution and the backend's full 200×200 mm area.
        await fresh.setOption('test-picture', 'Grid');
        const big: ScannedPage[] = [];
        const bigStart = performance.now();
        await fresh.scan(
          { ...feeder, device: 'sane:test:1', resolution: 300, pageSize: 'max' },
          (p) => void big.push(p),
        );
        const bigMs = performance.now() - bigStart;
        const raw = big[0]!.width * big[0]!.height;
        figures['ADF batch, 10 pages gray 300 dpi 200×200 mm'] =
          `${bigMs.toFixed(0)} ms (${big[0]!.width}×${big[0]!.height}, ${(raw / 1e6).toFixed(1)} MB raw → ${(big[0]!.data.length / 1e3).toFixed(0)} kB PNG a page)`;
        expect(big).toHaveLength(10);
        expect(big[9]).toMatchObject({ width: 2362, height: 2362, resolution: 300 });
      } finally {
        await fresh.close();
      }
    });

    it('a jam mid-batch fails with `jammed` after the pages before it, which are intact', async () => {
      await emptyFeeder();
      const pages: ScannedPage[] = [];
      const err = await failure(
        scanner.scan(feeder, async (page) => {
          pages.push(page);
          // The test backend applies read-return-value to every sane_read from then on: the next
          // sheet starts (sane_start succeeds) and its first read returns SANE_STATUS_JAMMED.
          if (page.sequence === 3) await scanner.setOption('read-return-value', 'SANE_STATUS_JAMMED');
        }),
      );
      expect(err).toMatchObject({ code: 'jammed', pagesDelivered: 3, detail: 'SANE_STATUS_JAMMED' });
      expect(pages.map((p) => p.sequence)).toEqual([1, 2, 3]);
      for (const p of pages) expect(decodePng(p.data)).toMatchObject({ width: 236, height: 295, depth: 8 });

      // The jammed sheet counts as fed: the next batch gets the remaining 6 of the backend's 10.
      await scanner.setOption('read-return-value', 'Default');
      expect(await scanner.scan(feeder, () => {})).toEqual({ pages: 6 });
    });

    it('maps each status the backend can inject to the scanner error an operator sees', async () => {
      const cases: [string, string][] = [
        ['SANE_STATUS_COVER_OPEN', 'cover_open'],
        ['SANE_STATUS_JAMMED', 'jammed'],
        ['SANE_STATUS_NO_DOCS', 'no_documents'],
        ['SANE_STATUS_DEVICE_BUSY', 'busy'],
        ['SANE_STATUS_IO_ERROR', 'io'],
        ['SANE_STATUS_NO_MEM', 'io'],
        ['SANE_STATUS_ACCESS_DENIED', 'unavailable'],
        ['SANE_STATUS_UNSUPPORTED', 'unsupported'],
        ['SANE_STATUS_INVAL', 'unsupported'],
        ['SANE_STATUS_CANCELLED', 'cancelled'],
        // EOF at the first read: the backend ends the page before any data, an empty page.
        ['SANE_STATUS_EOF', 'protocol'],
      ];
      for (const [status, code] of cases) {
        await scanner.setOption('read-return-value', status);
        const err = await failure(scanner.scan(flatbed, () => {}));
        expect({ status, code: err.code, pages: err.pagesDelivered }).toEqual({ status, code, pages: 0 });
      }
    });

    it('an error thrown by onPage stops the batch and rejects unchanged; the next batch goes on', async () => {
      await emptyFeeder();
      const boom = new Error('disk full');
      await expect(
        scanner.scan(feeder, (p) => {
          if (p.sequence === 2) throw boom;
        }),
      ).rejects.toBe(boom);
      // Two sheets went through (the test backend counts sheets across batches).
      expect(await scanner.scan(feeder, () => {})).toEqual({ pages: 8 });
    });

    it('an empty feeder at the first sheet is `no_documents`', async () => {
      await scanner.setOption('read-return-value', 'SANE_STATUS_NO_DOCS');
      const err = await failure(scanner.scan(feeder, () => {}));
      expect(err).toMatchObject({ code: 'no_documents', pagesDelivered: 0 });
    });

    it('cancels mid-page, promptly, and scans again afterwards', async () => {
      await scanner.setOption('read-delay', true);
      await scanner.setOption('read-delay-duration', 50_000);
      let cancelledAt = 0;
      const progress: ScanProgress[] = [];
      const scanning = scanner.scan({ ...flatbed, resolution: 300 }, () => {}, {
        onProgress: (p) => {
          progress.push(p);
          if (!cancelledAt) {
            cancelledAt = performance.now();
            scanner.cancel();
          }
        },
      });
      const err = await failure(scanning);
      const ms = performance.now() - cancelledAt;
      figures['cancel mid-page → rejected'] = `${ms.toFixed(0)} ms`;
      expect(err).toMatchObject({ code: 'cancelled', pagesDelivered: 0 });
      expect(progress[0]!.bytes).toBeLessThan(progress[0]!.expectedBytes!);
      expect(ms).toBeLessThan(1000);

      await scanner.setOption('read-delay', false);
      expect(await scanner.scan(flatbed, () => {})).toEqual({ pages: 1 });
    });

    it('an AbortSignal cancels like cancel()', async () => {
      await scanner.setOption('read-delay', true);
      await scanner.setOption('read-delay-duration', 50_000);
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 30);
      const err = await failure(
        scanner.scan({ ...flatbed, resolution: 300 }, () => {}, { signal: abort.signal }),
      );
      expect(err.code).toBe('cancelled');
    });

    it('keeps the event loop running during a slow scan', async () => {
      await scanner.setOption('read-delay', true);
      await scanner.setOption('read-delay-duration', 20_000);
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const progress: ScanProgress[] = [];
      const started = performance.now();
      try {
        await scanner.scan({ ...flatbed, resolution: 300 }, () => {}, {
          onProgress: (p) => progress.push(p),
        });
      } finally {
        clearInterval(timer);
      }
      const ms = performance.now() - started;
      figures['slow scan (read-delay 20 ms), 300 dpi page'] =
        `${ms.toFixed(0)} ms, ${ticks} ticks of a 5 ms interval, ${progress.length} progress events`;
      expect(ms).toBeGreaterThan(200);
      // A blocked loop would give 0 or 1 tick; timers are coarse, so ask for a third of the ideal.
      expect(ticks).toBeGreaterThan(ms / 5 / 3);
      expect(progress.length).toBeGreaterThan(2);
      expect(progress.at(-1)).toMatchObject({ sequence: 1, bytes: progress.at(-1)!.expectedBytes });
    });

    it('gives pages to a for-await loop and refuses a second scan while one runs', async () => {
      await emptyFeeder();
      const seen: number[] = [];
      for await (const page of scanPages(scanner, feeder)) {
        if (page.sequence === 1) {
          await expect(scanner.scan(flatbed, () => {})).rejects.toMatchObject({ code: 'busy' });
        }
        seen.push(page.sequence);
      }
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('refuses a profile for another device and a source it lacks', async () => {
      await expect(scanner.scan({ ...flatbed, device: 'sane:test:1' }, () => {})).rejects.toMatchObject({
        code: 'unsupported',
      });
      const missing = new SaneScanner(session, 'test:7');
      await expect(missing.scan({ ...flatbed, device: 'sane:test:7' }, () => {})).rejects.toMatchObject({
        code: 'unavailable',
      });
    });

    async function collect(profile: ScanProfileInput): Promise<ScannedPage[]> {
      const pages: ScannedPage[] = [];
      await scanner.scan(profile, (p) => void pages.push(p));
      return pages;
    }
  },
);

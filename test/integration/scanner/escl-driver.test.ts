import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EsclScanner } from '../../../electron/station/devices/scanner/escl/escl-scanner.js';
import type { ScanProfileInput } from '../../../electron/station/devices/scanner/profile.js';
import type { ScannedPage, ScanProgress } from '../../../electron/station/devices/scanner/scanner.js';
import { ScannerError } from '../../../electron/station/devices/scanner/scanner-error.js';
import { decodePng } from '../../unit/scanner/png-decode.js';
import { type EsclTestServer, startEsclServer } from './escl-server.js';

const FAST = {
  pageRetry: { attempts: 5, initialDelayMs: 5, maxDelayMs: 20 },
  retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
};

let server: EsclTestServer;
let scanner: EsclScanner;

function profile(p: Partial<ScanProfileInput> = {}): ScanProfileInput {
  return { device: scanner.id, source: 'flatbed', mode: 'gray', resolution: 75, pageSize: 'a5', ...p };
}

async function scanAll(p: ScanProfileInput, onProgress?: (p: ScanProgress) => void) {
  const pages: ScannedPage[] = [];
  const result = await scanner.scan(p, (page) => void pages.push(page), onProgress ? { onProgress } : {});
  return { pages, result };
}

async function failure(p: Promise<unknown>): Promise<ScannerError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ScannerError);
    return err as ScannerError;
  }
  throw new Error('expected the scan to fail');
}

/** Black bars across the top of a test page: its page number (see test-images.ts). */
function bars(png: Buffer): number {
  const { width, height, data } = decodePng(png);
  const x = Math.floor(width / 2);
  let runs = 0;
  let inBlack = false;
  for (let y = 0; y < height / 2; y++) {
    const black = data[y * width + x]! < 128;
    if (black && !inBlack) runs++;
    inBlack = black;
  }
  return runs - 1; // the first black run is the page's frame
}

beforeEach(async () => {
  server = await startEsclServer({ adfPages: 5 });
  scanner = new EsclScanner(server.url, FAST);
});

afterEach(async () => {
  await scanner.close();
  await server.close();
});

describe('eSCL driver against the test server', () => {
  it('reads the capabilities', async () => {
    expect(scanner.id).toBe(`escl:${server.url}`);
    expect(await scanner.capabilities()).toEqual({
      sources: ['flatbed', 'adf'],
      modes: ['color', 'gray', 'lineart'],
      resolutions: [75, 100, 150, 200, 300, 600],
      maxArea: { widthMm: 215.9, heightMm: 297 },
      formats: ['image/jpeg', 'image/png'],
    });
    expect((await scanner.esclCapabilities()).makeAndModel).toBe('Bitig Test Scanner');
  });

  it('scans the platen: one PNG page of the requested size, job closed by its 404', async () => {
    const progress: ScanProgress[] = [];
    const { pages, result } = await scanAll(profile(), (p) => progress.push(p));
    expect(result).toEqual({ pages: 1 });
    // A5 at 75 dpi: 148×210 mm → 1748×2480 in 1/300 inch → 437×620 pixels.
    expect(pages[0]).toMatchObject({
      sequence: 1,
      mimeType: 'image/png',
      width: 437,
      height: 620,
      resolution: 75,
      source: 'flatbed',
    });
    expect(decodePng(pages[0]!.data)).toMatchObject({ colorType: 0, depth: 8 });
    expect(bars(pages[0]!.data)).toBe(1);
    expect(progress.at(-1)).toMatchObject({
      sequence: 1,
      bytes: pages[0]!.data.length,
      expectedBytes: pages[0]!.data.length,
    });
    const job = [...server.jobs.values()][0]!;
    expect(job).toMatchObject({
      source: 'Platen',
      colorMode: 'Grayscale8',
      format: 'image/png',
      state: 'Completed',
      deleted: false,
    });
    expect(server.log.filter((l) => l.endsWith('/NextDocument'))).toHaveLength(2);
  });

  it('delivers the device’s JPEG untouched when asked for JPEG, and colour and line-art', async () => {
    const { pages } = await scanAll(profile({ format: 'jpeg', mode: 'color' }));
    expect(pages[0]).toMatchObject({ mimeType: 'image/jpeg', width: 437, height: 620, mode: 'color' });
    expect(pages[0]!.data.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const lineart = await scanAll(profile({ mode: 'lineart' }));
    expect(decodePng(lineart.pages[0]!.data)).toMatchObject({ depth: 1, width: 437 });
    expect([...server.jobs.values()].map((j) => j.colorMode)).toEqual(['RGB24', 'BlackAndWhite1']);
  });

  it('scans the feeder: 5 pages in order, then 404 ends the batch', async () => {
    const started = performance.now();
    const { pages, result } = await scanAll(profile({ source: 'adf' }));
    console.log(
      `eSCL feeder batch, 5 gray PNG pages at 75 dpi: ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(result).toEqual({ pages: 5 });
    expect(pages.map((p) => p.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(pages.map((p) => bars(p.data))).toEqual([1, 2, 3, 4, 5]);
    expect(server.log.filter((l) => l.endsWith('/NextDocument'))).toHaveLength(6);
    expect([...server.jobs.values()][0]).toMatchObject({
      source: 'Feeder',
      pagesServed: 5,
      state: 'Completed',
    });
  });

  it('retries 503 with a growing pause and gets the page', async () => {
    server.busy(3);
    const { pages } = await scanAll(profile());
    expect(pages).toHaveLength(1);
    expect(server.log.filter((l) => l.endsWith('/NextDocument'))).toHaveLength(5); // 3 × 503, the page, 404
  });

  it('gives up with `busy` when the device stays busy', async () => {
    server.busy(100);
    const err = await failure(scanner.scan(profile(), () => {}));
    expect(err).toMatchObject({ code: 'busy', detail: 'HTTP 503' });
    expect([...server.jobs.values()][0]!.deleted).toBe(true);
  });

  it('a jam after 2 pages is `jammed`, with the 2 pages delivered', async () => {
    server.jamAfter(2);
    const pages: ScannedPage[] = [];
    const err = await failure(scanner.scan(profile({ source: 'adf' }), (p) => void pages.push(p)));
    expect(err).toMatchObject({ code: 'jammed', pagesDelivered: 2, detail: 'AdfState ScannerAdfJam' });
    expect(pages.map((p) => bars(p.data))).toEqual([1, 2]);
    expect(server.log).toContain('GET /eSCL/ScannerStatus');
  });

  it('a jam reported as a plain 404 is still `jammed`, not a short batch', async () => {
    server.jamAfter(1, 404);
    const err = await failure(scanner.scan(profile({ source: 'adf' }), () => {}));
    expect(err).toMatchObject({ code: 'jammed', pagesDelivered: 1 });
  });

  it('an empty feeder is `no_documents`, an open feeder door `cover_open`', async () => {
    server.loadFeeder(0);
    expect(await failure(scanner.scan(profile({ source: 'adf' }), () => {}))).toMatchObject({
      code: 'no_documents',
      pagesDelivered: 0,
    });
    server.loadFeeder(3);
    server.openDoor(true);
    expect(await failure(scanner.scan(profile({ source: 'adf' }), () => {}))).toMatchObject({
      code: 'cover_open',
    });
  });

  it('cancel mid-page aborts the request and deletes the job', async () => {
    server.pageDelayMs = 1000;
    const scanning = scanner.scan(profile({ source: 'adf' }), () => {});
    await new Promise((r) => setTimeout(r, 100));
    const cancelledAt = performance.now();
    scanner.cancel();
    const err = await failure(scanning);
    expect(err).toMatchObject({ code: 'cancelled', pagesDelivered: 0 });
    // Well before the page would have come: the request was aborted, not waited out.
    expect(performance.now() - cancelledAt).toBeLessThan(500);
    const job = [...server.jobs.values()][0]!;
    expect(job).toMatchObject({ deleted: true, state: 'Canceled', pagesServed: 0 });
    expect(server.log.at(-1)).toBe(`DELETE /eSCL/ScanJobs/${job.id}`);
  });

  it('cancel between pages (from onPage) stops the batch and deletes the job', async () => {
    const pages: ScannedPage[] = [];
    const err = await failure(
      scanner.scan(profile({ source: 'adf' }), (p) => {
        pages.push(p);
        if (p.sequence === 2) scanner.cancel();
      }),
    );
    expect(err).toMatchObject({ code: 'cancelled', pagesDelivered: 2 });
    expect([...server.jobs.values()][0]!.deleted).toBe(true);
  });

  it('an error thrown by onPage stops the batch, rejects unchanged and deletes the job', async () => {
    const boom = new Error('disk full');
    await expect(
      scanner.scan(profile({ source: 'adf' }), (p) => {
        if (p.sequence === 2) throw boom;
      }),
    ).rejects.toBe(boom);
    expect([...server.jobs.values()][0]).toMatchObject({ deleted: true, pagesServed: 2 });
  });

  it('an invalid profile is refused before anything is sent', async () => {
    await expect(scanner.scan({ ...profile(), resolution: -5 }, () => {})).rejects.toThrow(/resolution/);
    expect(server.log).toEqual([]);
  });

  it('follows a relative Location', async () => {
    await server.close();
    server = await startEsclServer({ absoluteLocation: false });
    scanner = new EsclScanner(server.url, FAST);
    expect((await scanAll(profile())).pages).toHaveLength(1);
  });

  it('an address that does not answer is `io`', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const gone = new EsclScanner(`http://127.0.0.1:${port}/eSCL/`, FAST);
    await expect(gone.capabilities()).rejects.toMatchObject({ code: 'io', detail: 'network' });
  });

  it('a device without a feeder refuses feeder profiles', async () => {
    await server.close();
    server = await startEsclServer({ adf: false });
    scanner = new EsclScanner(server.url, FAST);
    expect(await failure(scanner.scan(profile({ source: 'adf' }), () => {}))).toMatchObject({
      code: 'unsupported',
    });
    expect(server.log.some((l) => l.startsWith('POST'))).toBe(false);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScannerListing } from '../../../electron/station/devices/scanner/list-scanners.js';
import { CaptureService, SCANNER_LISTING_REUSE_MS } from '../../../electron/station/digitization/capture.js';

/** A listing with one eSCL scanner named `name`, as listScanners reports it. */
function listingWith(name: string): ScannerListing {
  return {
    sane: { available: false, reason: 'not installed' },
    escl: [
      {
        id: `escl:http://10.0.0.7/eSCL/`,
        url: 'http://10.0.0.7/eSCL/',
        reachable: true,
        makeAndModel: name,
        sources: ['flatbed'],
        formats: ['image/jpeg'],
      },
    ],
    discovery: { enabled: false, reason: 'test' },
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-listing-'));
  dirs.push(dataDir);
  let now = 1_000_000;
  let demo = false;
  const calls: Array<{ resolve: (l: ScannerListing) => void; reject: (e: Error) => void }> = [];
  const capture = new CaptureService({
    digitization: () => {
      throw new Error('not used by the listing');
    },
    // Demo mode writes SANE's test configuration here.
    dataDir,
    demo: () => demo,
    now: () => now,
    listScanners: () => new Promise((resolve, reject) => calls.push({ resolve, reject })),
  });
  return {
    capture,
    calls,
    advance: (ms: number) => {
      now += ms;
    },
    setDemo: (value: boolean) => {
      demo = value;
    },
  };
}

const names = (list: { name: string }[]) => list.map((s) => s.name);

describe('the scanner listing (a network browse of 1.5 s) is shared for a while', () => {
  it('screens asking at the same moment, or soon after, share one browse', async () => {
    const { capture, calls, advance } = setup();
    const first = capture.scanners();
    const second = capture.scanners();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(listingWith('Canon flatbed'));
    expect(names(await first)).toEqual(['Canon flatbed']);
    expect(names(await second)).toEqual(['Canon flatbed']);

    advance(SCANNER_LISTING_REUSE_MS - 1);
    expect(names(await capture.scanners())).toEqual(['Canon flatbed']);
    expect(calls).toHaveLength(1);
  });

  it('browses again once the listing is older than the reuse time', async () => {
    const { capture, calls, advance } = setup();
    const first = capture.scanners();
    calls[0]!.resolve(listingWith('Canon flatbed'));
    await first;
    advance(SCANNER_LISTING_REUSE_MS);
    const later = capture.scanners();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(listingWith('Epson feeder'));
    expect(names(await later)).toEqual(['Epson feeder']);
  });

  it('a listing that failed is not reused: the next call tries again', async () => {
    const { capture, calls } = setup();
    const failed = capture.scanners();
    calls[0]!.reject(new Error('SANE crashed'));
    await expect(failed).rejects.toThrow('SANE crashed');
    const retry = capture.scanners();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(listingWith('Canon flatbed'));
    expect(names(await retry)).toEqual(['Canon flatbed']);
  });

  it('switching the station to demo mode lists again (the demo feeder appears at once)', async () => {
    const { capture, calls, setDemo } = setup();
    const first = capture.scanners();
    calls[0]!.resolve(listingWith('Canon flatbed'));
    await first;
    setDemo(true);
    const demo = capture.scanners();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(listingWith('Canon flatbed'));
    expect(names(await demo)).toEqual(['Demo feeder', 'Canon flatbed']);
  });
});

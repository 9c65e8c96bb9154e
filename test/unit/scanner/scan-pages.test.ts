import { describe, expect, it } from 'vitest';
import { parseScanProfile } from '../../../electron/station/devices/scanner/profile.js';
import { ScanControl } from '../../../electron/station/devices/scanner/scan-control.js';
import { scanPages } from '../../../electron/station/devices/scanner/scan-pages.js';
import type { PageHandler, ScannedPage, Scanner } from '../../../electron/station/devices/scanner/scanner.js';
import { ScannerError } from '../../../electron/station/devices/scanner/scanner-error.js';

/** A scanner that feeds `pages` pages, then fails with `failWith` if given. */
function fakeScanner(pages: number, failWith?: ScannerError): Scanner & { fetched: number } {
  const control = new ScanControl();
  const scanner = {
    id: 'fake:1',
    driver: 'camera' as const,
    fetched: 0,
    capabilities: async () => ({
      sources: ['adf' as const],
      modes: ['gray' as const],
      resolutions: [300],
      formats: ['image/png'],
    }),
    scan: (_profile: unknown, onPage: PageHandler) =>
      control.run(
        undefined,
        () => {},
        async () => {
          for (let i = 1; i <= pages; i++) {
            control.throwIfCancelled(i - 1);
            scanner.fetched = i;
            const page: ScannedPage = {
              sequence: i,
              data: Buffer.from([i]),
              mimeType: 'image/png',
              width: 1,
              height: 1,
              resolution: 300,
              mode: 'gray',
              source: 'adf',
            };
            await onPage(page);
          }
          if (failWith) throw failWith.withPagesDelivered(pages);
          return { pages };
        },
      ),
    cancel: () => control.cancel(),
    close: async () => {},
  };
  return scanner;
}

const profile = parseScanProfile({
  device: 'fake:1',
  source: 'adf',
  mode: 'gray',
  resolution: 300,
  pageSize: 'a4',
});

describe('scanPages', () => {
  it('yields every page in order, fetching the next only when asked', async () => {
    const scanner = fakeScanner(4);
    const seen: number[] = [];
    for await (const page of scanPages(scanner, profile)) {
      expect(scanner.fetched).toBe(page.sequence);
      seen.push(page.sequence);
    }
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('throws the failure after the pages that came before it', async () => {
    const scanner = fakeScanner(2, new ScannerError('jammed', 'jam'));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of scanPages(scanner, profile)) seen.push(page.sequence);
      })(),
    ).rejects.toMatchObject({ code: 'jammed', pagesDelivered: 2 });
    expect(seen).toEqual([1, 2]);
  });

  it('cancels the scan when the loop stops early', async () => {
    const scanner = fakeScanner(10);
    for await (const page of scanPages(scanner, profile)) {
      if (page.sequence === 3) break;
    }
    expect(scanner.fetched).toBe(3);
  });
});

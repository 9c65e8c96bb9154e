import sharp from 'sharp';
import type { ScanProfile, ScanProfileInput } from '../devices/scanner/profile.js';
import type {
  PageHandler,
  ScanEvents,
  Scanner,
  ScannerCapabilities,
  ScanResult,
} from '../devices/scanner/scanner.js';
import { ScannerError } from '../devices/scanner/scanner-error.js';

/** Pages the demo feeder holds, like SANE's test backend. */
const FEEDER_PAGES = 10;

/**
 * Demo mode's scanner where SANE's test backend is not installed: a feeder of numbered A5 pages
 * with lines of "text", drawn with sharp, delivered one by one as a real feeder would.
 */
export class DemoScanner implements Scanner {
  readonly id = 'demo:feeder';
  readonly driver = 'sane' as const;
  #cancelled = false;

  async capabilities(): Promise<ScannerCapabilities> {
    return {
      sources: ['flatbed', 'adf'],
      modes: ['color', 'gray', 'lineart'],
      resolutions: [150, 200, 300],
      formats: ['image/png'],
    };
  }

  async scan(
    profile: ScanProfile | ScanProfileInput,
    onPage: PageHandler,
    events: ScanEvents = {},
  ): Promise<ScanResult> {
    this.#cancelled = false;
    const count = profile.source === 'adf' ? FEEDER_PAGES : 1;
    const dpi = Math.min(profile.resolution, 200);
    for (let sequence = 1; sequence <= count; sequence++) {
      if (this.#cancelled || events.signal?.aborted) {
        throw new ScannerError('cancelled', 'scan cancelled', { pagesDelivered: sequence - 1 });
      }
      const data = await demoPage(sequence, dpi);
      await onPage({
        sequence,
        data,
        mimeType: 'image/png',
        width: Math.round((148 / 25.4) * dpi),
        height: Math.round((210 / 25.4) * dpi),
        resolution: dpi,
        mode: profile.mode,
        source: profile.source,
      });
    }
    return { pages: count };
  }

  cancel(): void {
    this.#cancelled = true;
  }

  async close(): Promise<void> {}
}

async function demoPage(sequence: number, dpi: number): Promise<Buffer> {
  const width = Math.round((148 / 25.4) * dpi);
  const height = Math.round((210 / 25.4) * dpi);
  const margin = Math.round(width * 0.12);
  const lines = Array.from({ length: 24 }, (_, i) => {
    const y = margin * 1.6 + i * ((height - margin * 3) / 24);
    const w = (width - margin * 2) * (i % 7 === 6 ? 0.55 : 0.95);
    return `<rect x="${margin}" y="${y.toFixed(0)}" width="${w.toFixed(0)}" height="${(dpi / 30).toFixed(0)}" fill="#333"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#f4f1e8"/>${lines}
    <text x="50%" y="${height - margin / 2}" font-size="${dpi / 6}" text-anchor="middle" fill="#222">${sequence}</text></svg>`;
  return sharp(Buffer.from(svg)).greyscale().png().toBuffer();
}

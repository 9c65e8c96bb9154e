import fs from 'node:fs';
import path from 'node:path';
import type { CaptureResult, PageSize, ScannerSummary, ScanProfile } from '../contract/digitization.js';
import { ESCL_UUID_PREFIX } from '../devices/scanner/escl/escl-by-uuid.js';
import { canonicalScannerId } from '../devices/scanner/escl/escl-url.js';
import { listScanners } from '../devices/scanner/list-scanners.js';
import { openScanner } from '../devices/scanner/open-scanner.js';
import { loadSaneAddon } from '../devices/scanner/sane/addon-loader.js';
import type { Scanner } from '../devices/scanner/scanner.js';
import { isScannerError } from '../devices/scanner/scanner-error.js';
import { StationError } from '../errors.js';
import { StorageError } from '../store/storage-errors.js';
import { DemoScanner } from './demo-scanner.js';
import { pageSizeOf } from './scan-profiles.js';
import type { DigitizationService } from './service.js';

/**
 * What capture is given: the contract's profile, or a job's profile as it was recorded, which
 * may predate page sizes (read as `max`).
 */
export type CaptureProfile = Omit<ScanProfile, 'pageSize'> & { pageSize?: PageSize };

export interface CaptureServiceOptions {
  digitization: () => DigitizationService;
  dataDir: string;
  demo: () => boolean;
  log?: (message: string, err?: unknown) => void;
  /**
   * Called as a batch starts; the function it returns when the batch and its thumbnails are done.
   * The station lets OCR yield the machine meanwhile, so background work never slows a scan.
   */
  whileCapturing?: () => () => void;
  /** Tests: the listing and the clock. */
  listScanners?: typeof listScanners;
  now?: () => number;
}

/**
 * How long a scanner listing is reused. Listing browses the network for eSCL scanners (1.5 s):
 * the new-job and profile screens opened one after another, or at the same moment, share one
 * browse instead of each waiting for their own. A scanner plugged in shows within this time.
 */
export const SCANNER_LISTING_REUSE_MS = 10_000;

interface Listing {
  startedAt: number;
  demo: boolean;
  scanners: Promise<ScannerSummary[]>;
}

/**
 * Capture from the station's scanner into a job: every page the scanner delivers is written,
 * fsynced and recorded (DigitizationService) before the next one is fetched, and a scan that stops
 * early (a jam, an empty feeder) keeps the pages before it and says why.
 */
export class CaptureService {
  #active: Scanner | null = null;
  #listing: Listing | null = null;

  constructor(private readonly o: CaptureServiceOptions) {}

  /**
   * The scanners this station can use: one listing serves every call for
   * `SCANNER_LISTING_REUSE_MS` from its start (calls meanwhile wait for it); a listing that fails
   * is not reused, nor one made before the station's mode changed.
   */
  scanners(): Promise<ScannerSummary[]> {
    const now = (this.o.now ?? Date.now)();
    const demo = this.o.demo();
    const last = this.#listing;
    if (last && last.demo === demo && now - last.startedAt < SCANNER_LISTING_REUSE_MS) return last.scanners;
    const listing: Listing = { startedAt: now, demo, scanners: this.#list(demo) };
    this.#listing = listing;
    listing.scanners.catch(() => {
      if (this.#listing === listing) this.#listing = null;
    });
    return listing.scanners;
  }

  async #list(demo: boolean): Promise<ScannerSummary[]> {
    const found: ScannerSummary[] = [];
    if (demo) found.push({ id: 'demo:feeder', name: 'Demo feeder', kind: 'demo' });
    // Demo mode stays off the network: no mDNS browse for eSCL scanners there.
    const listing = await (this.o.listScanners ?? listScanners)({
      sane: this.#saneOptions(),
      endSane: false,
      ...(demo ? { discovery: false as const } : {}),
    });
    if (listing.sane.available) {
      for (const d of listing.sane.devices)
        found.push({ id: d.id, name: `${d.vendor} ${d.model}`.trim(), kind: 'sane' });
    }
    for (const e of listing.escl) {
      if (!e.reachable) continue;
      // One found on the network is offered by its UUID, so a profile saved with it outlives a new
      // address; one configured by address keeps the address the site gave.
      const id = e.mdns && !e.mdns.configured && e.mdns.uuid ? `${ESCL_UUID_PREFIX}${e.mdns.uuid}` : e.id;
      found.push({ id, name: e.mdns?.name ?? e.makeAndModel ?? e.url, kind: 'escl' });
    }
    return found;
  }

  async capture(
    jobId: number,
    profile: CaptureProfile,
    place: { replacePageId?: number; insert?: { pageId: number; where: 'before' | 'after' } },
  ): Promise<CaptureResult> {
    if (this.#active) throw new StationError('VALIDATION', 'A scan is already running.');
    const service = this.o.digitization();
    const chosen = profile.device ?? (await this.scanners())[0]?.id;
    if (!chosen) throw new StationError('DEVICE_UNAVAILABLE', 'No scanner is connected.');
    const device = canonicalScannerId(chosen);
    let scanner: Scanner;
    try {
      scanner =
        device === 'demo:feeder' ? new DemoScanner() : openScanner(device, { sane: this.#saneOptions() });
    } catch (err) {
      // An unknown scanner or a malformed address is the operator's to fix, like any scanner error.
      if (isScannerError(err)) return { jobId, pages: 0, stoppedBy: err.code, stopDetail: err.message };
      throw err;
    }
    this.#active = scanner;
    const release = this.o.whileCapturing?.() ?? (() => {});
    let pages = 0;
    let anchor = place.insert;
    try {
      // No sheet is fed when the disk has no room for it: nothing would have to be scanned twice.
      await service.checkDisk(jobId);
      await scanner.scan(
        {
          device,
          source: profile.source,
          mode: profile.mode,
          resolution: profile.resolution,
          // The scanner cuts the area to what it covers: an A3 profile on an A4 glass scans the glass.
          pageSize: pageSizeOf(profile),
        },
        async (page) => {
          if (place.replacePageId) {
            if (pages > 0) return; // a rescan replaces one page: further sheets are not taken
            await service.rescanPage(jobId, place.replacePageId, page);
          } else if (anchor) {
            const added = await service.insertCapturedPage(jobId, page, anchor.pageId, anchor.where);
            anchor = { pageId: added.id, where: 'after' }; // the next sheet follows the one just inserted
          } else {
            await service.addCapturedPage(jobId, page);
          }
          pages++;
        },
      );
      return { jobId, pages, stoppedBy: null, stopDetail: null };
    } catch (err) {
      if (isScannerError(err)) return { jobId, pages, stoppedBy: err.code, stopDetail: err.message };
      // The disk (full, failing, read-only) stopped the batch; every page before it is kept.
      if (err instanceof StorageError) return diskStop(jobId, pages, err);
      throw err;
    } finally {
      this.#active = null;
      await scanner.close().catch(() => {});
      // OCR waits for the batch's thumbnails too, without holding up the answer.
      void service.idle().finally(release);
    }
  }

  /** Cancels the scan under way; false when there is none. */
  cancel(): boolean {
    if (!this.#active) return false;
    this.#active.cancel();
    return true;
  }

  /**
   * Demo mode: SANE's test backend, from a private configuration, where SANE is installed. SANE
   * starts once per process and keeps its first configuration (the addon refuses another), so the
   * folder is given only until then: the second listing or scan uses the SANE already running.
   */
  #saneOptions() {
    if (!this.o.demo()) return {};
    const sane = loadSaneAddon();
    if (sane.available && sane.addon.isInitialized()) return {};
    const dir = path.join(this.o.dataDir, 'sane-demo');
    if (!fs.existsSync(path.join(dir, 'dll.conf'))) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'dll.conf'), 'test\n');
      if (fs.existsSync('/etc/sane.d/test.conf'))
        fs.copyFileSync('/etc/sane.d/test.conf', path.join(dir, 'test.conf'));
    }
    return { configDir: dir };
  }
}

/** A batch the disk stopped: its code (DISK_FULL…), the folder, and the English line for logs. */
function diskStop(jobId: number, pages: number, err: StorageError): CaptureResult {
  return { jobId, pages, stoppedBy: err.code, stopDetail: err.message, path: err.path };
}

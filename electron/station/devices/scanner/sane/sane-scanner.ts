import { deliverPages, type PageSource } from '../deliver-pages.js';
import { encodePng } from '../image/png-encode.js';
import { parseScanProfile, type ScanProfile, type ScanProfileInput } from '../profile.js';
import { ScanControl } from '../scan-control.js';
import type {
  PageHandler,
  ScanEvents,
  ScannedPage,
  Scanner,
  ScannerCapabilities,
  ScanProgress,
  ScanResult,
} from '../scanner.js';
import { ScannerError } from '../scanner-error.js';
import type { SaneSetResult, SaneValue } from './addon-types.js';
import { applyProfile } from './apply-profile.js';
import { framesToRaster, type RawFrame } from './frame-raster.js';
import { saneCapabilities } from './sane-capabilities.js';
import type { SaneDevice } from './sane-device.js';
import { asSaneError, saneToScannerError } from './sane-error.js';
import { openSaneDevice, type SaneSession } from './sane-library.js';

/**
 * A scanner reached through SANE (USB and network scanners on Linux and macOS). Pages arrive as
 * PNG: SANE delivers raw samples, which are encoded here without loss. The device is opened on
 * first use and stays open until close().
 */
export class SaneScanner implements Scanner {
  readonly driver = 'sane' as const;
  readonly id: string;
  private opening: Promise<SaneDevice> | undefined;
  private readonly control = new ScanControl();

  constructor(
    private readonly session: SaneSession,
    readonly deviceName: string,
  ) {
    this.id = `sane:${deviceName}`;
  }

  private device(): Promise<SaneDevice> {
    this.opening ??= openSaneDevice(this.session, this.deviceName).catch((err: unknown) => {
      this.opening = undefined;
      throw err;
    });
    return this.opening;
  }

  async capabilities(): Promise<ScannerCapabilities> {
    const device = await this.device();
    return saneCapabilities(device.options());
  }

  /**
   * Sets a backend-specific option by name (a real scanner's `page-height`, the test backend's
   * `read-return-value`). Allowed between pages of a running batch, e.g. from `onPage`.
   */
  async setOption(name: string, value: SaneValue): Promise<SaneSetResult> {
    const device = await this.device();
    try {
      return device.set(name, value);
    } catch (err) {
      throw saneToScannerError(err);
    }
  }

  async scan(
    input: ScanProfile | ScanProfileInput,
    onPage: PageHandler,
    events: ScanEvents = {},
  ): Promise<ScanResult> {
    const profile = parseScanProfile(input);
    if (profile.device !== this.id) {
      throw new ScannerError('unsupported', `the profile is for ${profile.device}, not ${this.id}`);
    }
    let device: SaneDevice | undefined;
    const open = async (): Promise<PageSource> => {
      device = await this.device();
      this.control.throwIfCancelled(0);
      return this.batch(device, profile, events);
    };
    return this.control.run(
      events.signal,
      () => device?.cancel(),
      async () => {
        try {
          return await deliverPages(this.control, onPage, open, saneToScannerError);
        } finally {
          // sane_cancel ends every batch, finished or failed, and readies the feeder for the next.
          try {
            device?.cancel();
          } catch {
            // the device is already gone; the error above says why
          }
        }
      },
    );
  }

  /** One batch's pages from an open device, with the profile applied. */
  private batch(device: SaneDevice, profile: ScanProfile, events: ScanEvents): PageSource {
    const applied = applyProfile(device, profile);
    return {
      next: async (sequence) => {
        const frames = await readPage(
          device,
          profile,
          sequence,
          events.onProgress,
          () => this.control.cancelled,
        );
        // Backends may end a cancelled read with EOF rather than CANCELLED (the test backend
        // does): a page read while cancelling is cut short and must not be delivered.
        this.control.throwIfCancelled(sequence - 1);
        return frames && toPage(frames, { ...applied, source: profile.source, sequence });
      },
      lastPage: () => profile.source === 'flatbed',
    };
  }

  cancel(): void {
    this.control.cancel();
  }

  async close(): Promise<void> {
    this.control.cancel();
    await this.control.idle();
    const opening = this.opening;
    this.opening = undefined;
    if (!opening) return;
    const device = await opening.catch(() => undefined);
    try {
      device?.close();
    } catch {
      // SANE was shut down meanwhile, which closed the device already
    }
  }
}

/**
 * One page: sane_start, then every frame to its end. Returns undefined when the feeder turns out
 * empty after at least one page, which ends a batch normally. Backends say so at sane_start (the
 * test backend does) or at the first read; both are accepted.
 */
async function readPage(
  device: SaneDevice,
  profile: ScanProfile,
  sequence: number,
  onProgress: ((p: ScanProgress) => void) | undefined,
  cancelled: () => boolean,
): Promise<RawFrame[] | undefined> {
  const frames: RawFrame[] = [];
  const feederEmpty = (err: unknown) =>
    profile.source === 'adf' &&
    sequence > 1 &&
    frames.length === 0 &&
    asSaneError(err)?.code === 'no_documents';
  let before = 0;
  for (;;) {
    try {
      await device.start();
    } catch (err) {
      if (feederEmpty(err)) return undefined;
      throw err;
    }
    const parameters = device.parameters();
    const perFrame = parameters.lines > 0 ? parameters.bytesPerLine * parameters.lines : undefined;
    const framesPerPage = parameters.format === 'gray' || parameters.format === 'rgb' ? 1 : 3;
    const expectedBytes = perFrame === undefined ? undefined : perFrame * framesPerPage;
    let data: Buffer;
    try {
      data = await device.readFrame((bytes) =>
        onProgress?.({ sequence, bytes: before + bytes, ...(expectedBytes ? { expectedBytes } : {}) }),
      );
    } catch (err) {
      if (feederEmpty(err)) return undefined;
      throw err;
    }
    before += data.length;
    frames.push({ parameters, data });
    if (parameters.lastFrame || cancelled()) return frames;
  }
}

async function toPage(
  frames: RawFrame[],
  meta: Pick<ScannedPage, 'resolution' | 'mode' | 'source' | 'sequence'>,
): Promise<ScannedPage> {
  let raster: ReturnType<typeof framesToRaster>;
  try {
    raster = framesToRaster(frames);
  } catch (err) {
    throw new ScannerError('protocol', `cannot use the image SANE delivered: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (raster.height === 0) throw new ScannerError('protocol', 'SANE delivered an empty page');
  const data = await encodePng(raster, { dpi: meta.resolution });
  return { ...meta, data, mimeType: 'image/png', width: raster.width, height: raster.height };
}

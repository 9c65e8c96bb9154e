import { deliverPages, type PageSource } from '../deliver-pages.js';
import { imageInfo } from '../image/image-info.js';
import { parseScanProfile, type ScanProfile, type ScanProfileInput } from '../profile.js';
import { ScanControl } from '../scan-control.js';
import type {
  PageHandler,
  ScanEvents,
  ScannedPage,
  Scanner,
  ScannerCapabilities,
  ScanResult,
} from '../scanner.js';
import { isScannerError, ScannerError } from '../scanner-error.js';
import { EsclClient, type EsclClientOptions, EsclHttpError } from './escl-client.js';
import { esclToCapabilities, settingsFor, statusError } from './escl-settings.js';
import { canonicalScannerId } from './escl-url.js';
import { type EsclCapabilities, type ScanSettings, scanSettingsXml } from './escl-xml.js';

/**
 * A driverless scanner over eSCL (AirScan/Mopria), configured by URL. Pages arrive in the format
 * the device encodes (PNG, JPEG or PDF) and are passed on untouched.
 */
export class EsclScanner implements Scanner {
  readonly driver = 'escl' as const;
  readonly id: string;
  readonly client: EsclClient;
  private caps: Promise<EsclCapabilities> | undefined;
  private readonly control = new ScanControl();

  constructor(url: string, options: EsclClientOptions = {}) {
    this.client = new EsclClient(url, options);
    this.id = `escl:${this.client.base.href}`;
  }

  /** The device's own description, fetched once. */
  esclCapabilities(): Promise<EsclCapabilities> {
    this.caps ??= this.client.capabilities().catch((err: unknown) => {
      this.caps = undefined;
      throw asScannerError(err, 'ScannerCapabilities');
    });
    return this.caps;
  }

  async capabilities(): Promise<ScannerCapabilities> {
    return esclToCapabilities(await this.esclCapabilities());
  }

  async scan(
    input: ScanProfile | ScanProfileInput,
    onPage: PageHandler,
    events: ScanEvents = {},
  ): Promise<ScanResult> {
    const profile = parseScanProfile(input);
    if (canonicalScannerId(profile.device) !== this.id) {
      throw new ScannerError('unsupported', `the profile is for ${profile.device}, not ${this.id}`);
    }
    const abort = new AbortController();
    return this.control.run(
      events.signal,
      () => abort.abort(new ScannerError('cancelled', 'the scan was cancelled')),
      () => this.runJob(profile, onPage, events, abort.signal),
    );
  }

  private async runJob(
    profile: ScanProfile,
    onPage: PageHandler,
    events: ScanEvents,
    signal: AbortSignal,
  ): Promise<ScanResult> {
    let job: URL | undefined;
    let finished = false;
    const open = async (): Promise<PageSource> => {
      const settings = settingsFor(await this.esclCapabilities(), profile);
      this.control.throwIfCancelled(0);
      const created = await this.createJob(settings, profile, signal);
      job = created;
      return {
        next: async (sequence) => {
          // Until 404, for the platen too (sane-airscan does the same): that is when devices close the job.
          const doc = await this.nextDocument(created, profile, sequence, events, signal);
          if (!doc) {
            finished = true;
            await this.checkEnd(profile, sequence - 1, signal);
            return undefined;
          }
          return toPage(doc.data, doc.contentType, settings, profile, sequence);
        },
      };
    };
    try {
      return await deliverPages(this.control, onPage, open, (err) => asScannerError(err, 'scan'));
    } finally {
      // A job left behind keeps some devices busy until it times out.
      if (job && !finished) await this.client.deleteJob(job);
    }
  }

  private async createJob(settings: ScanSettings, profile: ScanProfile, signal: AbortSignal): Promise<URL> {
    try {
      return await this.client.createJob(scanSettingsXml(settings), signal);
    } catch (err) {
      // 409 Conflict and friends: the status says whether the feeder is empty, jammed or busy.
      if (err instanceof EsclHttpError) throw (await this.explain(profile, signal)) ?? httpError(err);
      throw err;
    }
  }

  private async nextDocument(
    job: URL,
    profile: ScanProfile,
    sequence: number,
    events: ScanEvents,
    signal: AbortSignal,
  ) {
    try {
      return await this.client.nextDocument(job, {
        signal,
        onBytes: (bytes, total) =>
          events.onProgress?.({ sequence, bytes, ...(total ? { expectedBytes: total } : {}) }),
      });
    } catch (err) {
      if (err instanceof EsclHttpError) throw (await this.explain(profile, signal)) ?? httpError(err);
      throw err;
    }
  }

  /**
   * After the last page (404): a jam also ends the job with 404 on many devices, so the feeder's
   * state decides whether the batch really ended; a job that gave nothing at all is an error.
   */
  private async checkEnd(profile: ScanProfile, delivered: number, signal: AbortSignal): Promise<void> {
    const problem = profile.source === 'adf' ? await this.explain(profile, signal) : undefined;
    if (problem && !(problem.code === 'no_documents' && delivered > 0)) throw problem;
    if (delivered === 0) {
      throw profile.source === 'adf'
        ? new ScannerError('no_documents', 'the document feeder is empty', { detail: 'HTTP 404' })
        : new ScannerError('protocol', 'the scanner ended the job without a page', { detail: 'HTTP 404' });
    }
  }

  /** The scanner's status as an error, when it shows one; a status that cannot be read shows none. */
  private async explain(profile: ScanProfile, signal: AbortSignal): Promise<ScannerError | undefined> {
    try {
      return statusError(await this.client.status(signal), profile.source);
    } catch (err) {
      if (signal.aborted) throw err;
      return undefined;
    }
  }

  cancel(): void {
    this.control.cancel();
  }

  async close(): Promise<void> {
    this.control.cancel();
    await this.control.idle();
  }
}

function httpError(err: EsclHttpError): ScannerError {
  const code = err.status >= 500 ? 'io' : 'protocol';
  return new ScannerError(code, `eSCL ${err.message}`, { cause: err, detail: `HTTP ${err.status}` });
}

function asScannerError(err: unknown, step: string): ScannerError {
  if (isScannerError(err)) return err;
  if (err instanceof EsclHttpError) return httpError(err);
  return new ScannerError('protocol', `eSCL ${step}: ${err instanceof Error ? err.message : String(err)}`, {
    cause: err,
  });
}

function toPage(
  data: Buffer,
  contentType: string | undefined,
  settings: ScanSettings,
  profile: ScanProfile,
  sequence: number,
): ScannedPage {
  const info = imageInfo(data);
  return {
    sequence,
    data,
    // The bytes decide; some devices label every document application/octet-stream.
    mimeType:
      info?.mimeType ??
      (contentType && contentType !== 'application/octet-stream' ? contentType : settings.format),
    width: info?.width ?? 0,
    height: info?.height ?? 0,
    resolution: settings.resolution,
    mode: profile.mode,
    source: profile.source,
  };
}

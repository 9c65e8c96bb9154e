import { ScannerError } from '../scanner-error.js';
import { esclBaseUrl, jobUrl } from './escl-url.js';
import {
  type EsclCapabilities,
  type EsclStatus,
  EsclXmlError,
  parseCapabilities,
  parseStatus,
} from './escl-xml.js';

export interface RetryPolicy {
  /** Tries in all, including the first. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface EsclClientOptions {
  /** For NextDocument, which devices answer 503 while the page is still being scanned. */
  pageRetry?: RetryPolicy;
  /** For the other requests (a device warming up answers 503 to ScanJobs). */
  retry?: RetryPolicy;
  /** Per request; NextDocument waits for a whole page to be scanned, so its limit is longer. */
  timeoutMs?: number;
  pageTimeoutMs?: number;
}

/** The device answered with a status the protocol step did not expect. */
export class EsclHttpError extends Error {
  override name = 'EsclHttpError';
  constructor(
    readonly status: number,
    readonly step: string,
  ) {
    super(`${step}: HTTP ${status}`);
  }
}

export interface EsclDocument {
  data: Buffer;
  contentType: string | undefined;
}

// sane-airscan retries NextDocument 30 times and the rest 10: some printers keep answering 503
// for many seconds while a high-resolution page is scanned.
const PAGE_RETRY: RetryPolicy = { attempts: 30, initialDelayMs: 250, maxDelayMs: 2000 };
const RETRY: RetryPolicy = { attempts: 10, initialDelayMs: 250, maxDelayMs: 2000 };

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The eSCL HTTP exchanges, one method per step. Network failures become ScannerError `io`; 503s
 * are retried with a growing pause; other statuses are left to the caller as EsclHttpError,
 * because what they mean depends on the scanner's state (see escl-scanner.ts).
 */
export class EsclClient {
  readonly base: URL;
  private readonly pageRetry: RetryPolicy;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly pageTimeoutMs: number;

  constructor(baseUrl: string, options: EsclClientOptions = {}) {
    this.base = esclBaseUrl(baseUrl);
    this.pageRetry = options.pageRetry ?? PAGE_RETRY;
    this.retry = options.retry ?? RETRY;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.pageTimeoutMs = options.pageTimeoutMs ?? 180_000;
  }

  async capabilities(signal?: AbortSignal): Promise<EsclCapabilities> {
    const res = await this.request('ScannerCapabilities', new URL('ScannerCapabilities', this.base), {
      signal,
    });
    if (res.status !== 200) throw new EsclHttpError(res.status, 'ScannerCapabilities');
    return this.parse(() => parseCapabilities(res.text));
  }

  async status(signal?: AbortSignal): Promise<EsclStatus> {
    const res = await this.request('ScannerStatus', new URL('ScannerStatus', this.base), { signal });
    if (res.status !== 200) throw new EsclHttpError(res.status, 'ScannerStatus');
    return this.parse(() => parseStatus(res.text));
  }

  /** POST ScanJobs; returns the job's URL from Location. */
  async createJob(settingsXml: string, signal?: AbortSignal): Promise<URL> {
    const res = await this.request('ScanJobs', new URL('ScanJobs', this.base), {
      method: 'POST',
      body: settingsXml,
      headers: { 'content-type': 'text/xml' },
      signal,
    });
    if (res.status !== 201) throw new EsclHttpError(res.status, 'ScanJobs');
    const location = res.headers.get('location');
    if (!location)
      throw new ScannerError('protocol', 'the scanner created a job without saying where (no Location)');
    return jobUrl(this.base, location);
  }

  /** GET {job}/NextDocument: the next page, or undefined when the job has no more (404). */
  async nextDocument(
    job: URL,
    options: { signal?: AbortSignal; onBytes?: (bytes: number, total: number | undefined) => void } = {},
  ): Promise<EsclDocument | undefined> {
    const url = new URL(`${job.pathname.replace(/\/$/, '')}/NextDocument`, job);
    const res = await this.request('NextDocument', url, { signal: options.signal }, 'page', options.onBytes);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new EsclHttpError(res.status, 'NextDocument');
    return {
      data: res.body,
      contentType: res.headers.get('content-type')?.split(';')[0]?.trim() || undefined,
    };
  }

  /** DELETE {job}. True when the scanner took it (200/204), false otherwise; never throws. */
  async deleteJob(job: URL): Promise<boolean> {
    try {
      const res = await fetch(job, { method: 'DELETE', signal: AbortSignal.timeout(this.timeoutMs) });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok;
    } catch {
      return false;
    }
  }

  private parse<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof EsclXmlError)
        throw new ScannerError('protocol', `eSCL: ${err.message}`, { cause: err });
      throw err;
    }
  }

  /**
   * One request with 503 retries. The body is read whole (XML is small; a page is what we came
   * for), reporting bytes as they arrive.
   */
  private async request(
    step: string,
    url: URL,
    init: {
      method?: string;
      body?: string;
      headers?: Record<string, string>;
      signal?: AbortSignal | undefined;
    },
    kind: 'page' | 'control' = 'control',
    onBytes?: (bytes: number, total: number | undefined) => void,
  ): Promise<{ status: number; headers: Headers; body: Buffer; text: string }> {
    const policy = kind === 'page' ? this.pageRetry : this.retry;
    const timeoutMs = kind === 'page' ? this.pageTimeoutMs : this.timeoutMs;
    let delay = policy.initialDelayMs;
    for (let attempt = 1; ; attempt++) {
      const signals = [AbortSignal.timeout(timeoutMs), ...(init.signal ? [init.signal] : [])];
      let res: Response;
      let body: Buffer;
      try {
        res = await fetch(url, {
          method: init.method ?? 'GET',
          ...(init.body === undefined ? {} : { body: init.body }),
          ...(init.headers ? { headers: init.headers } : {}),
          signal: AbortSignal.any(signals),
        });
        body = res.status === 503 ? Buffer.alloc(0) : await readBody(res, onBytes);
        if (res.status === 503) await res.arrayBuffer().catch(() => undefined);
      } catch (err) {
        if (init.signal?.aborted) throw init.signal.reason ?? err;
        const timedOut = (err as Error).name === 'TimeoutError';
        throw new ScannerError(
          'io',
          `eSCL ${step} at ${url.origin}: ${timedOut ? 'no answer in time' : describe(err)}`,
          {
            cause: err,
            detail: timedOut ? 'timeout' : 'network',
          },
        );
      }
      if (res.status !== 503)
        return { status: res.status, headers: res.headers, body, text: body.toString('utf8') };
      if (attempt >= policy.attempts) {
        throw new ScannerError(
          'busy',
          `eSCL ${step}: the scanner stayed busy (HTTP 503) through ${attempt} tries`,
          {
            detail: 'HTTP 503',
          },
        );
      }
      await sleep(delay, init.signal);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}

async function readBody(
  res: Response,
  onBytes?: (bytes: number, total: number | undefined) => void,
): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const chunks: Buffer[] = [];
  let bytes = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    bytes += value.byteLength;
    onBytes?.(bytes, total);
  }
  return Buffer.concat(chunks, bytes);
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? String(err);
}

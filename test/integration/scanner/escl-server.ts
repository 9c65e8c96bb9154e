import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseScanSettings } from '../../../electron/station/devices/scanner/escl/escl-xml.js';
import { encodePng } from '../../../electron/station/devices/scanner/image/png-encode.js';
import { encodeJpeg } from './jpeg-encode.js';
import { testPage, toOneBit } from './test-images.js';

/**
 * An eSCL scanner on 127.0.0.1 for tests: a platen and a document feeder, real PNG and JPEG pages,
 * and the faults real devices show (503 while busy, a jam mid-batch, an empty feeder, an open
 * door). sane-airscan accepts it as a scanner, which checks it against an independent client.
 */

const NS =
  'xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"';

export type JobState = 'Processing' | 'Completed' | 'Canceled' | 'Aborted';

export interface TestJob {
  id: string;
  source: 'Platen' | 'Feeder';
  colorMode: string;
  format: string;
  resolution: number;
  /** In 1/300 inch, as requested. */
  width: number;
  height: number;
  pagesServed: number;
  state: JobState;
  deleted: boolean;
}

export interface EsclServerOptions {
  platen?: boolean;
  adf?: boolean;
  formats?: string[];
  /** Sheets in the feeder at the start. */
  adfPages?: number;
  /** Location header as an absolute URL (what most devices send) or a path. */
  absoluteLocation?: boolean;
}

export interface EsclTestServer {
  url: string;
  port: number;
  /** Every request, as "METHOD /path". */
  log: string[];
  jobs: Map<string, TestJob>;
  loadFeeder(pages: number): void;
  /** The next `count` NextDocument requests answer 503. */
  busy(count: number): void;
  /** After `pages` more pages the feeder jams: NextDocument answers `status`, AdfState ScannerAdfJam. */
  jamAfter(pages: number, status?: number): void;
  /** Feeder door open: new feeder jobs get 409, AdfState ScannerAdfHatchOpen. */
  openDoor(open: boolean): void;
  clearJam(): void;
  /** Milliseconds each page takes to "scan" before NextDocument answers. */
  pageDelayMs: number;
  close(): Promise<void>;
}

// Letter-wide, A4-long, in 1/300 inch.
const MAX_WIDTH = 2550;
const MAX_HEIGHT = 3508;

function inputCaps(formats: string[]): string {
  const formatXml = formats
    .map(
      (f) =>
        `<pwg:DocumentFormat>${f}</pwg:DocumentFormat><scan:DocumentFormatExt>${f}</scan:DocumentFormatExt>`,
    )
    .join('');
  const resolutions = [75, 100, 150, 200, 300, 600]
    .map(
      (r) =>
        `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`,
    )
    .join('');
  return `<scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>${MAX_WIDTH}</scan:MaxWidth>
<scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>${MAX_HEIGHT}</scan:MaxHeight>
<scan:MaxScanRegions>1</scan:MaxScanRegions>
<scan:SettingProfiles><scan:SettingProfile>
<scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
<scan:DocumentFormats>${formatXml}</scan:DocumentFormats>
<scan:SupportedResolutions><scan:DiscreteResolutions>${resolutions}</scan:DiscreteResolutions></scan:SupportedResolutions>
</scan:SettingProfile></scan:SettingProfiles>
<scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>Photo</scan:Intent></scan:SupportedIntents>
<scan:MaxOpticalXResolution>600</scan:MaxOpticalXResolution><scan:MaxOpticalYResolution>600</scan:MaxOpticalYResolution>`;
}

function capabilitiesXml(o: Required<EsclServerOptions>): string {
  const platen = o.platen
    ? `<scan:Platen><scan:PlatenInputCaps>${inputCaps(o.formats)}</scan:PlatenInputCaps></scan:Platen>`
    : '';
  const adf = o.adf
    ? `<scan:Adf><scan:AdfSimplexInputCaps>${inputCaps(o.formats)}</scan:AdfSimplexInputCaps><scan:FeederCapacity>50</scan:FeederCapacity></scan:Adf>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities ${NS}>
<pwg:Version>2.63</pwg:Version>
<pwg:MakeAndModel>Bitig Test Scanner</pwg:MakeAndModel>
<pwg:SerialNumber>BT-0001</pwg:SerialNumber>
<scan:UUID>4509a320-00a0-008f-00b6-0000bitig001</scan:UUID>
${platen}${adf}
</scan:ScannerCapabilities>`;
}

async function pageImage(job: TestJob, page: number): Promise<Buffer> {
  const width = Math.max(8, Math.round((job.width * job.resolution) / 300));
  const height = Math.max(8, Math.round((job.height * job.resolution) / 300));
  const channels = job.colorMode === 'RGB24' ? 3 : 1;
  const pixels = testPage(width, height, channels, page);
  if (job.format === 'image/jpeg')
    return encodeJpeg({ width, height, channels, data: pixels }, { dpi: job.resolution });
  if (job.colorMode === 'BlackAndWhite1') {
    return encodePng(
      { width, height, channels: 1, depth: 1, data: toOneBit(pixels, width, height) },
      { dpi: job.resolution },
    );
  }
  return encodePng({ width, height, channels, depth: 8, data: Buffer.from(pixels) }, { dpi: job.resolution });
}

export async function startEsclServer(options: EsclServerOptions = {}): Promise<EsclTestServer> {
  const o: Required<EsclServerOptions> = {
    platen: options.platen ?? true,
    adf: options.adf ?? true,
    formats: options.formats ?? ['image/jpeg', 'image/png'],
    adfPages: options.adfPages ?? 5,
    absoluteLocation: options.absoluteLocation ?? true,
  };
  const log: string[] = [];
  const jobs = new Map<string, TestJob>();
  let feeder = o.adfPages;
  let busyCount = 0;
  let jamCountdown: number | undefined;
  let jamStatus = 409;
  let jammed = false;
  let doorOpen = false;
  let nextId = 1;
  const delay = { ms: 0 };

  const adfState = () =>
    jammed
      ? 'ScannerAdfJam'
      : doorOpen
        ? 'ScannerAdfHatchOpen'
        : feeder > 0
          ? 'ScannerAdfLoaded'
          : 'ScannerAdfEmpty';

  const statusXml = () => {
    const active = [...jobs.values()].some((j) => j.state === 'Processing');
    const jobXml = [...jobs.values()]
      .map(
        (
          j,
        ) => `<scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/${j.id}</pwg:JobUri><pwg:JobUuid>${j.id}</pwg:JobUuid>
<pwg:JobState>${j.state}</pwg:JobState><pwg:ImagesCompleted>${j.pagesServed}</pwg:ImagesCompleted>
<pwg:JobStateReasons><pwg:JobStateReason>${j.state === 'Completed' ? 'JobCompletedSuccessfully' : 'None'}</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo>`,
      )
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus ${NS}>
<pwg:Version>2.63</pwg:Version>
<pwg:State>${active ? 'Processing' : 'Idle'}</pwg:State>
${o.adf ? `<scan:AdfState>${adfState()}</scan:AdfState>` : ''}
<scan:Jobs>${jobXml}</scan:Jobs>
</scan:ScannerStatus>`;
  };

  const send = (res: http.ServerResponse, status: number, body = '', type = 'text/xml') => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => {
        if (!res.headersSent) send(res, 500, String(err), 'text/plain');
      });
    });
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/{2,}/g, '/');
    log.push(`${req.method} ${path}`);
    if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities')
      return send(res, 200, capabilitiesXml(o));
    if (req.method === 'GET' && path === '/eSCL/ScannerStatus') return send(res, 200, statusXml());
    if (req.method === 'POST' && path === '/eSCL/ScanJobs') {
      const s = parseScanSettings(body);
      const source = s.source ?? 'Platen';
      if ((source === 'Feeder' && !o.adf) || (source === 'Platen' && !o.platen)) return send(res, 409);
      if (source === 'Feeder' && (feeder === 0 || jammed || doorOpen)) return send(res, 409);
      const format = s.format && o.formats.includes(s.format) ? s.format : o.formats[0]!;
      const id = `job-${nextId++}`;
      jobs.set(id, {
        id,
        source,
        colorMode: s.colorMode ?? 'RGB24',
        format,
        resolution: s.resolution ?? 300,
        width: Math.min(s.width ?? MAX_WIDTH, MAX_WIDTH),
        height: Math.min(s.height ?? MAX_HEIGHT, MAX_HEIGHT),
        pagesServed: 0,
        state: 'Processing',
        deleted: false,
      });
      const location = `/eSCL/ScanJobs/${id}`;
      const port = (server.address() as AddressInfo).port;
      res.writeHead(201, {
        location: o.absoluteLocation ? `http://127.0.0.1:${port}${location}` : location,
        'content-length': 0,
      });
      return res.end();
    }
    const m = /^\/eSCL\/ScanJobs\/([^/]+)(?:\/(NextDocument|ScanImageInfo))?\/?$/.exec(path);
    const job = m ? jobs.get(m[1]!) : undefined;
    if (!m || !job) return send(res, 404);
    if (req.method === 'DELETE' && !m[2]) {
      job.deleted = true;
      if (job.state === 'Processing') job.state = 'Canceled';
      return send(res, 200);
    }
    if (req.method === 'GET' && m[2] === 'ScanImageInfo') {
      return send(
        res,
        200,
        `<?xml version="1.0" encoding="UTF-8"?><scan:ScanImageInfo ${NS}><pwg:JobUri>/eSCL/ScanJobs/${job.id}</pwg:JobUri><pwg:JobUuid>${job.id}</pwg:JobUuid><scan:ActualWidth>${job.width}</scan:ActualWidth><scan:ActualHeight>${job.height}</scan:ActualHeight></scan:ScanImageInfo>`,
      );
    }
    if (req.method !== 'GET' || m[2] !== 'NextDocument') return send(res, 405);
    if (job.state !== 'Processing') return send(res, 404);
    if (busyCount > 0) {
      busyCount--;
      return send(res, 503);
    }
    if (job.source === 'Feeder') {
      if (jamCountdown === 0) {
        jamCountdown = undefined;
        jammed = true;
        job.state = 'Aborted';
        return send(res, jamStatus);
      }
      if (feeder === 0) {
        job.state = 'Completed';
        return send(res, 404);
      }
    } else if (job.pagesServed >= 1) {
      job.state = 'Completed';
      return send(res, 404);
    }
    if (delay.ms > 0) await new Promise((r) => setTimeout(r, delay.ms));
    // The client may have cancelled while the page was "scanning".
    if (job.state !== 'Processing') return send(res, 404);
    const image = await pageImage(job, job.pagesServed + 1);
    job.pagesServed++;
    if (job.source === 'Feeder') {
      feeder--;
      if (jamCountdown !== undefined) jamCountdown--;
    }
    res.writeHead(200, { 'content-type': job.format, 'content-length': image.length });
    res.end(image);
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/eSCL/`,
    port,
    log,
    jobs,
    get pageDelayMs() {
      return delay.ms;
    },
    set pageDelayMs(ms: number) {
      delay.ms = ms;
    },
    loadFeeder(pages) {
      feeder = pages;
    },
    busy(count) {
      busyCount = count;
    },
    jamAfter(pages, status = 409) {
      jamCountdown = pages;
      jamStatus = status;
    },
    openDoor(open) {
      doorOpen = open;
    },
    clearJam() {
      jammed = false;
      jamCountdown = undefined;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

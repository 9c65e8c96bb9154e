import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export const NS_SCAN = 'http://schemas.hp.com/imaging/escl/2011/05/03';
export const NS_PWG = 'http://www.pwg.org/schemas/2010/12/sm';

/** Sizes in eSCL are in 1/300 inch. */
export const ESCL_UNITS_PER_INCH = 300;

export interface EsclInputCaps {
  minWidth: number;
  maxWidth: number;
  minHeight: number;
  maxHeight: number;
  /** As the device names them: BlackAndWhite1, Grayscale8, Grayscale16, RGB24, RGB48. */
  colorModes: string[];
  /** MIME types, from pwg:DocumentFormat and scan:DocumentFormatExt. */
  formats: string[];
  /** Whether the device understands scan:DocumentFormatExt (eSCL 2.1+), which some need. */
  formatExt: boolean;
  resolutions: number[];
  resolutionRange?: { min: number; max: number; step: number };
}

export interface EsclCapabilities {
  version: string;
  makeAndModel?: string;
  serialNumber?: string;
  uuid?: string;
  platen?: EsclInputCaps;
  adf?: EsclInputCaps;
  adfDuplex?: EsclInputCaps;
}

export interface EsclJobInfo {
  uri: string;
  state: string;
  reasons: string[];
  imagesCompleted?: number;
}

export interface EsclStatus {
  /** pwg:State: Idle, Processing, Testing, Stopped, Down. */
  state: string;
  /** scan:AdfState: ScannerAdfLoaded, ScannerAdfEmpty, ScannerAdfJam, ScannerAdfDoorOpen, … */
  adfState?: string;
  jobs: EsclJobInfo[];
}

const REPEATED = new Set([
  'SettingProfile',
  'ColorMode',
  'DocumentFormat',
  'DocumentFormatExt',
  'DiscreteResolution',
  'JobInfo',
  'JobStateReason',
]);

// Prefixes vary between devices (some declare eSCL as the default namespace), so elements are
// matched by local name: eSCL reuses no local name across its two namespaces in ways that matter.
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;

function node(v: unknown): Node | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  return undefined;
}

function int(v: unknown): number | undefined {
  const t = text(v);
  if (t === undefined || !/^\d+$/.test(t)) return undefined;
  return Number(t);
}

export class EsclXmlError extends Error {
  override name = 'EsclXmlError';
}

function root(xml: string, name: string): Node {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new EsclXmlError(`not XML: ${(err as Error).message}`);
  }
  const r = node(doc[name]);
  if (!r) throw new EsclXmlError(`expected a ${name} document`);
  return r;
}

function inputCaps(n: Node | undefined): EsclInputCaps | undefined {
  if (!n) return undefined;
  const colorModes = new Set<string>();
  const formats = new Set<string>();
  const resolutions = new Set<number>();
  let formatExt = false;
  let resolutionRange: EsclInputCaps['resolutionRange'];
  for (const profile of list(node(n.SettingProfiles)?.SettingProfile)) {
    const p = node(profile);
    if (!p) continue;
    for (const m of list(node(p.ColorModes)?.ColorMode)) {
      const t = text(m);
      if (t) colorModes.add(t);
    }
    const docs = node(p.DocumentFormats);
    for (const f of list(docs?.DocumentFormat)) {
      const t = text(f);
      if (t) formats.add(t.toLowerCase());
    }
    for (const f of list(docs?.DocumentFormatExt)) {
      const t = text(f);
      if (t) {
        formats.add(t.toLowerCase());
        formatExt = true;
      }
    }
    const supported = node(p.SupportedResolutions);
    for (const d of list(node(supported?.DiscreteResolutions)?.DiscreteResolution)) {
      const r = node(d);
      const x = int(r?.XResolution);
      const y = int(r?.YResolution);
      // Square pixels only: a page's resolution is one number.
      if (x && x === y) resolutions.add(x);
    }
    const range = node(node(supported?.ResolutionRange)?.XResolution);
    const min = int(range?.Min);
    const max = int(range?.Max);
    if (min && max && min <= max) resolutionRange = { min, max, step: int(range?.Step) ?? 1 };
  }
  return {
    minWidth: int(n.MinWidth) ?? 0,
    maxWidth: int(n.MaxWidth) ?? 0,
    minHeight: int(n.MinHeight) ?? 0,
    maxHeight: int(n.MaxHeight) ?? 0,
    colorModes: [...colorModes],
    formats: [...formats],
    formatExt,
    resolutions: [...resolutions].sort((a, b) => a - b),
    ...(resolutionRange ? { resolutionRange } : {}),
  };
}

export function parseCapabilities(xml: string): EsclCapabilities {
  const r = root(xml, 'ScannerCapabilities');
  const adf = node(r.Adf);
  const caps: EsclCapabilities = { version: text(r.Version) || '2.0' };
  const makeAndModel = text(r.MakeAndModel);
  const serialNumber = text(r.SerialNumber);
  const uuid = text(r.UUID);
  if (makeAndModel) caps.makeAndModel = makeAndModel;
  if (serialNumber) caps.serialNumber = serialNumber;
  if (uuid) caps.uuid = uuid;
  const platen = inputCaps(node(node(r.Platen)?.PlatenInputCaps));
  const simplex = inputCaps(node(adf?.AdfSimplexInputCaps));
  const duplex = inputCaps(node(adf?.AdfDuplexInputCaps));
  if (platen) caps.platen = platen;
  if (simplex) caps.adf = simplex;
  if (duplex) caps.adfDuplex = duplex;
  if (!platen && !simplex) throw new EsclXmlError('the scanner lists neither a platen nor a document feeder');
  return caps;
}

export function parseStatus(xml: string): EsclStatus {
  const r = root(xml, 'ScannerStatus');
  const status: EsclStatus = { state: text(r.State) ?? 'Unknown', jobs: [] };
  const adfState = text(r.AdfState);
  if (adfState) status.adfState = adfState;
  for (const j of list(node(r.Jobs)?.JobInfo)) {
    const job = node(j);
    if (!job) continue;
    const info: EsclJobInfo = {
      uri: text(job.JobUri) ?? '',
      state: text(job.JobState) ?? 'Unknown',
      reasons: list(node(job.JobStateReasons)?.JobStateReason)
        .map(text)
        .filter((t): t is string => !!t),
    };
    const images = int(job.ImagesCompleted);
    if (images !== undefined) info.imagesCompleted = images;
    status.jobs.push(info);
  }
  return status;
}

export interface ScanSettings {
  version: string;
  source: 'Platen' | 'Feeder';
  colorMode: string;
  format: string;
  /** Also send scan:DocumentFormatExt (devices that list it may ignore pwg:DocumentFormat). */
  formatExt: boolean;
  resolution: number;
  /** In 1/300 inch. */
  width: number;
  height: number;
  duplex?: boolean;
}

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });

export function scanSettingsXml(s: ScanSettings): string {
  const settings: Node = {
    '@_xmlns:scan': NS_SCAN,
    '@_xmlns:pwg': NS_PWG,
    'pwg:Version': s.version,
    'pwg:ScanRegions': {
      'pwg:ScanRegion': {
        'pwg:ContentRegionUnits': 'escl:ThreeHundredthsOfInches',
        'pwg:XOffset': 0,
        'pwg:YOffset': 0,
        'pwg:Width': s.width,
        'pwg:Height': s.height,
      },
    },
    'pwg:InputSource': s.source,
    'scan:ColorMode': s.colorMode,
    'pwg:DocumentFormat': s.format,
    ...(s.formatExt ? { 'scan:DocumentFormatExt': s.format } : {}),
    'scan:XResolution': s.resolution,
    'scan:YResolution': s.resolution,
    ...(s.source === 'Feeder' ? { 'scan:Duplex': s.duplex ? 'true' : 'false' } : {}),
  };
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'scan:ScanSettings': settings,
  });
}

/** Reads the settings back (the test server uses it; a device would do the same). */
export function parseScanSettings(xml: string): Partial<ScanSettings> {
  const r = root(xml, 'ScanSettings');
  const region = node(node(r.ScanRegions)?.ScanRegion);
  const source = text(r.InputSource);
  const out: Partial<ScanSettings> = {};
  if (source === 'Platen' || source === 'Feeder') out.source = source;
  const colorMode = text(list(r.ColorMode)[0]);
  if (colorMode) out.colorMode = colorMode;
  const format = text(list(r.DocumentFormatExt)[0]) ?? text(list(r.DocumentFormat)[0]);
  if (format) out.format = format.toLowerCase();
  const resolution = int(r.XResolution);
  if (resolution) out.resolution = resolution;
  const width = int(region?.Width);
  const height = int(region?.Height);
  if (width) out.width = width;
  if (height) out.height = height;
  return out;
}

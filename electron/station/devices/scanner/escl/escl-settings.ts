import { MM_PER_INCH, scanArea } from '../page-size.js';
import type { ScanProfile } from '../profile.js';
import { usualResolutions } from '../resolutions.js';
import type { ColorMode, ScannerCapabilities, ScanSource } from '../scanner.js';
import { ScannerError } from '../scanner-error.js';
import {
  ESCL_UNITS_PER_INCH,
  type EsclCapabilities,
  type EsclInputCaps,
  type EsclStatus,
  type ScanSettings,
} from './escl-xml.js';

const MODES: Record<ColorMode, string[]> = {
  color: ['RGB24', 'RGB48'],
  gray: ['Grayscale8', 'Grayscale16'],
  lineart: ['BlackAndWhite1'],
};

export function modeOf(esclMode: string): ColorMode | undefined {
  return (Object.keys(MODES) as ColorMode[]).find((m) => MODES[m].includes(esclMode));
}

const FORMATS = { png: 'image/png', jpeg: 'image/jpeg', pdf: 'application/pdf' } as const;

/**
 * The document format to ask for. `auto` prefers PNG (lossless, for archive masters), then JPEG,
 * then PDF; for line-art, PDF before JPEG, since JPEG smears one-bit images.
 */
export function chooseFormat(
  want: ScanProfile['format'],
  mode: ColorMode,
  offered: readonly string[],
): string {
  if (want !== 'auto') {
    const mime = FORMATS[want];
    if (!offered.includes(mime))
      throw new ScannerError('unsupported', `the scanner does not deliver ${mime}`);
    return mime;
  }
  const order =
    mode === 'lineart' ? [FORMATS.png, FORMATS.pdf, FORMATS.jpeg] : [FORMATS.png, FORMATS.jpeg, FORMATS.pdf];
  const pick = order.find((f) => offered.includes(f)) ?? offered[0];
  if (!pick) throw new ScannerError('protocol', 'the scanner lists no document formats');
  return pick;
}

function nearest(want: number, caps: EsclInputCaps): number {
  if (caps.resolutions.length > 0) {
    return caps.resolutions.reduce((best, r) => (Math.abs(r - want) < Math.abs(best - want) ? r : best));
  }
  const range = caps.resolutionRange;
  if (!range) return want;
  const clamped = Math.min(Math.max(want, range.min), range.max);
  const step = range.step > 0 ? range.step : 1;
  return Math.min(range.min + Math.round((clamped - range.min) / step) * step, range.max);
}

export function inputFor(caps: EsclCapabilities, source: ScanSource): EsclInputCaps {
  const input = source === 'adf' ? caps.adf : caps.platen;
  if (!input) {
    throw new ScannerError(
      'unsupported',
      `the scanner has no ${source === 'adf' ? 'document feeder' : 'flatbed'}`,
    );
  }
  return input;
}

// Tenths of a millimetre: finer than any scanner's stated area, and it reads as the paper size.
const unitsToMm = (v: number) => Math.round((v / ESCL_UNITS_PER_INCH) * MM_PER_INCH * 10) / 10;
const mmToUnits = (v: number) => Math.round((v / MM_PER_INCH) * ESCL_UNITS_PER_INCH);

/** The ScanSettings for a profile, within what the chosen source can do. */
export function settingsFor(caps: EsclCapabilities, profile: ScanProfile): ScanSettings {
  const input = inputFor(caps, profile.source);
  const colorMode = MODES[profile.mode].find((m) => input.colorModes.includes(m));
  if (!colorMode)
    throw new ScannerError('unsupported', `the scanner cannot scan in ${profile.mode} from this source`);
  const max =
    input.maxWidth > 0 && input.maxHeight > 0
      ? { widthMm: unitsToMm(input.maxWidth), heightMm: unitsToMm(input.maxHeight) }
      : undefined;
  const area = scanArea(profile.pageSize, max);
  return {
    version: caps.version,
    source: profile.source === 'adf' ? 'Feeder' : 'Platen',
    colorMode,
    format: chooseFormat(profile.format, profile.mode, input.formats),
    formatExt: input.formatExt,
    resolution: nearest(profile.resolution, input),
    width: Math.max(mmToUnits(area.widthMm), input.minWidth),
    height: Math.max(mmToUnits(area.heightMm), input.minHeight),
    ...(profile.source === 'adf' ? { duplex: false } : {}),
  };
}

/** What an eSCL scanner can do, in the terms every scanner uses. */
export function esclToCapabilities(caps: EsclCapabilities): ScannerCapabilities {
  const inputs = [caps.platen, caps.adf].filter((i): i is EsclInputCaps => !!i);
  const sources: ScanSource[] = [];
  if (caps.platen) sources.push('flatbed');
  if (caps.adf) sources.push('adf');
  const modes = new Set<ColorMode>();
  const formats = new Set<string>();
  const resolutions = new Set<number>();
  let range: ScannerCapabilities['resolutionRange'];
  let maxWidth = 0;
  let maxHeight = 0;
  for (const input of inputs) {
    for (const m of input.colorModes) {
      const mode = modeOf(m);
      if (mode) modes.add(mode);
    }
    for (const f of input.formats) formats.add(f);
    for (const r of input.resolutions) resolutions.add(r);
    if (input.resolutionRange) {
      range = input.resolutionRange;
      for (const r of usualResolutions(range.min, range.max)) resolutions.add(r);
    }
    maxWidth = Math.max(maxWidth, input.maxWidth);
    maxHeight = Math.max(maxHeight, input.maxHeight);
  }
  const out: ScannerCapabilities = {
    sources,
    modes: (['color', 'gray', 'lineart'] as const).filter((m) => modes.has(m)),
    resolutions: [...resolutions].sort((a, b) => a - b),
    formats: [...formats],
  };
  if (range) out.resolutionRange = range;
  if (maxWidth > 0 && maxHeight > 0)
    out.maxArea = { widthMm: unitsToMm(maxWidth), heightMm: unitsToMm(maxHeight) };
  return out;
}

/**
 * What the scanner's status says went wrong, if anything: sane-airscan reads failures the same
 * way, since devices report a jam through ScannerStatus rather than through the HTTP status.
 */
export function statusError(status: EsclStatus, source: ScanSource): ScannerError | undefined {
  const adf = status.adfState;
  if (source === 'adf' && adf) {
    if (adf === 'ScannerAdfJam' || adf === 'ScannerAdfMispick' || adf === 'ScannerAdfMultipickDetected') {
      return new ScannerError('jammed', `the document feeder is jammed (${adf})`, {
        detail: `AdfState ${adf}`,
      });
    }
    if (/DoorOpen|HatchOpen|CoverOpen/.test(adf)) {
      return new ScannerError('cover_open', `the document feeder is open (${adf})`, {
        detail: `AdfState ${adf}`,
      });
    }
    if (adf === 'ScannerAdfEmpty') {
      return new ScannerError('no_documents', 'the document feeder is empty', { detail: `AdfState ${adf}` });
    }
  }
  if (status.state === 'Down' || status.state === 'Stopped') {
    return new ScannerError('io', `the scanner is ${status.state.toLowerCase()}`, {
      detail: `State ${status.state}`,
    });
  }
  return undefined;
}

import { type AreaMm, MM_PER_INCH, scanArea } from '../page-size.js';
import type { ScanProfile } from '../profile.js';
import type { ColorMode } from '../scanner.js';
import { ScannerError } from '../scanner-error.js';
import type { SaneOptionDescriptor } from './addon-types.js';
import { allows, fitNumber, pickMode, pickSource } from './option-values.js';
import { saneCapabilities } from './sane-capabilities.js';
import type { SaneDevice } from './sane-device.js';

export interface AppliedProfile {
  /** What the device really took (a resolution between two it offers is rounded to one). */
  resolution: number;
  mode: ColorMode;
  area: AreaMm;
}

function stringValues(o: SaneOptionDescriptor): string[] {
  return o.constraint?.type === 'stringList' ? o.constraint.values : [];
}

/** Sets a numeric option to the allowed value nearest `want` and returns what the backend kept. */
function setNumber(device: SaneDevice, o: SaneOptionDescriptor, want: number): number {
  let value = fitNumber(want, o.constraint);
  if (o.type === 'int') value = Math.round(value);
  const kept = device.set(o.name, value).value;
  return typeof kept === 'number' ? kept : Array.isArray(kept) ? (kept[0] ?? value) : value;
}

function unsupported(device: SaneDevice, what: string): ScannerError {
  return new ScannerError('unsupported', `${device.name} cannot ${what}`);
}

/**
 * Sets a device's options from a profile, in the order backends expect: source first (it can
 * change the geometry), then mode and depth, resolution, and the scan area last, within the ranges
 * the earlier choices left.
 */
export function applyProfile(device: SaneDevice, profile: ScanProfile): AppliedProfile {
  const source = device.option('source');
  if (source) {
    const value = pickSource(stringValues(source), profile.source);
    if (!value)
      throw unsupported(device, `scan from the ${profile.source === 'adf' ? 'document feeder' : 'flatbed'}`);
    device.set('source', value);
  } else if (profile.source === 'adf') {
    throw unsupported(device, 'scan from a document feeder');
  }

  const mode = device.option('mode');
  if (mode) {
    const values = stringValues(mode);
    const value =
      pickMode(values, profile.mode) ?? (profile.mode === 'lineart' ? pickMode(values, 'gray') : undefined);
    if (!value) throw unsupported(device, `scan in ${profile.mode}`);
    device.set('mode', value);
    const oneBit = profile.mode === 'lineart' && pickMode(values, 'lineart') === undefined;
    const depth = device.option('depth');
    if (oneBit) {
      // No line-art mode: gray at one bit per pixel is the same image.
      if (!depth?.settable || !allows(depth.constraint, 1)) throw unsupported(device, 'scan in lineart');
      device.set('depth', 1);
    } else if (profile.mode !== 'lineart' && depth?.settable && allows(depth.constraint, 8)) {
      device.set('depth', 8);
    }
  }

  const resolutionOption = device.option('resolution');
  let resolution = profile.resolution;
  if (resolutionOption?.settable) {
    resolution = setNumber(device, resolutionOption, profile.resolution);
  } else {
    const x = device.option('x-resolution');
    const y = device.option('y-resolution');
    if (x?.settable) resolution = setNumber(device, x, profile.resolution);
    if (y?.settable) setNumber(device, y, resolution);
  }

  const area = scanArea(profile.pageSize, saneCapabilities(device.options()).maxArea);
  setArea(device, area, resolution);
  return { resolution, mode: profile.mode, area };
}

function setArea(device: SaneDevice, area: AreaMm, resolution: number): void {
  // Sheet-fed backends size the paper with page-width/page-height; the window must fit inside.
  const pageWidth = device.option('page-width');
  const pageHeight = device.option('page-height');
  if (pageWidth?.settable && pageWidth.unit === 'mm') setNumber(device, pageWidth, area.widthMm);
  if (pageHeight?.settable && pageHeight.unit === 'mm') setNumber(device, pageHeight, area.heightMm);

  const corner = (name: 'tl-x' | 'tl-y' | 'br-x' | 'br-y', mm: number | 'min') => {
    const o = device.option(name);
    if (!o?.settable) return undefined;
    const min = o.constraint?.type === 'range' ? o.constraint.min : 0;
    const pixels = o.unit === 'pixel';
    const kept = setNumber(device, o, mm === 'min' ? min : pixels ? (mm * resolution) / MM_PER_INCH : mm);
    return pixels ? (kept * MM_PER_INCH) / resolution : kept;
  };
  const left = corner('tl-x', 'min') ?? 0;
  const top = corner('tl-y', 'min') ?? 0;
  corner('br-x', left + area.widthMm);
  corner('br-y', top + area.heightMm);
}

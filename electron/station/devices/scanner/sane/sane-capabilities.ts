import { usualResolutions } from '../resolutions.js';
import type { ColorMode, ScannerCapabilities, ScanSource } from '../scanner.js';
import type { SaneOptionDescriptor } from './addon-types.js';
import { allows, modeKind, sourceKind } from './option-values.js';

function find(options: readonly SaneOptionDescriptor[], name: string): SaneOptionDescriptor | undefined {
  return options.find((o) => o.name === name && o.type !== 'group');
}

function stringValues(o: SaneOptionDescriptor | undefined): string[] {
  return o?.constraint?.type === 'stringList' ? o.constraint.values : [];
}

/** What a SANE device can do, read from its option descriptors. */
export function saneCapabilities(options: readonly SaneOptionDescriptor[]): ScannerCapabilities {
  const sourceOption = find(options, 'source');
  const sources = new Set<ScanSource>();
  for (const v of stringValues(sourceOption)) {
    const kind = sourceKind(v);
    if (kind) sources.add(kind);
  }
  // No source option: a plain flatbed (or a sheet-fed scanner that says nothing; it scans anyway).
  if (!sourceOption) sources.add('flatbed');

  const modes = new Set<ColorMode>();
  for (const v of stringValues(find(options, 'mode'))) {
    const kind = modeKind(v);
    if (kind === 'halftone') modes.add('lineart');
    else if (kind) modes.add(kind);
  }
  // Gray at depth 1 is line-art too (SANE's test backend has no Lineart mode, only depth 1).
  const depth = find(options, 'depth');
  if (modes.has('gray') && depth && allows(depth.constraint, 1)) modes.add('lineart');

  const caps: ScannerCapabilities = {
    sources: [...sources],
    modes: (['color', 'gray', 'lineart'] as const).filter((m) => modes.has(m)),
    resolutions: [],
    formats: ['image/png'],
  };

  const resolution = find(options, 'resolution') ?? find(options, 'x-resolution');
  const rc = resolution?.constraint;
  if (rc?.type === 'wordList') {
    caps.resolutions = [...rc.values].sort((a, b) => a - b);
  } else if (rc?.type === 'range') {
    caps.resolutions = usualResolutions(rc.min, rc.max);
    caps.resolutionRange = { min: rc.min, max: rc.max, step: rc.quant };
  }

  const brX = find(options, 'br-x');
  const brY = find(options, 'br-y');
  const tlX = find(options, 'tl-x');
  const tlY = find(options, 'tl-y');
  if (
    brX?.unit === 'mm' &&
    brY?.unit === 'mm' &&
    brX.constraint?.type === 'range' &&
    brY.constraint?.type === 'range'
  ) {
    const minX = tlX?.constraint?.type === 'range' ? tlX.constraint.min : 0;
    const minY = tlY?.constraint?.type === 'range' ? tlY.constraint.min : 0;
    caps.maxArea = { widthMm: brX.constraint.max - minX, heightMm: brY.constraint.max - minY };
  }
  return caps;
}

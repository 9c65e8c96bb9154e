import type { ColorMode, ScanSource } from '../scanner.js';
import type { SaneConstraint } from './addon-types.js';

/**
 * SANE names options by convention (`source`, `mode`, `resolution`, `tl-x`…) but leaves their
 * values to each backend: "Flatbed", "FlatBed", "Normal", "ADF Front", "Automatic Document
 * Feeder"; "Color", "Colour", "Gray", "Grayscale", "Lineart", "Binary"… These map them.
 */
export function sourceKind(value: string): ScanSource | undefined {
  const v = value.toLowerCase();
  if (/\badf\b|feeder|automatic document/.test(v)) return 'adf';
  if (/flatbed|platen|normal|document table|glass/.test(v)) return 'flatbed';
  return undefined; // transparency units, film holders
}

/** The backend's value for a source; for the feeder, single-sided front pages first. */
export function pickSource(values: readonly string[], want: ScanSource): string | undefined {
  const matching = values.filter((v) => sourceKind(v) === want);
  return matching.find((v) => !/duplex|back|rear/i.test(v)) ?? matching[0];
}

export function modeKind(value: string): ColorMode | 'halftone' | undefined {
  const v = value.toLowerCase();
  if (/halftone|dither/.test(v)) return 'halftone';
  if (/line ?art|binary|black ?(and|&) ?white|monochrome|^bw$|^mono$/.test(v)) return 'lineart';
  if (/gr[ae]y/.test(v)) return 'gray';
  if (/colou?r|rgb/.test(v)) return 'color';
  return undefined;
}

/** The backend's value for a mode; line-art falls back to halftone, which is still one bit. */
export function pickMode(values: readonly string[], want: ColorMode): string | undefined {
  const exact = values.find((v) => modeKind(v) === want);
  if (exact || want !== 'lineart') return exact;
  return values.find((v) => modeKind(v) === 'halftone');
}

/** The allowed value nearest to `want`: clamped and stepped for a range, nearest for a list. */
export function fitNumber(want: number, constraint: SaneConstraint | null): number {
  if (!constraint) return want;
  if (constraint.type === 'range') {
    const { min, max, quant } = constraint;
    let v = Math.min(Math.max(want, min), max);
    if (quant > 0) v = Math.min(min + Math.round((v - min) / quant) * quant, max);
    return v;
  }
  if (constraint.type === 'wordList' && constraint.values.length > 0) {
    return constraint.values.reduce((best, v) => (Math.abs(v - want) < Math.abs(best - want) ? v : best));
  }
  return want;
}

export function allows(constraint: SaneConstraint | null, value: number): boolean {
  if (!constraint) return true;
  if (constraint.type === 'wordList') return constraint.values.includes(value);
  if (constraint.type === 'range') return value >= constraint.min && value <= constraint.max;
  return false;
}

import type { QcFlag, QcMetrics } from '../../contract/digitization-types.js';
import type { QcThresholds } from './protocol.js';

export const DEFAULT_QC: QcThresholds = {
  blurBelow: 0.6,
  blankInkBelow: 0.0005,
  blankStdDevBelow: 3,
  skewAbove: 1,
  resolutionTolerance: 0.98,
};

/**
 * Turns measurements into flags. A blank page gets only `blank` (and resolution flags): sharpness
 * and skew mean nothing without ink, and a flood of false blur flags would teach operators to
 * ignore the flags.
 */
export function judge(metrics: QcMetrics, expectedResolution: number | null, t: QcThresholds): QcFlag[] {
  const flags: QcFlag[] = [];
  const blank = metrics.inkRatio < t.blankInkBelow || metrics.stdDev < t.blankStdDevBelow;
  if (blank) {
    flags.push('blank');
  } else {
    if (metrics.sharpness < t.blurBelow) flags.push('blur');
    if (metrics.skewDegrees !== null && Math.abs(metrics.skewDegrees) > t.skewAbove) flags.push('skew');
  }
  if (expectedResolution) {
    if (metrics.resolution === null) flags.push('resolution_unknown');
    else if (metrics.resolution < expectedResolution * t.resolutionTolerance) flags.push('resolution_low');
  }
  return flags;
}

/**
 * Skew by projection profiles: lines of text cast sharp peaks when ink pixels are projected onto
 * the axis across the lines at the page's true angle, and smeared ones at any other. The angle whose
 * profile changes most from row to row wins. Runs on a small binarized image (a few hundred pixels
 * a side), where a full search takes milliseconds.
 */

export interface InkMask {
  /** 1 where there is ink. */
  data: Uint8Array;
  width: number;
  height: number;
}

export interface SkewOptions {
  /** Largest skew searched, in degrees either way. */
  maxDegrees: number;
  /** Fewer ink pixels than this cannot show lines. */
  minInkPixels: number;
}

const DEFAULTS: SkewOptions = { maxDegrees: 6, minInkPixels: 200 };

/** Ink pixels beyond this many are sampled evenly: more adds time, not accuracy. */
const MAX_SAMPLES = 20_000;

/**
 * Degrees the content is turned clockwise (as `sharp().rotate(a)` turns it), to 0.1°;
 * null when there is too little ink to tell.
 */
export function estimateSkew(mask: InkMask, options: Partial<SkewOptions> = {}): number | null {
  const { maxDegrees, minInkPixels } = { ...DEFAULTS, ...options };
  const { xs, ys } = inkPoints(mask);
  if (xs.length < minInkPixels) return null;
  const bins = new Float64Array(mask.height + 2 * mask.width + 2);
  const score = (degrees: number) => profileScore(xs, ys, degrees, mask.width, bins);

  let best = 0;
  let bestScore = score(0);
  for (let a = -maxDegrees; a <= maxDegrees + 1e-9; a += 0.5) {
    const s = score(a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  const coarse = best;
  for (let a = coarse - 0.5; a <= coarse + 0.5 + 1e-9; a += 0.1) {
    const s = score(a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  return Math.round(best * 10) / 10 || 0;
}

function inkPoints(mask: InkMask): { xs: Int32Array; ys: Int32Array } {
  let count = 0;
  for (let i = 0; i < mask.data.length; i++) count += mask.data[i]!;
  const step = Math.max(1, Math.ceil(count / MAX_SAMPLES));
  const n = Math.ceil(count / step);
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let seen = 0;
  let k = 0;
  for (let y = 0; y < mask.height; y++) {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) {
      if (mask.data[row + x] && seen++ % step === 0 && k < n) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { xs: xs.subarray(0, k), ys: ys.subarray(0, k) };
}

/** Sum of squared differences between neighbouring rows of the profile at this angle. */
function profileScore(
  xs: Int32Array,
  ys: Int32Array,
  degrees: number,
  width: number,
  bins: Float64Array,
): number {
  const r = (degrees * Math.PI) / 180;
  const sin = Math.sin(r);
  const cos = Math.cos(r);
  bins.fill(0);
  // Content turned clockwise by r: a text line y = c + x·tan(r); undoing it gives y·cos − x·sin.
  for (let i = 0; i < xs.length; i++) {
    const row = Math.round(ys[i]! * cos - xs[i]! * sin) + width;
    bins[row]! += 1;
  }
  let score = 0;
  for (let i = 1; i < bins.length; i++) {
    const d = bins[i]! - bins[i - 1]!;
    score += d * d;
  }
  return score;
}

import { estimateSkew } from './skew.js';

export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Interleaved 8-bit pixels: 1 channel (grey) or 3–4 (sRGB, with alpha). */
export interface Pixels extends GreyImage {
  channels: number;
}

export interface Measurements {
  sharpness: number;
  inkRatio: number;
  stdDev: number;
  skewDegrees: number | null;
}

/** Ink and skew are measured on a copy at most this long: text lines stay distinct, the search is fast. */
const SMALL_LONG_EDGE = 800;
/** Sharpness samples every this many rows. */
const ROW_STEP = 2;
/** Paper is what most of the page is: this percentile of brightness. */
const PAPER_PERCENTILE = 0.9;
/** Ink is anything darker than this share of the paper's brightness. */
const INK_SHARE = 0.6;
/** A pixel this close to the paper's brightness is paper. */
const PAPER_SHARE = 0.75;
/** A row or column of the small copy is on the page when this share of it is paper. */
const ON_PAGE = 0.25;
/**
 * The page box is shrunk by this share on each side before ink is counted: the copy stand shows
 * in the corners of a skewed page, while a printed page keeps its text further in than this.
 */
const INSET = 0.08;

/**
 * Measures a page at the quality-control size (QC_LONG_EDGE in derive.ts). Sharpness is read
 * from the page itself; ink and skew from a copy shrunk to at most SMALL_LONG_EDGE pixels.
 *
 * Sharpness is the energy of the Laplacian over the energy of the gradient. The variance of the
 * Laplacian alone grows with the amount of text and its contrast, and dividing it by the image's
 * variance fails for a camera frame, where the dark copy stand around the page dominates the
 * variance. Both energies vanish on flat areas (paper, copy stand) and scale alike with contrast
 * and text, so their ratio depends on edge width alone: a blurred edge is wide and curves gently.
 * One pass in plain JavaScript computes both (sharp's convolve would take three passes and clip
 * the signed Laplacian to 8 bits).
 *
 * Ink and skew are taken inside the page: on a camera frame the copy stand around the book is as
 * dark as ink and would make every page look full and straight.
 */
export function measure(page: Pixels): Measurements {
  const { sharpness, stdDev } = edges(page);
  const small = shrink(page, SMALL_LONG_EDGE);
  const paper = paperLevel(small.data);
  const box = pageBox(small, paper * PAPER_SHARE);
  const mask = new Uint8Array(small.data.length);
  const threshold = paper * INK_SHARE;
  let ink = 0;
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.left; x < box.right; x++) {
      const i = y * small.width + x;
      if (small.data[i]! < threshold) {
        mask[i] = 1;
        ink++;
      }
    }
  }
  const area = (box.bottom - box.top) * (box.right - box.left);
  const inkRatio = area > 0 ? ink / area : 0;
  const skewDegrees = estimateSkew({ data: mask, width: small.width, height: small.height });
  return {
    sharpness: round(sharpness, 3),
    inkRatio: round(inkRatio, 5),
    stdDev: round(stdDev, 2),
    skewDegrees,
  };
}

/**
 * Laplacian over gradient energy, and the standard deviation, in one pass. Colour pages are read
 * on their green channel, in place: it carries most of the luminance and spares a conversion pass.
 * Every other row is enough for these averages (each sample still uses its full-resolution
 * neighbours), and halves the time.
 */
function edges({ data, width: w, height: h, channels }: Pixels): { sharpness: number; stdDev: number } {
  const c = channels;
  const first = c >= 3 ? 1 : 0;
  const row = w * c;
  let laplacian = 0;
  let gradient = 0;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y += ROW_STEP) {
    const start = y * row + first;
    for (let x = 1, i = start + c; x < w - 1; x++, i += c) {
      const v = data[i]!;
      const left = data[i - c]!;
      const right = data[i + c]!;
      const up = data[i - row]!;
      const down = data[i + row]!;
      const l = left + right + up + down - 4 * v;
      const gx = right - left;
      const gy = down - up;
      laplacian += l * l;
      gradient += gx * gx + gy * gy;
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  const mean = n ? sum / n : 0;
  return {
    sharpness: gradient > 0 ? laplacian / gradient : 0,
    stdDev: n ? Math.sqrt(Math.max(0, sumSq / n - mean * mean)) : 0,
  };
}

/**
 * A grey copy box-averaged by a whole factor so its long edge is at most `longEdge` (green channel
 * of colour pages). In plain JavaScript: a sharp round trip of raw pixels costs several times more.
 */
export function shrink({ data, width, height, channels }: Pixels, longEdge: number): GreyImage {
  const f = Math.max(1, Math.ceil(Math.max(width, height) / longEdge));
  const first = channels >= 3 ? 1 : 0;
  const w = Math.floor(width / f);
  const h = Math.floor(height / f);
  const out = new Uint8Array(w * h);
  if (f === 2) return { data: halve(data, width, channels, first, w, h, out), width: w, height: h };
  const area = f * f;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let total = 0;
      for (let dy = 0; dy < f; dy++) {
        let i = ((y * f + dy) * width + x * f) * channels + first;
        for (let dx = 0; dx < f; dx++, i += channels) total += data[i]!;
      }
      out[y * w + x] = (total / area + 0.5) | 0;
    }
  }
  return { data: out, width: w, height: h };
}

/**
 * `shrink` by two, the common case (a 1600-pixel page to 800), written out: the general loop's
 * inner loops cost three times as much for four pixels.
 */
function halve(
  data: Uint8Array,
  width: number,
  channels: number,
  first: number,
  w: number,
  h: number,
  out: Uint8Array,
): Uint8Array {
  const row = width * channels;
  const step = 2 * channels;
  for (let y = 0; y < h; y++) {
    let i = 2 * y * row + first;
    let o = y * w;
    for (let x = 0; x < w; x++, i += step, o++) {
      out[o] = (data[i]! + data[i + channels]! + data[i + row]! + data[i + row + channels]! + 2) >> 2;
    }
  }
  return out;
}

function paperLevel(pixels: Uint8Array): number {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < pixels.length; i++) histogram[pixels[i]!]!++;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= pixels.length * PAPER_PERCENTILE) return v;
  }
  return 255;
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The rows and columns where paper shows (the whole image for a flatbed scan), inset a little. */
function pageBox(image: GreyImage, paperFrom: number): Box {
  const rows = new Uint32Array(image.height);
  const cols = new Uint32Array(image.width);
  for (let y = 0; y < image.height; y++) {
    const row = y * image.width;
    for (let x = 0; x < image.width; x++) {
      if (image.data[row + x]! >= paperFrom) {
        rows[y]!++;
        cols[x]!++;
      }
    }
  }
  const [top, bottom] = span(rows, image.width * ON_PAGE) ?? [0, image.height];
  const [left, right] = span(cols, image.height * ON_PAGE) ?? [0, image.width];
  const dy = Math.floor((bottom - top) * INSET);
  const dx = Math.floor((right - left) * INSET);
  return { top: top + dy, bottom: bottom - dy, left: left + dx, right: right - dx };
}

/** First and one-past-last index whose count reaches `min`; undefined when none does. */
function span(counts: Uint32Array, min: number): [number, number] | undefined {
  let first = -1;
  let last = -1;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i]! >= min) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? undefined : [first, last + 1];
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

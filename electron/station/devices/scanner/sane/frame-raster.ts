import os from 'node:os';
import type { Raster } from '../image/raster.js';
import type { SaneParameters } from './addon-types.js';

export interface RawFrame {
  parameters: SaneParameters;
  data: Buffer;
}

const BIG_ENDIAN_HOST = os.endianness() === 'BE';

/**
 * Turns the frames of one page, as sane_read delivered them, into a PNG-ready raster:
 * - one GRAY or RGB frame, or three RED/GREEN/BLUE frames (three-pass scanners), merged;
 * - padding at the end of each line (bytes_per_line wider than the pixels) dropped;
 * - an unknown height (lines = -1, hand-held and some sheet-fed scanners) taken from the bytes
 *   that arrived; a short final line is dropped;
 * - 16-bit samples, which SANE sends in host byte order, made big-endian;
 * - 1-bit gray inverted: SANE's set bit is black, PNG's is white. 1-bit RGB widens to 8 bits,
 *   which PNG requires for colour.
 */
export function framesToRaster(frames: readonly RawFrame[]): Raster {
  const first = frames[0];
  if (!first) throw new Error('no frames');
  const { format } = first.parameters;
  if (format === 'gray' || format === 'rgb') {
    if (frames.length !== 1) throw new Error(`a ${format} page has one frame, got ${frames.length}`);
    return singleFrame(first);
  }
  if (format === 'red' || format === 'green' || format === 'blue') return threePass(frames);
  throw new Error(`SANE frame format ${first.parameters.formatValue} is not supported`);
}

function heightOf({ parameters, data }: RawFrame): number {
  const complete = Math.floor(data.length / parameters.bytesPerLine);
  return parameters.lines >= 0 ? Math.min(parameters.lines, complete) : complete;
}

function singleFrame(frame: RawFrame): Raster {
  const { parameters: p, data } = frame;
  const channels = p.format === 'rgb' ? 3 : 1;
  const width = p.pixelsPerLine;
  const height = heightOf(frame);
  const depth = p.depth;
  if (depth !== 1 && depth !== 8 && depth !== 16) throw new Error(`SANE depth ${depth} is not supported`);

  if (depth === 1 && channels === 3) return widenRgbBits(frame, height);

  const stride = Math.ceil((width * channels * depth) / 8);
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++)
    data.copy(out, y * stride, y * p.bytesPerLine, y * p.bytesPerLine + stride);
  if (depth === 1) {
    for (let i = 0; i < out.length; i++) out[i] = ~out[i]! & 0xff;
  } else if (depth === 16 && !BIG_ENDIAN_HOST) {
    out.swap16();
  }
  return { width, height, channels, depth, data: out };
}

function widenRgbBits(frame: RawFrame, height: number): Raster {
  const { parameters: p, data } = frame;
  const width = p.pixelsPerLine;
  const out = Buffer.alloc(width * 3 * height);
  for (let y = 0; y < height; y++) {
    const row = y * p.bytesPerLine;
    for (let s = 0; s < width * 3; s++) {
      const bit = (data[row + (s >> 3)]! >> (7 - (s & 7))) & 1;
      out[y * width * 3 + s] = bit ? 255 : 0;
    }
  }
  return { width, height, channels: 3, depth: 8, data: out };
}

function threePass(frames: readonly RawFrame[]): Raster {
  const planes = new Map<string, RawFrame>();
  for (const f of frames) planes.set(f.parameters.format, f);
  const red = planes.get('red');
  const green = planes.get('green');
  const blue = planes.get('blue');
  if (!red || !green || !blue || frames.length !== 3)
    throw new Error('a three-pass page needs red, green and blue frames');
  const depth = red.parameters.depth;
  if (depth !== 8 && depth !== 16) throw new Error(`three-pass depth ${depth} is not supported`);
  const width = red.parameters.pixelsPerLine;
  const height = Math.min(heightOf(red), heightOf(green), heightOf(blue));
  const bytesPerSample = depth / 8;
  const out = Buffer.alloc(width * 3 * bytesPerSample * height);
  const sources = [red, green, blue];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        const src = sources[c]!;
        const from = y * src.parameters.bytesPerLine + x * bytesPerSample;
        const to = ((y * width + x) * 3 + c) * bytesPerSample;
        src.data.copy(out, to, from, from + bytesPerSample);
      }
    }
  }
  if (depth === 16 && !BIG_ENDIAN_HOST) out.swap16();
  return { width, height, channels: 3, depth, data: out };
}

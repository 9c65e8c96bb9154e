/**
 * An uncompressed image in PNG's own sample layout: rows top to bottom, no padding, samples
 * big-endian at depth 16, and at depth 1 a set bit is white (PNG's convention, the opposite of
 * SANE's line-art).
 */
export interface Raster {
  width: number;
  height: number;
  channels: 1 | 3;
  depth: 1 | 8 | 16;
  data: Buffer;
}

export function rowBytes(r: Pick<Raster, 'width' | 'channels' | 'depth'>): number {
  return Math.ceil((r.width * r.channels * r.depth) / 8);
}

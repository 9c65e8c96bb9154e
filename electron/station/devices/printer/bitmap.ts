/** A 1-bit image as ESC/POS raster commands carry it: rows of `width / 8` bytes, MSB first, 1 = black. */
export interface Bitmap {
  /** Dots; a multiple of 8. */
  width: number;
  height: number;
  data: Uint8Array;
}

export function emptyBitmap(width: number, height: number): Bitmap {
  const w = Math.ceil(width / 8) * 8;
  return { width: w, height, data: new Uint8Array((w / 8) * height) };
}

/**
 * Draws a greyscale image (one byte per pixel) into the bitmap at (x, y); pixels for which `ink`
 * says so become black. Parts falling outside are clipped.
 */
export function blit(
  target: Bitmap,
  grey: Uint8Array,
  width: number,
  height: number,
  x: number,
  y: number,
  ink: (value: number) => boolean,
): void {
  const rowBytes = target.width / 8;
  for (let row = 0; row < height; row++) {
    const ty = y + row;
    if (ty < 0 || ty >= target.height) continue;
    for (let col = 0; col < width; col++) {
      const tx = x + col;
      if (tx < 0 || tx >= target.width) continue;
      if (ink(grey[row * width + col]!)) target.data[ty * rowBytes + (tx >> 3)]! |= 0x80 >> (tx & 7);
    }
  }
}

export function isBlack(bitmap: Bitmap, x: number, y: number): boolean {
  return (bitmap.data[y * (bitmap.width / 8) + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
}

/** Stacks bitmaps of the same width. */
export function stack(parts: Bitmap[]): Bitmap {
  const width = parts[0]?.width ?? 8;
  const out = emptyBitmap(
    width,
    parts.reduce((h, p) => h + p.height, 0),
  );
  let at = 0;
  for (const p of parts) {
    out.data.set(p.data, at);
    at += p.data.length;
  }
  return out;
}

/** The bitmap as 8-bit greyscale (0 black, 255 white), for encoding a PNG. */
export function toGrey(bitmap: Bitmap): Uint8Array {
  const out = new Uint8Array(bitmap.width * bitmap.height).fill(255);
  for (let y = 0; y < bitmap.height; y++)
    for (let x = 0; x < bitmap.width; x++) if (isBlack(bitmap, x, y)) out[y * bitmap.width + x] = 0;
  return out;
}

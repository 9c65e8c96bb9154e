/**
 * Recognisable page images for the test scanner: white paper, a black frame, and as many black
 * bars across the top as the page's number, so a test can tell page 3 from page 4.
 */
export function testPage(width: number, height: number, channels: 1 | 3, page: number): Uint8Array {
  const data = new Uint8Array(width * height * channels).fill(255);
  const border = Math.max(1, Math.round(Math.min(width, height) * 0.02));
  const barHeight = Math.max(2, Math.round(height * 0.02));
  const set = (x: number, y: number, v: number) => {
    const p = (y * width + x) * channels;
    for (let c = 0; c < channels; c++) data[p + c] = v;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x < border || y < border || x >= width - border || y >= height - border) set(x, y, 0);
    }
  }
  for (let bar = 0; bar < page; bar++) {
    const top = border * 2 + bar * barHeight * 2;
    for (let y = top; y < Math.min(top + barHeight, height - border); y++) {
      for (let x = border * 2; x < width - border * 2; x++) set(x, y, 0);
    }
  }
  return data;
}

/** 8-bit gray samples to PNG's 1-bit layout (set bit = white). */
export function toOneBit(gray: Uint8Array, width: number, height: number): Buffer {
  const stride = Math.ceil(width / 8);
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * stride + (x >> 3);
      if (gray[y * width + x]! >= 128) out[i] = out[i]! | (0x80 >> (x & 7));
    }
  }
  return out;
}

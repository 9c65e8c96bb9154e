import sharp from 'sharp';

/** A4 at 300 dpi, as a flatbed delivers it. */
export const A4_300 = { width: 2480, height: 3508 };

/**
 * A greyscale page with text-like marks: lines of "words" made of letter-sized strokes on slightly
 * noisy paper, inside margins. Deterministic for a seed.
 */
export function textPageRaw(width: number, height: number, seed = 1): Buffer {
  const px = Buffer.alloc(width * height);
  let s = seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
  for (let i = 0; i < px.length; i++) px[i] = 234 + Math.floor(rnd() * 10);
  // Sizes relative to an A4 page at 300 dpi, so smaller test pages keep the same look.
  const k = width / 2480;
  const margin = Math.round(250 * k);
  const lineGap = Math.max(6, Math.round(52 * k));
  const xHeight = Math.max(3, Math.round(22 * k));
  const stroke = Math.max(1, Math.round(3 * k));
  const ink = (x: number, y: number) => {
    if (x >= 0 && y >= 0 && x < width && y < height) px[y * width + x] = 25 + Math.floor(rnd() * 20);
  };
  for (let y = margin; y < height - margin; y += lineGap) {
    let x = margin;
    while (x < width - margin) {
      const letters = 2 + Math.floor(rnd() * 9);
      for (let c = 0; c < letters && x < width - margin; c++) {
        const w = Math.max(3, Math.round((12 + rnd() * 8) * k));
        const ascender = rnd() < 0.3 ? Math.round(10 * k) : 0;
        for (let yy = y - ascender; yy < y + xHeight; yy++) {
          for (let t = 0; t < stroke; t++) {
            ink(x + t, yy);
            ink(x + w - stroke + t, yy);
          }
        }
        const bar = y + Math.floor(rnd() * xHeight);
        for (let yy = bar; yy < bar + stroke; yy++) for (let xx = x; xx < x + w; xx++) ink(xx, yy);
        x += w + Math.max(1, Math.round(4 * k));
      }
      x += Math.max(3, Math.round(18 * k));
    }
  }
  return px;
}

function grey(raw: Buffer, width: number, height: number) {
  return sharp(raw, { raw: { width, height, channels: 1 } });
}

export interface PageSet {
  clean: Buffer;
  blurred: Buffer;
  rotated: Buffer;
  blank: Buffer;
}

/** The QC test set as PNG masters: a clean page, a blurred copy, a copy turned 3°, a blank page. */
export async function qcPages(width = A4_300.width, height = A4_300.height): Promise<PageSet> {
  const raw = textPageRaw(width, height, 7);
  const clean = await grey(raw, width, height)
    .withMetadata({ density: 300 })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const [blurred, rotated, blank] = await Promise.all([
    sharp(clean).blur(2.5).withMetadata({ density: 300 }).png({ compressionLevel: 1 }).toBuffer(),
    turned(clean, 3, width, height),
    sharp({
      create: {
        width,
        height,
        channels: 3,
        background: '#eeeeee',
        noise: { type: 'gaussian', mean: 238, sigma: 3 },
      },
    })
      .greyscale()
      .withMetadata({ density: 300 })
      .png()
      .toBuffer(),
  ]);
  return { clean, blurred, rotated, blank };
}

/**
 * The page turned clockwise by `degrees`, cut back to its size. Two steps: in one pipeline sharp
 * resizes before an arbitrary-angle rotation, which would leave the turned page uncropped.
 */
export async function turned(png: Buffer, degrees: number, width: number, height: number): Promise<Buffer> {
  const rotated = await sharp(png)
    .rotate(degrees, { background: '#eeeeee' })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return sharp(rotated)
    .resize(width, height, { fit: 'cover' })
    .withMetadata({ density: 300 })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** A small, distinct page (its number drawn as a bar code of stripes) for operation tests. */
export async function smallPage(n: number, format: 'png' | 'jpeg' | 'tiff' = 'png'): Promise<Buffer> {
  const width = 300;
  const height = 420;
  const raw = textPageRaw(width, height, n + 1);
  const image = grey(raw, width, height).withMetadata({ density: 300 });
  if (format === 'jpeg') return image.jpeg({ quality: 90 }).toBuffer();
  if (format === 'tiff') return image.tiff().toBuffer();
  return image.png({ compressionLevel: 1 }).toBuffer();
}

/** A 24-megapixel camera frame (6000×4000 JPEG): a page on a dark copy stand, with sensor noise. */
export async function cameraFrame(seed: number): Promise<Buffer> {
  const pageW = 2700;
  const pageH = 3800;
  const page = await grey(textPageRaw(pageW, pageH, seed), pageW, pageH)
    .toColourspace('srgb')
    .png({ compressionLevel: 1 })
    .toBuffer();
  return sharp({
    create: {
      width: 6000,
      height: 4000,
      channels: 3,
      background: '#202020',
      noise: { type: 'gaussian', mean: 40, sigma: 6 },
    },
  })
    .composite([{ input: page, left: 1650, top: 100 }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

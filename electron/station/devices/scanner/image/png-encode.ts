import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { type Raster, rowBytes } from './raster.js';

const deflate = promisify(zlib.deflate);

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Encodes a raster as PNG (no image library is installed with the app, and PNG needs only
 * zlib). Deflate runs on libuv's thread pool, so a 100 MB colour page does not stall the event
 * loop. Rows use filter "none": scans are large and this keeps encoding cheap; the archive copy is
 * lossless either way. `dpi` goes into a pHYs chunk so viewers and OCR know the page's size.
 */
export async function encodePng(
  raster: Raster,
  options: { dpi?: number; level?: number } = {},
): Promise<Buffer> {
  const { width, height, channels, depth, data } = raster;
  if (width < 1 || height < 1) throw new RangeError(`cannot encode an empty ${width}×${height} image`);
  const stride = rowBytes(raster);
  if (data.length < stride * height) {
    throw new RangeError(
      `raster holds ${data.length} bytes, ${stride * height} needed for ${width}×${height}`,
    );
  }
  const filtered = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) data.copy(filtered, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const idat = await deflate(filtered, { level: options.level ?? 6 });

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = channels === 3 ? 2 : 0; // colour type: truecolour or greyscale
  // bytes 10–12: deflate, adaptive filtering, no interlace

  const chunks = [SIGNATURE, chunk('IHDR', ihdr)];
  if (options.dpi && options.dpi > 0) {
    const perMetre = Math.round(options.dpi / 0.0254);
    const phys = Buffer.alloc(9);
    phys.writeUInt32BE(perMetre, 0);
    phys.writeUInt32BE(perMetre, 4);
    phys[8] = 1; // unit: metre
    chunks.push(chunk('pHYs', phys));
  }
  chunks.push(chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(chunks);
}

function chunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  body.copy(out, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + body.length)) >>> 0, 8 + body.length);
  return out;
}

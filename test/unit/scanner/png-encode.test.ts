import { describe, expect, it } from 'vitest';
import { imageInfo } from '../../../electron/station/devices/scanner/image/image-info.js';
import { encodePng } from '../../../electron/station/devices/scanner/image/png-encode.js';
import { decodePng } from './png-decode.js';

describe('PNG encoder', () => {
  it('round-trips 8-bit gray and records the resolution', async () => {
    const data = Buffer.from(Array.from({ length: 7 * 5 }, (_, i) => (i * 37) & 0xff));
    const png = await encodePng({ width: 7, height: 5, channels: 1, depth: 8, data }, { dpi: 300 });
    const decoded = decodePng(png);
    expect(decoded).toMatchObject({ width: 7, height: 5, depth: 8, colorType: 0 });
    expect(decoded.data.equals(data)).toBe(true);
    expect(decoded.pixelsPerMetre).toBe(11811); // 300 dpi
    expect(decoded.chunks).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(imageInfo(png)).toEqual({ mimeType: 'image/png', width: 7, height: 5 });
  });

  it('round-trips RGB, 16-bit and 1-bit rasters', async () => {
    const rgb = Buffer.from(Array.from({ length: 3 * 4 * 3 }, (_, i) => (i * 11) & 0xff));
    expect(
      decodePng(await encodePng({ width: 3, height: 4, channels: 3, depth: 8, data: rgb })).data.equals(rgb),
    ).toBe(true);

    const deep = Buffer.from([0x12, 0x34, 0xff, 0x00, 0x00, 0x01, 0xab, 0xcd]);
    const d16 = decodePng(await encodePng({ width: 2, height: 2, channels: 1, depth: 16, data: deep }));
    expect(d16).toMatchObject({ depth: 16, colorType: 0 });
    expect(d16.data.equals(deep)).toBe(true);

    const bits = Buffer.from([0b10101000, 0b01010000]); // 5 pixels wide, 2 rows
    const d1 = decodePng(await encodePng({ width: 5, height: 2, channels: 1, depth: 1, data: bits }));
    expect(d1).toMatchObject({ width: 5, height: 2, depth: 1 });
    expect(d1.data.equals(bits)).toBe(true);
  });

  it('refuses a raster shorter than its size says', async () => {
    await expect(
      encodePng({ width: 10, height: 10, channels: 1, depth: 8, data: Buffer.alloc(99) }),
    ).rejects.toThrow(RangeError);
  });
});

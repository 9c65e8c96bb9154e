import { describe, expect, it } from 'vitest';
import { imageInfo } from '../../../electron/station/devices/scanner/image/image-info.js';
import { encodeJpeg } from '../../integration/scanner/jpeg-encode.js';

describe('imageInfo', () => {
  it('reads a JPEG frame header past APP and table segments', () => {
    const jpeg = encodeJpeg({
      width: 37,
      height: 21,
      channels: 3,
      data: new Uint8Array(37 * 21 * 3).fill(200),
    });
    expect(imageInfo(jpeg)).toEqual({ mimeType: 'image/jpeg', width: 37, height: 21 });
    const gray = encodeJpeg({ width: 8, height: 300, channels: 1, data: new Uint8Array(8 * 300) });
    expect(imageInfo(gray)).toEqual({ mimeType: 'image/jpeg', width: 8, height: 300 });
  });

  it('returns undefined for PDF, truncated and empty data', () => {
    expect(imageInfo(Buffer.from('%PDF-1.7\n'))).toBeUndefined();
    expect(imageInfo(Buffer.from([0xff, 0xd8, 0xff]))).toBeUndefined();
    expect(imageInfo(Buffer.alloc(0))).toBeUndefined();
  });
});

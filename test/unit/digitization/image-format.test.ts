import { describe, expect, it } from 'vitest';
import { DigitizationError } from '../../../electron/station/digitization/errors.js';
import { detectFormat } from '../../../electron/station/digitization/pipeline/image-format.js';

const bytes = (...b: number[]) => Uint8Array.from([...b, 0, 0, 0, 0, 0, 0, 0, 0]);

describe('master format', () => {
  it('is read from the bytes, not the MIME type', () => {
    expect(detectFormat(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(detectFormat(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
    expect(detectFormat(bytes(0x49, 0x49, 42, 0))).toBe('tiff');
    expect(detectFormat(bytes(0x4d, 0x4d, 0, 42))).toBe('tiff');
    expect(detectFormat(bytes(0x49, 0x49, 43, 0))).toBe('tiff');
  });

  it('refuses anything else (a PDF from an eSCL scanner) with IMAGE_FORMAT', () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n');
    try {
      detectFormat(pdf);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DigitizationError);
      expect((err as DigitizationError).code).toBe('IMAGE_FORMAT');
    }
    expect(() => detectFormat(new Uint8Array())).toThrow(DigitizationError);
  });
});

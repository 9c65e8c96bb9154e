import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { SaneParameters } from '../../../electron/station/devices/scanner/sane/addon-types.js';
import { framesToRaster } from '../../../electron/station/devices/scanner/sane/frame-raster.js';

const params = (p: Partial<SaneParameters>): SaneParameters => ({
  format: 'gray',
  formatValue: 0,
  lastFrame: true,
  bytesPerLine: 4,
  pixelsPerLine: 4,
  lines: 2,
  depth: 8,
  ...p,
});

describe('SANE frames to raster', () => {
  it('drops line padding (ppl-loss) and keeps whole lines only', () => {
    const data = Buffer.from([1, 2, 3, 9, 4, 5, 6, 9, 7]); // 3 pixels + 1 pad byte per line, a stray byte
    const r = framesToRaster([
      { parameters: params({ pixelsPerLine: 3, bytesPerLine: 4, lines: -1 }), data },
    ]);
    expect(r).toMatchObject({ width: 3, height: 2, channels: 1, depth: 8 });
    expect([...r.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('inverts 1-bit gray: SANE sets a bit for black, PNG for white', () => {
    const r = framesToRaster([
      {
        parameters: params({ depth: 1, pixelsPerLine: 8, bytesPerLine: 1, lines: 1 }),
        data: Buffer.from([0b11110000]),
      },
    ]);
    expect([...r.data]).toEqual([0b00001111]);
  });

  it('makes 16-bit samples big-endian', () => {
    const sample = Buffer.alloc(2);
    if (os.endianness() === 'LE') sample.writeUInt16LE(0x1234);
    else sample.writeUInt16BE(0x1234);
    const r = framesToRaster([
      { parameters: params({ depth: 16, pixelsPerLine: 1, bytesPerLine: 2, lines: 1 }), data: sample },
    ]);
    expect([...r.data]).toEqual([0x12, 0x34]);
  });

  it('merges three-pass red, green and blue frames into RGB', () => {
    const frame = (format: 'red' | 'green' | 'blue', v: number, lastFrame = false) => ({
      parameters: params({ format, pixelsPerLine: 2, bytesPerLine: 2, lines: 1, lastFrame }),
      data: Buffer.from([v, v + 1]),
    });
    const r = framesToRaster([frame('blue', 30), frame('red', 10), frame('green', 20, true)]);
    expect(r).toMatchObject({ width: 2, height: 1, channels: 3, depth: 8 });
    expect([...r.data]).toEqual([10, 20, 30, 11, 21, 31]);
  });

  it('widens 1-bit RGB to 8 bits, which PNG needs for colour', () => {
    const r = framesToRaster([
      {
        parameters: params({ format: 'rgb', depth: 1, pixelsPerLine: 2, bytesPerLine: 1, lines: 1 }),
        data: Buffer.from([0b10100100]),
      },
    ]);
    expect([...r.data]).toEqual([255, 0, 255, 0, 0, 255]);
  });

  it('refuses frame formats it cannot read', () => {
    expect(() =>
      framesToRaster([{ parameters: params({ format: 'other', formatValue: 11 }), data: Buffer.alloc(8) }]),
    ).toThrow(/not supported/);
  });
});

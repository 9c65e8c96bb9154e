import { describe, expect, it } from 'vitest';
import { estimateSkew } from '../../../electron/station/digitization/pipeline/skew.js';

/** Lines of "text" (short dashes) turned clockwise by `degrees` about the centre. */
function linesMask(width: number, height: number, degrees: number) {
  const data = new Uint8Array(width * height);
  const r = (degrees * Math.PI) / 180;
  const [cx, cy] = [width / 2, height / 2];
  for (let line = 60; line < height - 60; line += 14) {
    for (let x = 60; x < width - 60; x++) {
      if (x % 9 > 5) continue; // gaps between letters
      for (let t = 0; t < 4; t++) {
        const [dx, dy] = [x - cx, line + t - cy];
        const px = Math.round(cx + dx * Math.cos(r) - dy * Math.sin(r));
        const py = Math.round(cy + dx * Math.sin(r) + dy * Math.cos(r));
        if (px >= 0 && py >= 0 && px < width && py < height) data[py * width + px] = 1;
      }
    }
  }
  return { data, width, height };
}

describe('skew estimate', () => {
  it('finds the angle of turned text lines to a few tenths of a degree, either way', () => {
    for (const degrees of [-5, -2.5, -0.7, 0, 0.4, 1.5, 3, 4.8]) {
      const found = estimateSkew(linesMask(560, 760, degrees));
      expect(found, `${degrees}°`).not.toBeNull();
      expect(Math.abs(found! - degrees), `${degrees}° → ${found}°`).toBeLessThanOrEqual(0.3);
    }
  });

  it('says nothing about a page with too little ink', () => {
    const empty = { data: new Uint8Array(400 * 400), width: 400, height: 400 };
    expect(estimateSkew(empty)).toBeNull();
    empty.data.fill(1, 0, 50);
    expect(estimateSkew(empty)).toBeNull();
  });
});

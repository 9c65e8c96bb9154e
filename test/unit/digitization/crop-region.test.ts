import { describe, expect, it } from 'vitest';
import { cropRegion } from '../../../electron/station/digitization/pipeline/crop-region.js';

const image = { width: 300, height: 420 };

describe('the region a crop keeps', () => {
  it('is the box itself when it lies inside the image', () => {
    expect(cropRegion({ x: 10, y: 20, width: 100, height: 200 }, image)).toEqual({
      left: 10,
      top: 20,
      width: 100,
      height: 200,
    });
  });

  it('means no cut without a box, or for a box covering the whole image', () => {
    expect(cropRegion(null, image)).toBeNull();
    expect(cropRegion(undefined, image)).toBeNull();
    expect(cropRegion({ x: 0, y: 0, width: 300, height: 420 }, image)).toBeNull();
  });

  it('is cut to the image when the master changed under the box (a rescan of another size)', () => {
    expect(cropRegion({ x: 200, y: 400, width: 500, height: 500 }, image)).toEqual({
      left: 200,
      top: 400,
      width: 100,
      height: 20,
    });
    expect(cropRegion({ x: 400, y: 0, width: 10, height: 10 }, image)).toBeNull();
    expect(cropRegion({ x: 0, y: 0, width: 10, height: 10 }, { width: 0, height: 0 })).toBeNull();
  });
});

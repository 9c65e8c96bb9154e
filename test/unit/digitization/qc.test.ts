import { describe, expect, it } from 'vitest';
import type { QcMetrics } from '../../../electron/station/contract/digitization-types.js';
import { DEFAULT_QC, judge } from '../../../electron/station/digitization/pipeline/qc-judge.js';
import { measure } from '../../../electron/station/digitization/pipeline/qc-measure.js';

const sharpPage: QcMetrics = { sharpness: 1.7, inkRatio: 0.1, stdDev: 50, skewDegrees: 0.2, resolution: 300 };

describe('quality control verdicts', () => {
  it('passes a sharp, straight, inked page at the profile resolution', () => {
    expect(judge(sharpPage, 300, DEFAULT_QC)).toEqual([]);
  });

  it('flags blur, skew either way, and resolution below the profile or unknown', () => {
    expect(judge({ ...sharpPage, sharpness: 0.3 }, 300, DEFAULT_QC)).toEqual(['blur']);
    expect(judge({ ...sharpPage, skewDegrees: -2 }, 300, DEFAULT_QC)).toEqual(['skew']);
    expect(judge({ ...sharpPage, skewDegrees: 1 }, 300, DEFAULT_QC)).toEqual([]);
    expect(judge({ ...sharpPage, resolution: 200 }, 300, DEFAULT_QC)).toEqual(['resolution_low']);
    expect(judge({ ...sharpPage, resolution: 299 }, 300, DEFAULT_QC)).toEqual([]);
    expect(judge({ ...sharpPage, resolution: null }, 300, DEFAULT_QC)).toEqual(['resolution_unknown']);
    expect(judge({ ...sharpPage, resolution: null }, null, DEFAULT_QC)).toEqual([]);
  });

  it('calls a page without ink (or without contrast) blank, and nothing else about its text', () => {
    const blank = { ...sharpPage, inkRatio: 0.0001, sharpness: 0.01, skewDegrees: null };
    expect(judge(blank, 300, DEFAULT_QC)).toEqual(['blank']);
    expect(judge({ ...sharpPage, stdDev: 1.5, sharpness: 0.1 }, 300, DEFAULT_QC)).toEqual(['blank']);
  });
});

describe('measurements', () => {
  function paper(width: number, height: number, value = 235) {
    return { data: new Uint8Array(width * height).fill(value), width, height, channels: 1 };
  }

  it('finds no ink and no contrast on plain paper', () => {
    const m = measure(paper(400, 560));
    expect(m.inkRatio).toBe(0);
    expect(m.stdDev).toBe(0);
    expect(m.skewDegrees).toBeNull();
  });

  it('counts ink inside the page only, not the dark copy stand around it', () => {
    // A camera frame: dark everywhere, a paper page in the middle with a block of text.
    const frame = paper(300, 200, 30);
    for (let y = 20; y < 180; y++) for (let x = 90; x < 210; x++) frame.data[y * 300 + x] = 235;
    for (let y = 60; y < 140; y += 6) for (let x = 110; x < 190; x++) frame.data[y * 300 + x] = 20;
    const m = measure(frame);
    expect(m.inkRatio).toBeGreaterThan(0.05);
    expect(m.inkRatio).toBeLessThan(0.3);
  });

  it('reads sharpness from the green channel of colour pages, the same as from grey', () => {
    const grey = paper(60, 40);
    for (let y = 10; y < 30; y += 4) for (let x = 5; x < 55; x++) grey.data[y * 60 + x] = 30;
    const rgb = new Uint8Array(grey.data.length * 3);
    grey.data.forEach((v, i) => {
      rgb.set([255 - v, v, 0], i * 3);
    });
    const fromGrey = measure(grey);
    const fromRgb = measure({ ...grey, data: rgb, channels: 3 });
    expect(fromRgb.sharpness).toBe(fromGrey.sharpness);
    expect(fromRgb.stdDev).toBe(fromGrey.stdDev);
  });
});

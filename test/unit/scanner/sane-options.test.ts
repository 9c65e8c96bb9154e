import { describe, expect, it } from 'vitest';
import type { SaneOptionDescriptor } from '../../../electron/station/devices/scanner/sane/addon-types.js';
import {
  fitNumber,
  modeKind,
  pickMode,
  pickSource,
  sourceKind,
} from '../../../electron/station/devices/scanner/sane/option-values.js';
import { saneCapabilities } from '../../../electron/station/devices/scanner/sane/sane-capabilities.js';

function option(
  p: Partial<SaneOptionDescriptor> & Pick<SaneOptionDescriptor, 'name' | 'type'>,
): SaneOptionDescriptor {
  return {
    index: 1,
    title: p.name,
    desc: '',
    unit: 'none',
    size: 4,
    cap: {
      softSelect: true,
      hardSelect: false,
      softDetect: true,
      emulated: false,
      automatic: false,
      inactive: false,
      advanced: false,
    },
    active: true,
    settable: true,
    constraint: null,
    ...p,
  };
}

describe('SANE option values', () => {
  it('recognises the source names backends use', () => {
    expect(['Flatbed', 'FlatBed', 'Normal', 'Document Table'].map(sourceKind)).toEqual(
      Array(4).fill('flatbed'),
    );
    expect(
      ['ADF', 'ADF Front', 'ADF Duplex', 'Automatic Document Feeder', 'Document Feeder'].map(sourceKind),
    ).toEqual(Array(5).fill('adf'));
    expect(sourceKind('Transparency Unit')).toBeUndefined();
    expect(pickSource(['Flatbed', 'ADF Duplex', 'ADF Front', 'ADF Back'], 'adf')).toBe('ADF Front');
    expect(pickSource(['Flatbed'], 'adf')).toBeUndefined();
  });

  it('recognises mode names and falls back from line-art to halftone', () => {
    expect(
      ['Color', 'Colour', '24bit Color', 'Gray', 'Grayscale', 'Lineart', 'Binary', 'Halftone'].map(modeKind),
    ).toEqual(['color', 'color', 'color', 'gray', 'gray', 'lineart', 'lineart', 'halftone']);
    expect(pickMode(['Color', 'Gray', 'Halftone'], 'lineart')).toBe('Halftone');
    expect(pickMode(['Color', 'Gray'], 'lineart')).toBeUndefined();
  });

  it('fits numbers to ranges (clamped, stepped) and word lists (nearest)', () => {
    expect(fitNumber(1500, { type: 'range', min: 50, max: 1200, quant: 1 })).toBe(1200);
    expect(fitNumber(301, { type: 'range', min: 50, max: 1200, quant: 50 })).toBe(300);
    expect(fitNumber(12.3, { type: 'range', min: 0, max: 200, quant: 0 })).toBe(12.3);
    expect(fitNumber(250, { type: 'wordList', values: [75, 150, 300, 600] })).toBe(300);
    expect(fitNumber(250, null)).toBe(250);
  });
});

describe('capabilities from SANE options', () => {
  it('reads sources, modes (depth 1 counts as line-art), resolutions and the area', () => {
    const caps = saneCapabilities([
      option({
        name: 'source',
        type: 'string',
        constraint: { type: 'stringList', values: ['Flatbed', 'Automatic Document Feeder'] },
      }),
      option({ name: 'mode', type: 'string', constraint: { type: 'stringList', values: ['Gray', 'Color'] } }),
      option({ name: 'depth', type: 'int', constraint: { type: 'wordList', values: [1, 8, 16] } }),
      option({
        name: 'resolution',
        type: 'fixed',
        unit: 'dpi',
        constraint: { type: 'range', min: 1, max: 1200, quant: 1 },
      }),
      option({
        name: 'tl-x',
        type: 'fixed',
        unit: 'mm',
        constraint: { type: 'range', min: 0, max: 200, quant: 1 },
      }),
      option({
        name: 'tl-y',
        type: 'fixed',
        unit: 'mm',
        constraint: { type: 'range', min: 0, max: 200, quant: 1 },
      }),
      option({
        name: 'br-x',
        type: 'fixed',
        unit: 'mm',
        constraint: { type: 'range', min: 0, max: 215.9, quant: 0 },
      }),
      option({
        name: 'br-y',
        type: 'fixed',
        unit: 'mm',
        constraint: { type: 'range', min: 0, max: 297, quant: 0 },
      }),
    ]);
    expect(caps).toEqual({
      sources: ['flatbed', 'adf'],
      modes: ['color', 'gray', 'lineart'],
      resolutions: [75, 100, 150, 200, 240, 300, 400, 600, 1200],
      resolutionRange: { min: 1, max: 1200, step: 1 },
      maxArea: { widthMm: 215.9, heightMm: 297 },
      formats: ['image/png'],
    });
  });

  it('treats a device without a source option as a flatbed', () => {
    const caps = saneCapabilities([
      option({
        name: 'resolution',
        type: 'int',
        unit: 'dpi',
        constraint: { type: 'wordList', values: [600, 150, 300] },
      }),
    ]);
    expect(caps.sources).toEqual(['flatbed']);
    expect(caps.resolutions).toEqual([150, 300, 600]);
    expect(caps.resolutionRange).toBeUndefined();
  });
});

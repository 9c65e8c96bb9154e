import { describe, expect, it } from 'vitest';
import {
  isDiskStop,
  isTrouble,
  stopReason,
} from '../../../renderer/src/screens/operator/jobs/capture-text.js';
import { flagCounts, openScreen } from '../../../renderer/src/screens/operator/jobs/job-format.js';
import { digits, startNumber } from '../../../renderer/src/screens/operator/jobs/numbering-input.js';
import { isEmptyChange, relabelChange } from '../../../renderer/src/screens/operator/jobs/relabel.js';
import { viewerBox, zoomPercent } from '../../../renderer/src/screens/operator/jobs/viewer-fit.js';

describe('the viewer’s page box', () => {
  it('fits the page in the stage, then zooms', () => {
    const box = viewerBox({ width: 1000, height: 1500 }, { width: 1200, height: 750 }, 0, 1);
    expect(box).toMatchObject({
      width: 500,
      height: 750,
      imageWidth: 500,
      imageHeight: 750,
      left: 0,
      top: 0,
    });
    expect(viewerBox({ width: 1000, height: 1500 }, { width: 1200, height: 750 }, 0, 2).height).toBe(1500);
  });

  it('swaps width and height for a quarter turn, the image centred in the turned box', () => {
    const box = viewerBox({ width: 1000, height: 1500 }, { width: 1200, height: 750 }, 90, 1);
    // Turned it is 1500 × 1000; the height limits it (0.75), so 1125 × 750.
    expect(box.width).toBeCloseTo(1125);
    expect(box.height).toBeCloseTo(750);
    expect(box.imageWidth).toBeCloseTo(750);
    expect(box.imageHeight).toBeCloseTo(1125);
    expect(box.left).toBeCloseTo((1125 - 750) / 2);
    expect(box.top).toBeCloseTo((750 - 1125) / 2);
    expect(zoomPercent(1.5)).toBe(150);
  });
});

describe('the relabel form', () => {
  it('changes only what was chosen; "back to the numbering" clears typed labels', () => {
    expect(relabelChange({ type: 'preface', side: '', label: '', numbered: false })).toEqual({
      type: 'preface',
    });
    expect(relabelChange({ type: '', side: 'verso', label: '  A-1 ', numbered: false })).toEqual({
      side: 'verso',
      label: 'A-1',
    });
    expect(relabelChange({ type: '', side: '', label: 'x', numbered: true })).toEqual({ label: null });
    expect(isEmptyChange(relabelChange({ type: '', side: '', label: '  ', numbered: false }))).toBe(true);
  });

  it('numbering starts are positive whole numbers', () => {
    expect(digits('1a2b3c45')).toBe('1234');
    expect(startNumber('')).toBe(1);
    expect(startNumber('0')).toBe(1);
    expect(startNumber('5')).toBe(5);
  });
});

describe('capture outcomes and the list', () => {
  it('names the reason a scan stopped; unknown reasons read as "other"', () => {
    expect(stopReason({ jobId: 1, pages: 3, stoppedBy: 'jammed', stopDetail: 'HTTP 409' })).toBe('jammed');
    expect(stopReason({ jobId: 1, pages: 3, stoppedBy: 'lamp_broken', stopDetail: 'lamp' })).toBe('other');
    expect(stopReason({ jobId: 1, pages: 10, stoppedBy: null, stopDetail: null })).toBeNull();
    expect(isTrouble('jammed')).toBe(true);
    expect(isTrouble('cancelled')).toBe(false);
  });

  it('names the disk’s stops by their code, as trouble, so the folder’s sentence is shown', () => {
    const full = {
      jobId: 1,
      pages: 3,
      stoppedBy: 'DISK_FULL',
      stopDetail: 'Disk full at /data/jobs/1',
      path: '/data/jobs/1',
    };
    expect(stopReason(full)).toBe('DISK_FULL');
    expect(stopReason({ ...full, stoppedBy: 'FOLDER_READ_ONLY' })).toBe('FOLDER_READ_ONLY');
    expect(isTrouble('DISK_FULL')).toBe(true);
    expect(isDiskStop('DISK_FAILED')).toBe(true);
    expect(isDiskStop('jammed')).toBe(false);
  });

  it('opens a job without pages in capture, else in review; lists flags in QC order', () => {
    expect(openScreen({ state: 'created', pageCount: 0 })).toBe('capture');
    expect(openScreen({ state: 'capturing', pageCount: 4 })).toBe('review');
    expect(openScreen({ state: 'reviewed', pageCount: 0 })).toBe('review');
    expect(flagCounts({ skew: 1, blur: 2, blank: 0 })).toEqual([
      ['blur', 2],
      ['skew', 1],
    ]);
  });
});

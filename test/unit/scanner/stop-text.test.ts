import { describe, expect, it } from 'vitest';
import { stopText } from '../../../electron/station/cli/commands/scan.js';

describe('why a scan stopped, at the terminal', () => {
  it("gives a scanner's stop its sentence, then the scanner's own words", () => {
    expect(stopText({ stoppedBy: 'jammed', stopDetail: 'SANE_STATUS_JAMMED' })).toBe(
      'Paper jam in the feeder: clear it, put back the pages that were not scanned and scan again. (jammed: SANE_STATUS_JAMMED)',
    );
  });

  it("gives the disk's stops their own sentence naming the folder, not a scanner's", () => {
    const text = stopText({ stoppedBy: 'DISK_FULL', stopDetail: 'Disk full at /data/jobs/1 (3 MiB free)' });
    expect(text).toBe('Disk full at /data/jobs/1 (3 MiB free) (DISK_FULL)');
    expect(text).not.toContain('scanner');
  });

  it('says nothing when the scan ended normally', () => {
    expect(stopText({ stoppedBy: null, stopDetail: null })).toBe(null);
  });
});

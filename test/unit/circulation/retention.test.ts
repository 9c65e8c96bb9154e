import { describe, expect, it } from 'vitest';
import { exportTime } from '../../../electron/station/circulation/retention.js';

describe('the age of a .koc export', () => {
  it('is read from the name the station stamped with its own clock, not from the file system', () => {
    expect(exportTime('bitig-offline-2026-12-07T18-58-00-000Z.koc')).toBe(
      Date.parse('2026-12-07T18:58:00.000Z'),
    );
  });

  it('is unknown for a file named otherwise (its modification time counts then)', () => {
    expect(exportTime('offline.koc')).toBe(null);
    expect(exportTime('bitig-offline-2026-13-40T99-00-00-000Z.koc')).toBe(null);
  });
});

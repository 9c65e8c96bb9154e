import { describe, expect, it } from 'vitest';
import { JOB_STATES, type JobState } from '../../../electron/station/contract/digitization-types.js';
import {
  allowedTransitions,
  EDITABLE_STATES,
  isEditable,
  retryTarget,
  TRANSITIONS,
} from '../../../electron/station/digitization/jobs/lifecycle.js';

describe('job lifecycle table', () => {
  it('lists every state, and only known states as targets', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...JOB_STATES].sort());
    for (const targets of Object.values(TRANSITIONS)) {
      for (const to of targets) expect(JOB_STATES).toContain(to);
    }
  });

  it('lets a book go the whole way, one step at a time', () => {
    const path: JobState[] = [
      'created',
      'capturing',
      'captured',
      'reviewed',
      'packaging',
      'packaged',
      'queued',
      'delivering',
      'delivered',
    ];
    for (let i = 1; i < path.length; i++) expect(TRANSITIONS[path[i - 1]!]).toContain(path[i]);
  });

  it('never skips a step forward', () => {
    expect(TRANSITIONS.created).not.toContain('captured');
    expect(TRANSITIONS.captured).not.toContain('packaging');
    expect(TRANSITIONS.reviewed).not.toContain('queued');
    expect(TRANSITIONS.queued).not.toContain('delivered');
  });

  it('from every state a job can still reach delivered', () => {
    const reaches = (from: JobState, seen = new Set<JobState>()): boolean => {
      if (from === 'delivered') return true;
      seen.add(from);
      return allowedTransitions(from, from === 'failed' ? 'packaging' : null).some(
        (to) => !seen.has(to) && reaches(to, seen),
      );
    };
    for (const state of JOB_STATES) expect(reaches(state), state).toBe(true);
  });

  it('a failed job retries the step that failed, or goes back to review', () => {
    expect(retryTarget('packaging')).toBe('packaging');
    expect(retryTarget('delivering')).toBe('queued');
    expect(retryTarget('queued')).toBe('queued');
    expect(retryTarget(null)).toBeNull();
    expect(allowedTransitions('failed', 'delivering')).toEqual([
      'queued',
      'captured',
      'reviewed',
      'rejected',
    ]);
    expect(allowedTransitions('failed', 'capturing')).toEqual([
      'capturing',
      'captured',
      'reviewed',
      'rejected',
    ]);
    expect(allowedTransitions('failed', null)).toEqual(['captured', 'reviewed', 'rejected']);
  });

  it('pages can change only before packaging starts', () => {
    expect(EDITABLE_STATES).toEqual(['created', 'capturing', 'captured', 'reviewed']);
    expect(isEditable('packaging')).toBe(false);
    expect(isEditable('failed')).toBe(false);
    expect(isEditable('reviewed')).toBe(true);
  });
});

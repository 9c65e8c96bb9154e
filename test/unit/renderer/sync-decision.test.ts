import { describe, expect, it } from 'vitest';
import type { ReplayReportRow } from '../../../electron/station/contract/index.js';
import { decisionView, knownReason } from '../../../renderer/src/screens/sync/decision.js';

const base = {
  state: 'done',
  decision: 'accepted',
  dueDateChanged: false,
} as const satisfies Partial<ReplayReportRow>;
const view = (patch: Partial<ReplayReportRow>) => decisionView({ ...base, ...patch } as ReplayReportRow);

describe('what the report says the library system decided', () => {
  it('tells an accepted row from one given another due date', () => {
    expect(view({})).toBe('accepted');
    expect(view({ dueDateChanged: true })).toBe('otherDueDate');
  });

  it('names the decisions as they are', () => {
    for (const decision of ['refused', 'dead', 'exported', 'discarded'] as const) {
      expect(view({ decision, state: decision === 'dead' ? 'dead' : 'done' })).toBe(decision);
    }
  });

  it('says how far an undecided row got', () => {
    expect(view({ decision: 'waiting', state: 'pending' })).toBe('waiting');
    expect(view({ decision: 'waiting', state: 'in_flight' })).toBe('inFlight');
    expect(view({ decision: 'waiting', state: 'failed' })).toBe('retrying');
  });

  it('translates the reasons it knows; a newer code reads as a plain refusal', () => {
    expect(knownReason('ON_HOLD_OTHER')).toBe('ON_HOLD_OTHER');
    expect(knownReason('SOMETHING_NEW')).toBe('REFUSED');
    expect(knownReason(null)).toBeNull();
  });
});

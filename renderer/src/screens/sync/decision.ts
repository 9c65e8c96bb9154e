import { ITEM_REASONS, type ItemReason, type ReplayReportRow } from '@contract/index.js';

/**
 * How the report shows what the library system made of one offline transaction. `decision` says
 * what it decided; for rows not decided yet, the queue state says how far they got.
 */
export const DecisionView = {
  accepted: 'accepted',
  /** Accepted, but with a due date other than the one the patron was promised. */
  otherDueDate: 'otherDueDate',
  refused: 'refused',
  /** Pending: not sent yet. */
  waiting: 'waiting',
  inFlight: 'inFlight',
  /** Failed: it is tried again after a pause. */
  retrying: 'retrying',
  dead: 'dead',
  exported: 'exported',
  discarded: 'discarded',
} as const;
export type DecisionView = (typeof DecisionView)[keyof typeof DecisionView];

export function decisionView(row: ReplayReportRow): DecisionView {
  switch (row.decision) {
    case 'accepted':
      return row.dueDateChanged ? DecisionView.otherDueDate : DecisionView.accepted;
    case 'refused':
    case 'dead':
    case 'exported':
    case 'discarded':
      return row.decision;
    default:
      if (row.state === 'in_flight') return DecisionView.inFlight;
      if (row.state === 'failed') return DecisionView.retrying;
      return DecisionView.waiting;
  }
}

/** The Koha offline circulation file's extension, named in the messages as an argument. */
export const KOC_FORMAT = '.koc';

/** The name of the library system's target (the kiosk's SIP2 replay); other targets show their name. */
export const SIP2_TARGET_NAME = 'sip2';

/** The action column for a payload the report could not read. */
export const ACTION_UNKNOWN = 'unknown';

/** A refusal's reason as the screens translate it; a code from a newer core reads as REFUSED. */
export function knownReason(reason: string | null): ItemReason | null {
  if (reason === null) return null;
  return (ITEM_REASONS as readonly string[]).includes(reason) ? (reason as ItemReason) : 'REFUSED';
}

import type {
  ItemOutcome,
  ItemReason,
  KioskAction,
  KioskSettings,
  OfflinePolicy,
} from '../contract/index.js';
import { endOfLocalDay } from '../time-zone.js';
import type { SeenPatrons } from './seen-patrons.js';

/**
 * The site's offline policy: what the kiosk may do while the library system is away. Pure rules;
 * the service asks them and queues what they let through.
 */

/** What the patron may do while offline: what the site allows at all and allows offline. */
export function offlineActions(s: KioskSettings): KioskSettings['actions'] {
  return {
    checkout: s.actions.checkout && s.offline.actions.checkout,
    checkin: s.actions.checkin && s.offline.actions.checkin,
    renew: s.actions.renew && s.offline.actions.renew,
  };
}

/**
 * Whether a card the library system cannot check may start a session: only when something may be
 * borrowed or renewed offline, and, under `patrons: 'seen'`, the card was identified online recently.
 */
export function mayIdentifyOffline(
  policy: OfflinePolicy,
  patronId: string,
  seenPatrons: Pick<SeenPatrons, 'isTrusted'>,
): boolean {
  const anyAllowed = policy.actions.checkout || policy.actions.renew;
  return anyAllowed && (policy.patrons !== 'seen' || seenPatrons.isTrusted(patronId, policy.seenWithinDays));
}

/**
 * Why a transaction may not be queued offline, or null when it may. `outcomes`: the session's so far
 * (its pending loans count towards the patron's limit); `waiting`: the rows the outbox holds for the
 * library system, asked only when the other rules let the transaction through.
 */
export function offlineRefusal(
  action: KioskAction,
  policy: OfflinePolicy,
  outcomes: readonly ItemOutcome[],
  waiting: () => number,
): ItemReason | null {
  if (!policy.actions[action]) return 'NOT_ALLOWED_OFFLINE';
  const mine = outcomes.filter((o) => o.pending && o.action !== 'checkin').length;
  if (action !== 'checkin' && mine >= policy.maxItemsPerPatron) return 'OFFLINE_LIMIT_REACHED';
  if (waiting() >= policy.maxItemsTotal) return 'OFFLINE_LIMIT_REACHED';
  return null;
}

/** The due date promised offline: the end of the local day `loanDays` from now; none for a return. */
export function promisedDueDate(
  action: KioskAction,
  now: Date,
  policy: OfflinePolicy,
  timeZone: string,
): string | null {
  return action === 'checkin' ? null : endOfLocalDay(now, policy.loanDays, timeZone).toISOString();
}

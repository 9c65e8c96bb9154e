import type { KioskAction, KioskStatus } from '@contract/index.js';
import { KioskStep } from '../../stores/kiosk-steps.js';

/** Steps where someone is at the kiosk and the idle timeout runs (finish returns on its own). */
const IDLE_STEPS: readonly KioskStep[] = [
  KioskStep.identify,
  KioskStep.home,
  KioskStep.items,
  KioskStep.account,
];

export function idleTimeoutApplies(step: KioskStep): boolean {
  return IDLE_STEPS.includes(step);
}

/** The actions the home screen offers, in this order, as the kiosk's settings allow them. */
export const ACTION_ORDER: readonly KioskAction[] = ['checkout', 'checkin', 'renew'];

export function allowedActions(status: KioskStatus | null): KioskAction[] {
  if (!status) return [];
  return ACTION_ORDER.filter((action) => status.actions[action]);
}

/** Seconds the finish screen (with the receipt) stays before the kiosk clears itself. */
export const FINISH_SECONDS = 20;

/** Longest PIN and longest typed card or item number the on-screen keys accept. */
export const MAX_PIN_LENGTH = 12;
export const MAX_ID_LENGTH = 32;

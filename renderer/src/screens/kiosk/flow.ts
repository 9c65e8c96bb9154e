import type { KioskAction, KioskStatus } from '../../../../electron/station/contract.js';

/**
 * The kiosk's steps. Screens are states, not URLs: a kiosk has no address bar and nothing to
 * bookmark. welcome → identify (card scanned, typed or on the pad, then the PIN) → home (the
 * session) → items (borrow, return or renew) / account → finish (summary and receipt) → welcome.
 * Returns need no card: welcome → items (return) → finish. The idle timeout returns to welcome
 * from anywhere and drops all patron data from memory; admin is the staff's settings screen.
 */
export const KioskStep = {
  welcome: 'welcome',
  identify: 'identify',
  home: 'home',
  items: 'items',
  account: 'account',
  finish: 'finish',
  admin: 'admin',
} as const;
export type KioskStep = (typeof KioskStep)[keyof typeof KioskStep];

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

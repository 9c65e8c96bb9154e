/** The kiosk's state machine as the kiosk store drives it; its screens show one step at a time. */

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

/** Longest PIN and longest typed card or item number the on-screen keys accept. */
export const MAX_PIN_LENGTH = 12;
export const MAX_ID_LENGTH = 32;

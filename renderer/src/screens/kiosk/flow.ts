/**
 * The kiosk's steps. Screens are states, not URLs: a kiosk has no address bar and nothing to
 * bookmark. Later: identify (card, RFID or typed number + PIN), items (checkout/return/renew),
 * account, summary; the idle timeout returns to welcome and drops all patron data from memory.
 */
export const KioskStep = {
  welcome: 'welcome',
} as const;
export type KioskStep = (typeof KioskStep)[keyof typeof KioskStep];

export const KIOSK_START: KioskStep = KioskStep.welcome;

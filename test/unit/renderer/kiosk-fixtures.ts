import type { KioskStatus } from '../../../electron/station/contract/index.js';

/** A kiosk set up and online, every action allowed, no patron signed in: tests spread changes over it. */
export const KIOSK_STATUS: KioskStatus = {
  configured: true,
  online: true,
  actions: { checkout: true, checkin: true, renew: true },
  pinPolicy: 'server',
  typedCardAllowed: true,
  idleTimeoutSeconds: 60,
  idleWarningSeconds: 20,
  sounds: true,
  staffPinSet: false,
  session: null,
};

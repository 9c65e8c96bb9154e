import type { KioskAction, Language } from '../../electron/station/contract.js';

/**
 * Stable `data-testid` values: the e2e tests (test/e2e) find elements by these, so they are
 * renamed only together with the tests. Import this module there rather than copying strings.
 */
export const TID = {
  loadingScreen: 'loading-screen',
  startupError: 'startup-error',
  setupScreen: 'setup-screen',
  roleKiosk: 'role-kiosk',
  roleStation: 'role-station',
  modeDemo: 'mode-demo',
  modeConnected: 'mode-connected',
  finishSetup: 'finish-setup',
  languageBar: 'language-bar',
  kioskWelcome: 'kiosk-welcome',
  operatorHome: 'operator-home',
  stationName: 'station-name',
  jobsView: 'jobs-view',
  jobsEmpty: 'jobs-empty',
  demoBadge: 'demo-badge',
  offlineBanner: 'offline-banner',
  reconnectNow: 'reconnect-now',
  errorMessage: 'error-message',
  screenMessages: 'screen-messages',

  // The kiosk's patron flow.
  kioskApp: 'kiosk-app',
  libraryOffline: 'library-offline',
  patronName: 'patron-name',
  typeCard: 'type-card',
  returnBooks: 'return-books',
  kioskNotConfigured: 'kiosk-not-configured',
  kioskIdentify: 'kiosk-identify',
  identifyChecking: 'identify-checking',
  identifyError: 'identify-error',
  identifyCancel: 'identify-cancel',
  startOver: 'start-over',
  pinKeypad: 'pin-keypad',
  pinDisplay: 'pin-display',
  pinSubmit: 'pin-submit',
  pinBackspace: 'pin-backspace',
  onscreenKeyboard: 'onscreen-keyboard',
  oskDisplay: 'osk-display',
  oskSubmit: 'osk-submit',
  oskBackspace: 'osk-backspace',
  oskClear: 'osk-clear',
  sessionHome: 'session-home',
  greeting: 'greeting',
  actionAccount: 'action-account',
  finishButton: 'finish-button',
  itemsScreen: 'items-screen',
  typeItem: 'type-item',
  itemList: 'item-list',
  itemRow: 'item-row',
  backHome: 'back-home',
  renewList: 'renew-list',
  renewRow: 'renew-row',
  renewButton: 'renew-button',
  renewAll: 'renew-all',
  accountScreen: 'account-screen',
  loanRow: 'loan-row',
  holdRow: 'hold-row',
  fines: 'fines',
  finishScreen: 'finish-screen',
  finishSummary: 'finish-summary',
  receipt: 'receipt',
  finishDone: 'finish-done',
  idleWarning: 'idle-warning',
  stillHere: 'still-here',
  idleEndNow: 'idle-end-now',

  // The kiosk's admin screen.
  adminEntry: 'admin-entry',
  adminScreen: 'admin-screen',
  adminClose: 'admin-close',
  staffPin: 'staff-pin',
  staffPinError: 'staff-pin-error',
  adminForm: 'admin-form',
  adminTest: 'admin-test',
  adminTestResult: 'admin-test-result',
  adminSave: 'admin-save',
  adminSaved: 'admin-saved',
  adminStatus: 'admin-status',
} as const;

/** The language bar's button for one language: `lang-<tag>`. */
export function langTestId(language: Language): string {
  return `lang-${language}`;
}

/** An operator nav entry: `nav-<section>`. */
export function navTestId(section: string): string {
  return `nav-${section}`;
}

/** A home-screen action button: `action-checkout`, `action-checkin`, `action-renew`. */
export function actionTestId(action: KioskAction): string {
  return `action-${action}`;
}

/** A key of the PIN keypad (`pin-key-7`) or of the on-screen keyboard (`osk-key-A`). */
export function pinKeyTestId(digit: string): string {
  return `pin-key-${digit}`;
}

export function oskKeyTestId(key: string): string {
  return `osk-key-${key}`;
}

/** An admin form field, by its settings path: `admin-field-sip2.host`, `admin-field-sounds`. */
export function adminFieldTestId(path: string): string {
  return `admin-field-${path}`;
}

import type { Language } from '../../electron/station/contract.js';

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
} as const;

/** The language bar's button for one language: `lang-<tag>`. */
export function langTestId(language: Language): string {
  return `lang-${language}`;
}

/** An operator nav entry: `nav-<section>`. */
export function navTestId(section: string): string {
  return `nav-${section}`;
}

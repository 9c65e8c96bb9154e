/** Enumerations of the SIP2 protocol, named, so no code elsewhere carries a bare `'08'`. */

/** Circulation status (fixed field of 18 item information response). */
export const CIRCULATION_STATUS = {
  OTHER: '01',
  ON_ORDER: '02',
  AVAILABLE: '03',
  CHARGED: '04',
  CHARGED_NOT_TO_BE_RECALLED: '05',
  IN_PROCESS: '06',
  RECALLED: '07',
  WAITING_ON_HOLD_SHELF: '08',
  WAITING_TO_BE_RESHELVED: '09',
  IN_TRANSIT: '10',
  CLAIMED_RETURNED: '11',
  LOST: '12',
  MISSING: '13',
} as const;
export type CirculationStatus = (typeof CIRCULATION_STATUS)[keyof typeof CIRCULATION_STATUS];

/** Security marker (18). */
export const SECURITY_MARKER = {
  OTHER: '00',
  NONE: '01',
  TATTLE_TAPE: '02',
  WHISPER_TAPE: '03',
} as const;

/** Fee type (18, 37, and `BT`). */
export const FEE_TYPE = {
  OTHER: '01',
  ADMINISTRATIVE: '02',
  DAMAGE: '03',
  OVERDUE: '04',
  PROCESSING: '05',
  RENTAL: '06',
  REPLACEMENT: '07',
  COMPUTER_ACCESS_CHARGE: '08',
  HOLD_FEE: '09',
} as const;

/** Payment type (37). */
export const PAYMENT_TYPE = {
  CASH: '00',
  VISA: '01',
  CREDIT_CARD: '02',
} as const;

/** Status code of the SC (99). */
export const SC_STATUS = {
  OK: '0',
  OUT_OF_PAPER: '1',
  SHUTTING_DOWN: '2',
} as const;

/** Alert type (`CV`, checkin response): why a returned item must be set aside. */
export const ALERT_TYPE = {
  UNKNOWN: '00',
  HOLD_LOCAL: '01',
  HOLD_REMOTE: '02',
  TRANSIT_LOCAL: '03',
  TRANSIT_REMOTE: '04',
  OTHER: '99',
} as const;

/** Language (fixed field of 63, 23, 64, 24). */
export const LANGUAGE = {
  UNKNOWN: '000',
  ENGLISH: '001',
  FRENCH: '002',
  GERMAN: '003',
} as const;

/** The 14 positions of the patron status field (64, 24): `Y` means the condition holds. */
export const PATRON_STATUS_FLAGS = [
  'chargePrivilegesDenied',
  'renewalPrivilegesDenied',
  'recallPrivilegesDenied',
  'holdPrivilegesDenied',
  'cardReportedLost',
  'tooManyItemsCharged',
  'tooManyItemsOverdue',
  'tooManyRenewals',
  'tooManyClaimsOfItemsReturned',
  'tooManyItemsLost',
  'excessiveOutstandingFines',
  'excessiveOutstandingFees',
  'recallOverdue',
  'tooManyItemsBilled',
] as const;
export type PatronStatusFlag = (typeof PATRON_STATUS_FLAGS)[number];
export type PatronStatus = Record<PatronStatusFlag, boolean>;

/** The positions of the summary field (63): at most one is `Y`, selecting the item list wanted. */
export const SUMMARY_ITEMS = [
  'holdItems',
  'overdueItems',
  'chargedItems',
  'fineItems',
  'recallItems',
  'unavailableHoldItems',
] as const;
export type SummaryItem = (typeof SUMMARY_ITEMS)[number];

/** The 16 positions of `BX` (98): which messages the ACS supports. */
export const SUPPORTED_MESSAGES = [
  'patronStatusRequest',
  'checkout',
  'checkin',
  'blockPatron',
  'scAcsStatus',
  'requestScAcsResend',
  'login',
  'patronInformation',
  'endPatronSession',
  'feePaid',
  'itemInformation',
  'itemStatusUpdate',
  'patronEnable',
  'hold',
  'renew',
  'renewAll',
] as const;
export type SupportedMessage = (typeof SUPPORTED_MESSAGES)[number];

export function emptyPatronStatus(): PatronStatus {
  return Object.fromEntries(PATRON_STATUS_FLAGS.map((f) => [f, false])) as PatronStatus;
}

/** Reads `BX`; a position the server left out (a short value) counts as unsupported. */
export function parseSupportedMessages(bx: string): Set<SupportedMessage> {
  const supported = new Set<SupportedMessage>();
  SUPPORTED_MESSAGES.forEach((name, i) => {
    if (bx[i] === 'Y' || bx[i] === 'y') supported.add(name);
  });
  return supported;
}

export function formatSupportedMessages(supported: Iterable<SupportedMessage>): string {
  const set = new Set(supported);
  return SUPPORTED_MESSAGES.map((name) => (set.has(name) ? 'Y' : 'N')).join('');
}

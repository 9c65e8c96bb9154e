/** The admin form's fields by their settings path (also their test ids and validation paths). */
export const FIELD = {
  host: 'sip2.host',
  port: 'sip2.port',
  tls: 'sip2.tls',
  tlsInsecure: 'sip2.tlsInsecure',
  institutionId: 'sip2.institutionId',
  user: 'sip2.user',
  password: 'sip2Password',
  location: 'sip2.location',
  terminalPassword: 'sip2.terminalPassword',
  encoding: 'sip2.encoding',
  errorDetection: 'sip2.errorDetection',
  terminator: 'sip2.terminator',
  timeoutSeconds: 'sip2.timeoutSeconds',
  checkout: 'actions.checkout',
  checkin: 'actions.checkin',
  renew: 'actions.renew',
  pinPolicy: 'pinPolicy',
  typedCardAllowed: 'typedCardAllowed',
  patronIdPattern: 'patronIdPattern',
  itemIdPattern: 'itemIdPattern',
  idleTimeoutSeconds: 'idleTimeoutSeconds',
  idleWarningSeconds: 'idleWarningSeconds',
  sounds: 'sounds',
  offlineCheckout: 'offline.actions.checkout',
  offlineCheckin: 'offline.actions.checkin',
  offlineRenew: 'offline.actions.renew',
  offlinePatrons: 'offline.patrons',
  seenWithinDays: 'offline.seenWithinDays',
  maxItemsPerPatron: 'offline.maxItemsPerPatron',
  maxItemsTotal: 'offline.maxItemsTotal',
  loanDays: 'offline.loanDays',
  receiptName: 'privacy.receiptName',
  keepCardNumbersDays: 'privacy.keepCardNumbersDays',
  keepExportsDays: 'privacy.keepExportsDays',
} as const;
export type FieldPath = (typeof FIELD)[keyof typeof FIELD];

/** Values of the connection test's yes/no select message. */
export const YES = 'yes';
export const NO = 'no';

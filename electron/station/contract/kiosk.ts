/**
 * The self-service kiosk's part of the contract: inputs (zod) and outputs (types) of the patron's
 * flow and of the kiosk's admin screen. Imported by index.ts and by the renderer: zod only.
 */
import { z } from 'zod';
import { Identifier, StaffPin } from './common.js';
import { LANGUAGES } from './names.js';

/** Why an item could not be checked out, returned or renewed; the screens translate these. */
export const ITEM_REASONS = [
  /** The library system refused and said nothing more specific (its own message is shown). */
  'REFUSED',
  'ITEM_UNKNOWN',
  'ON_HOLD_OTHER',
  'NOT_FOR_LOAN',
  'ALREADY_ON_LOAN',
  'NOT_ON_LOAN',
  'LIMIT_REACHED',
  'RENEWAL_LIMIT',
  'PATRON_BLOCKED',
  /** A library card was scanned where a book was expected. */
  'PATRON_CARD_AS_ITEM',
  /** The id does not look like one of this library's item ids. */
  'ITEM_ID_FORMAT',
  'ACTION_NOT_ALLOWED',
  'LIBRARY_UNREACHABLE',
  /** The library system is away and the site does not allow this action offline. */
  'NOT_ALLOWED_OFFLINE',
  /** The site's offline limit (per patron or in total) is reached. */
  'OFFLINE_LIMIT_REACHED',
] as const;
export type ItemReason = (typeof ITEM_REASONS)[number];

export const KioskAction = z.enum(['checkout', 'checkin', 'renew']);
export type KioskAction = z.infer<typeof KioskAction>;

export const PinPolicy = z.enum(['always', 'never', 'server']);
export type PinPolicy = z.infer<typeof PinPolicy>;

/** Patron PINs: digits or letters, never logged, never stored. */
const Pin = z.string().min(1).max(32);

export const IdentifyInput = z
  .object({
    patronId: Identifier,
    pin: Pin.optional(),
    /** How the card number arrived: typing it is allowed only where the site allows it. */
    entry: z.enum(['scan', 'rfid', 'typed']).default('scan'),
  })
  .strict();
export const ItemInput = z.object({ itemId: Identifier }).strict();
export const EndSessionInput = z
  .object({
    reason: z.enum(['finished', 'idle', 'cancelled']),
    /** The language the patron used (a kiosk's language is theirs for the visit): the receipt's. */
    language: z.enum(LANGUAGES).optional(),
  })
  .strict();

export const Sip2Settings = z
  .object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    tls: z.boolean(),
    /** Accept a self-signed certificate (TLS to a library's own stunnel); the CA is better. */
    tlsInsecure: z.boolean().default(false),
    institutionId: z.string().max(64),
    user: z.string().max(64),
    location: z.string().max(64),
    terminalPassword: z.string().max(64).default(''),
    encoding: z.enum(['utf-8', 'cp1251', 'cp866', 'ibm850', 'ascii']),
    errorDetection: z.boolean(),
    terminator: z.enum(['CR', 'CRLF']),
    timeoutSeconds: z.number().int().min(1).max(120),
  })
  .strict();
export type Sip2Settings = z.infer<typeof Sip2Settings>;

/** What the kiosk may do while the library system is away; everything done is replayed later. */
export const OfflinePolicy = z
  .object({
    actions: z.object({ checkout: z.boolean(), checkin: z.boolean(), renew: z.boolean() }).strict(),
    /** 'any': any card in the patron format; 'seen': only cards identified online recently, not blocked. */
    patrons: z.enum(['any', 'seen']),
    seenWithinDays: z.number().int().min(1).max(365),
    maxItemsPerPatron: z.number().int().min(0).max(100),
    maxItemsTotal: z.number().int().min(0).max(100_000),
    /** The loan period promised offline, in days. */
    loanDays: z.number().int().min(1).max(365),
  })
  .strict();
export type OfflinePolicy = z.infer<typeof OfflinePolicy>;

export const DEFAULT_OFFLINE_POLICY: OfflinePolicy = {
  actions: { checkout: true, checkin: true, renew: false },
  patrons: 'seen',
  seenWithinDays: 90,
  maxItemsPerPatron: 5,
  maxItemsTotal: 500,
  loanDays: 14,
};

/** How long patron data is kept, and what a receipt shows of the patron. */
export const PrivacyPolicy = z
  .object({
    /** The printed receipt (and its preview) shows the name as "A***** K*****" unless 'full'. */
    receiptName: z.enum(['masked', 'full']),
    /** Days after a queued transaction is done before its card number is blanked. */
    keepCardNumbersDays: z.number().int().min(1).max(3650),
    /** Days a `.koc` export stays in the data directory before it is deleted. */
    keepExportsDays: z.number().int().min(1).max(365),
  })
  .strict();
export type PrivacyPolicy = z.infer<typeof PrivacyPolicy>;

export const DEFAULT_PRIVACY_POLICY: PrivacyPolicy = {
  receiptName: 'masked',
  keepCardNumbersDays: 30,
  keepExportsDays: 7,
};

export const KioskSettings = z
  .object({
    sip2: Sip2Settings,
    actions: z.object({ checkout: z.boolean(), checkin: z.boolean(), renew: z.boolean() }).strict(),
    pinPolicy: PinPolicy,
    /** Patrons may type their card number on the on-screen keyboard. */
    typedCardAllowed: z.boolean(),
    /** Regular expressions (without slashes) the ids must match; empty = anything. */
    patronIdPattern: z.string().max(200),
    itemIdPattern: z.string().max(200),
    idleTimeoutSeconds: z.number().int().min(15).max(3600),
    /** How long the idle warning counts down before the session ends. */
    idleWarningSeconds: z.number().int().min(5).max(120),
    sounds: z.boolean(),
    offline: OfflinePolicy.default(DEFAULT_OFFLINE_POLICY),
    privacy: PrivacyPolicy.default(DEFAULT_PRIVACY_POLICY),
  })
  .strict();
export type KioskSettings = z.infer<typeof KioskSettings>;

export const StaffInput = z.object({ staffPin: StaffPin }).strict();
export const SaveKioskSettingsInput = z
  .object({
    staffPin: StaffPin,
    settings: KioskSettings,
    /** New SIP2 login password; absent keeps the stored one. Stored encrypted. */
    sip2Password: z.string().max(128).optional(),
  })
  .strict();
export const TestConnectionInput = z
  .object({ staffPin: StaffPin, sip2: Sip2Settings, sip2Password: z.string().max(128).optional() })
  .strict();
export const SetStaffPinInput = z.object({ currentPin: StaffPin.optional(), newPin: StaffPin }).strict();

/** What the kiosk screens need to know before a patron touches anything. */
export interface KioskStatus {
  configured: boolean;
  online: boolean;
  /** What the patron may do now: while offline, only what the offline policy allows. */
  actions: KioskSettings['actions'];
  pinPolicy: PinPolicy;
  typedCardAllowed: boolean;
  idleTimeoutSeconds: number;
  idleWarningSeconds: number;
  sounds: boolean;
  staffPinSet: boolean;
  /** The patron whose session is open, if any (after a screen reload). */
  session: PatronSummary | null;
}

export interface PatronSummary {
  /** Empty when identified offline: the library system could not be asked. */
  name: string;
  /** Messages from the library system (AF), shown as sent. */
  screenMessages: string[];
  /** Identified while the library system was away: the card was not checked with it. */
  offline: boolean;
}

export interface Loan {
  itemId: string;
  title: string;
  /** ISO date-time, or null when the library system sent none. */
  dueDate: string | null;
  overdue: boolean;
}

export interface Hold {
  itemId: string;
  title: string;
  /** Ready for pickup (as opposed to still waiting). */
  ready: boolean;
}

export interface Account {
  name: string;
  loans: Loan[];
  holds: Hold[];
  /** Fines in the library system's currency; null when none are owed. */
  fines: { amount: string; currency: string } | null;
  screenMessages: string[];
}

export interface ItemOutcome {
  action: KioskAction;
  itemId: string;
  ok: boolean;
  title: string | null;
  dueDate: string | null;
  reason: ItemReason | null;
  screenMessages: string[];
  /** What the library system said about the item's security (desensitize / resensitize). */
  security: 'desensitize' | 'resensitize' | null;
  /**
   * The book's RFID tag could not be switched as the library system said (AFI/EAS written and read
   * back): the loan or return stands, but the security gate will disagree. Shown to the patron and
   * reported to staff. Absent when no tag was on the pad.
   */
  securityFailed?: boolean;
  /**
   * Done offline and queued: it takes effect when the library system confirms it, and the receipt
   * says so. `dueDate` is then the date the patron was promised.
   */
  pending: boolean;
}

export interface Receipt {
  /** In full, for the screen; the printed receipt masks it unless `privacy.receiptName` is 'full'. */
  patronName: string;
  library: string;
  printedAt: string;
  items: ItemOutcome[];
}

export interface ConnectionTestResult {
  ok: boolean;
  /** When ok: what the library system said in its status (98). */
  online?: boolean;
  checkoutOk?: boolean;
  checkinOk?: boolean;
  renewalOk?: boolean;
  institutionId?: string;
  libraryName?: string;
  screenMessages?: string[];
  /** When not ok: the kind of failure, for the screen to translate. */
  failure?: 'unreachable' | 'timeout' | 'login_refused' | 'protocol' | 'closed';
  detail?: string;
}

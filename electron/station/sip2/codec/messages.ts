import type { PatronStatus, SummaryItem } from './constants.js';
import type { FieldId, Sip2FieldEntry, Sip2Fields } from './fields.js';

/**
 * The messages a self-check uses, from the table in sip2.md: fixed-length fields in order with their
 * lengths, then the variable fields, required ones first. Encoding follows this order; decoding
 * reads fixed fields by it and variable fields by id, whatever their order.
 *
 * Fixed field kinds:
 * - `flag` Y/N and `bit` 1/0 → boolean; `ynu` Y/N/U → boolean, or null for U(nknown);
 * - `count` digits → number, or null when all blanks (Koha's way of saying "not supported");
 * - `date` 18 characters → Date, or null (blank or unreadable; the raw text is kept beside it);
 * - `code` digits kept as text (circulation status, fee type…: see constants.ts);
 * - `text` any printable ASCII of that length (language, protocol version, currency);
 * - `patronStatus` 14 Y/blank positions → named booleans; `summary` 10 positions → the one selected.
 */
export type FixedKind =
  | 'flag'
  | 'bit'
  | 'ynu'
  | 'count'
  | 'date'
  | 'code'
  | 'text'
  | 'patronStatus'
  | 'summary';

export interface FixedFieldDef {
  readonly name: string;
  readonly kind: FixedKind;
  readonly length: number;
}

export interface MessageDef {
  readonly name: string;
  readonly direction: 'request' | 'response';
  readonly fixed: readonly FixedFieldDef[];
  readonly required: readonly FieldId[];
  readonly optional: readonly FieldId[];
}

const fx = <const N extends string, const K extends FixedKind, const L extends number>(
  name: N,
  kind: K,
  length: L,
) => ({
  name,
  kind,
  length,
});
const flag = <const N extends string>(name: N) => fx(name, 'flag', 1);
const bit = <const N extends string>(name: N) => fx(name, 'bit', 1);
const ynu = <const N extends string>(name: N) => fx(name, 'ynu', 1);
const date = <const N extends string>(name: N) => fx(name, 'date', 18);
const patronStatus = fx('patronStatus', 'patronStatus', 14);
const language = fx('language', 'text', 3);
const transactionDate = date('transactionDate');

const CHECKOUT_FIELDS = { required: ['AO', 'AA', 'AB', 'AC'], optional: ['CH', 'AD', 'BO', 'BI'] } as const;
const CHECKOUT_RESPONSE = {
  fixed: [bit('ok'), flag('renewalOk'), ynu('magneticMedia'), ynu('desensitize'), transactionDate],
  required: ['AO', 'AA', 'AB', 'AJ', 'AH'],
  optional: ['CK', 'CH', 'BT', 'BV', 'CI', 'BK', 'AF', 'AG'],
} as const;

export const MESSAGES = {
  '93': {
    name: 'login',
    direction: 'request',
    fixed: [fx('uidAlgorithm', 'text', 1), fx('pwdAlgorithm', 'text', 1)],
    required: ['CN', 'CO'],
    optional: ['CP'],
  },
  '94': {
    name: 'loginResponse',
    direction: 'response',
    fixed: [bit('ok')],
    required: [],
    optional: ['AF', 'AG'],
  },
  '99': {
    name: 'scStatus',
    direction: 'request',
    fixed: [fx('statusCode', 'text', 1), fx('maxPrintWidth', 'count', 3), fx('protocolVersion', 'text', 4)],
    required: [],
    optional: [],
  },
  '98': {
    name: 'acsStatus',
    direction: 'response',
    fixed: [
      flag('onlineStatus'),
      flag('checkinOk'),
      flag('checkoutOk'),
      flag('acsRenewalPolicy'),
      flag('statusUpdateOk'),
      flag('offlineOk'),
      fx('timeoutPeriod', 'count', 3),
      fx('retriesAllowed', 'count', 3),
      date('dateTimeSync'),
      fx('protocolVersion', 'text', 4),
    ],
    required: ['AO', 'BX'],
    optional: ['AM', 'AN', 'AF', 'AG'],
  },
  '63': {
    name: 'patronInformation',
    direction: 'request',
    fixed: [language, transactionDate, fx('summary', 'summary', 10)],
    required: ['AO', 'AA'],
    optional: ['AC', 'AD', 'BP', 'BQ'],
  },
  '64': {
    name: 'patronInformationResponse',
    direction: 'response',
    fixed: [
      patronStatus,
      language,
      transactionDate,
      fx('holdItemsCount', 'count', 4),
      fx('overdueItemsCount', 'count', 4),
      fx('chargedItemsCount', 'count', 4),
      fx('fineItemsCount', 'count', 4),
      fx('recallItemsCount', 'count', 4),
      fx('unavailableHoldsCount', 'count', 4),
    ],
    required: ['AO', 'AA', 'AE', 'BL', 'CQ'],
    optional: [
      'BZ',
      'CA',
      'CB',
      'BH',
      'BV',
      'CC',
      'AS',
      'AT',
      'AU',
      'AV',
      'BU',
      'CD',
      'BD',
      'BE',
      'BF',
      'AF',
      'AG',
    ],
  },
  '23': {
    name: 'patronStatus',
    direction: 'request',
    fixed: [language, transactionDate],
    required: ['AO', 'AA', 'AC', 'AD'],
    optional: [],
  },
  '24': {
    name: 'patronStatusResponse',
    direction: 'response',
    fixed: [patronStatus, language, transactionDate],
    required: ['AO', 'AA', 'AE'],
    optional: ['BL', 'CQ', 'BH', 'BV', 'AF', 'AG'],
  },
  '11': {
    name: 'checkout',
    direction: 'request',
    fixed: [flag('scRenewalPolicy'), flag('noBlock'), transactionDate, date('nbDueDate')],
    ...CHECKOUT_FIELDS,
  },
  '12': { name: 'checkoutResponse', direction: 'response', ...CHECKOUT_RESPONSE },
  '09': {
    name: 'checkin',
    direction: 'request',
    fixed: [flag('noBlock'), transactionDate, date('returnDate')],
    required: ['AP', 'AO', 'AB', 'AC'],
    optional: ['CH', 'BI'],
  },
  '10': {
    name: 'checkinResponse',
    direction: 'response',
    fixed: [bit('ok'), flag('resensitize'), ynu('magneticMedia'), flag('alert'), transactionDate],
    required: ['AO', 'AB', 'AQ'],
    optional: ['AJ', 'CL', 'AA', 'CK', 'CH', 'CV', 'CT', 'CS', 'CR', 'CY', 'DA', 'AF', 'AG'],
  },
  // sip2.md: renew has the same layout as checkout; its first flag is "third party allowed".
  '29': {
    name: 'renew',
    direction: 'request',
    fixed: [flag('thirdPartyAllowed'), flag('noBlock'), transactionDate, date('nbDueDate')],
    ...CHECKOUT_FIELDS,
  },
  '30': { name: 'renewResponse', direction: 'response', ...CHECKOUT_RESPONSE },
  '65': {
    name: 'renewAll',
    direction: 'request',
    fixed: [transactionDate],
    required: ['AO', 'AA'],
    optional: ['AD', 'AC', 'BO'],
  },
  '66': {
    name: 'renewAllResponse',
    direction: 'response',
    fixed: [bit('ok'), fx('renewedCount', 'count', 4), fx('unrenewedCount', 'count', 4), transactionDate],
    required: ['AO'],
    optional: ['BM', 'BN', 'AF', 'AG'],
  },
  '17': {
    name: 'itemInformation',
    direction: 'request',
    fixed: [transactionDate],
    required: ['AO', 'AB'],
    optional: ['AC'],
  },
  '18': {
    name: 'itemInformationResponse',
    direction: 'response',
    fixed: [
      fx('circulationStatus', 'code', 2),
      fx('securityMarker', 'code', 2),
      fx('feeType', 'code', 2),
      transactionDate,
    ],
    required: ['AB', 'AJ'],
    optional: ['CF', 'AH', 'CJ', 'CM', 'BG', 'BH', 'BV', 'CK', 'AQ', 'AP', 'CH', 'CS', 'AF', 'AG'],
  },
  '35': {
    name: 'endPatronSession',
    direction: 'request',
    fixed: [transactionDate],
    required: ['AO', 'AA'],
    optional: ['AC', 'AD'],
  },
  '36': {
    name: 'endSessionResponse',
    direction: 'response',
    fixed: [flag('endSession'), transactionDate],
    required: ['AO', 'AA'],
    optional: ['AF', 'AG'],
  },
  // sip2.md lists CK among 37's optional fields; the 3M spec has BK (transaction id). Both are allowed.
  '37': {
    name: 'feePaid',
    direction: 'request',
    fixed: [
      transactionDate,
      fx('feeType', 'code', 2),
      fx('paymentType', 'code', 2),
      fx('currencyType', 'text', 3),
    ],
    required: ['BV', 'AO', 'AA'],
    optional: ['AC', 'AD', 'CG', 'BK', 'CK'],
  },
  '38': {
    name: 'feePaidResponse',
    direction: 'response',
    fixed: [flag('paymentAccepted'), transactionDate],
    required: ['AO', 'AA'],
    optional: ['BK', 'AF', 'AG'],
  },
  '19': {
    name: 'itemStatusUpdate',
    direction: 'request',
    fixed: [transactionDate],
    required: ['AO', 'AB'],
    optional: ['AC', 'CH'],
  },
  '20': {
    name: 'itemStatusUpdateResponse',
    direction: 'response',
    fixed: [bit('itemPropertiesOk'), transactionDate],
    required: ['AB'],
    optional: ['AJ', 'AF', 'AG'],
  },
  // The ACS answers a block patron message with a patron status response (24).
  '01': {
    name: 'blockPatron',
    direction: 'request',
    fixed: [flag('cardRetained'), transactionDate],
    required: ['AO', 'AL', 'AA', 'AC'],
    optional: [],
  },
  // The two resend requests carry no fields, and with error detection only `AZ` (no sequence number).
  '97': { name: 'requestAcsResend', direction: 'request', fixed: [], required: [], optional: [] },
  '96': { name: 'requestScResend', direction: 'response', fixed: [], required: [], optional: [] },
} as const satisfies Record<string, MessageDef>;

type Messages = typeof MESSAGES;
export type MessageCode = keyof Messages;
export type RequestCode = {
  [C in MessageCode]: Messages[C]['direction'] extends 'request' ? C : never;
}[MessageCode];
export type ResponseCode = {
  [C in MessageCode]: Messages[C]['direction'] extends 'response' ? C : never;
}[MessageCode];

/** The response each request expects; 97 is answered by whatever the ACS last sent. */
export const RESPONSE_TO = {
  '93': '94',
  '99': '98',
  '63': '64',
  '23': '24',
  '11': '12',
  '09': '10',
  '29': '30',
  '65': '66',
  '17': '18',
  '35': '36',
  '37': '38',
  '19': '20',
  '01': '24',
} as const satisfies Partial<Record<RequestCode, ResponseCode>>;

/** Messages that never carry a sequence number, even with error detection on. */
export const UNSEQUENCED: ReadonlySet<string> = new Set(['96', '97']);

interface FixedValue {
  flag: boolean;
  bit: boolean;
  ynu: boolean | null;
  count: number | null;
  date: Date | null;
  code: string;
  text: string;
  patronStatus: PatronStatus;
  summary: SummaryItem | null;
}

type FixedDefsOf<C extends MessageCode> = Messages[C]['fixed'][number];

/** The fixed fields of message `C`, by name, with their decoded types. */
export type FixedOf<C extends MessageCode> = {
  [F in FixedDefsOf<C> as F['name']]: FixedValue[F['kind']];
};

/**
 * A message to encode. `extra` carries fields with ids outside the named set (vendor extensions).
 * Distributes over a union of codes, so `Sip2Message` alone is "any one message".
 */
export type Sip2Message<C extends MessageCode = MessageCode> = C extends MessageCode
  ? {
      code: C;
      fixed: FixedOf<C>;
      fields?: Sip2Fields;
      extra?: readonly Sip2FieldEntry[];
    }
  : never;

/** A message read from the wire; like `Sip2Message`, distributes over a union of codes. */
export type Sip2Decoded<C extends MessageCode = MessageCode> = C extends MessageCode ? DecodedOf<C> : never;

interface DecodedOf<C extends MessageCode> {
  code: C;
  name: Messages[C]['name'];
  fixed: FixedOf<C>;
  /** Each fixed field's exact text, e.g. a date the parser could not read. */
  fixedRaw: Record<string, string>;
  /** Named fields. A single-valued field sent twice keeps its first value here; `all` has both. */
  fields: Sip2Fields;
  /** Every variable field in wire order, named or not. */
  all: Sip2FieldEntry[];
  /** Fields whose id is not in the named set, in wire order. */
  unknown: Sip2FieldEntry[];
  /** `AY`, when the message carried error detection. */
  sequence: number | null;
  /** `AZ`, when present. */
  checksum: string | null;
  /** The message as decoded text, without terminator. */
  raw: string;
}

export type Sip2Response = Sip2Decoded<ResponseCode>;
export type Sip2Request = Sip2Decoded<RequestCode>;

export function messageDef(code: string): MessageDef | undefined {
  return Object.hasOwn(MESSAGES, code) ? MESSAGES[code as MessageCode] : undefined;
}

export function fixedLength(def: MessageDef): number {
  let n = 0;
  for (const f of def.fixed) n += f.length;
  return n;
}

/**
 * The variable fields: two-letter id, the name the rest of Bitig uses, and how a value is read.
 *
 * - `text`: any string (amounts, dates and codes in variable fields stay text: servers format them freely).
 * - `flag`: `Y`/`N`, read as a boolean.
 * - `lines`: repeatable (screen message, print line); every occurrence is kept, empty ones too.
 * - `items`: repeatable item lists; an empty occurrence means "no item" (servers send one for a
 *   page past the end) and is dropped.
 *
 * `AY` (sequence) and `AZ` (checksum) are not here: they belong to error detection, not to a message.
 */
export type FieldKind = 'text' | 'flag' | 'lines' | 'items';

export interface FieldDef {
  readonly id: string;
  readonly name: string;
  readonly kind: FieldKind;
}

export const FIELDS = [
  { id: 'AA', name: 'patronIdentifier', kind: 'text' },
  { id: 'AB', name: 'itemIdentifier', kind: 'text' },
  { id: 'AC', name: 'terminalPassword', kind: 'text' },
  { id: 'AD', name: 'patronPassword', kind: 'text' },
  { id: 'AE', name: 'personalName', kind: 'text' },
  { id: 'AF', name: 'screenMessage', kind: 'lines' },
  { id: 'AG', name: 'printLine', kind: 'lines' },
  { id: 'AH', name: 'dueDate', kind: 'text' },
  { id: 'AJ', name: 'titleIdentifier', kind: 'text' },
  { id: 'AL', name: 'blockedCardMessage', kind: 'text' },
  { id: 'AM', name: 'libraryName', kind: 'text' },
  { id: 'AN', name: 'terminalLocation', kind: 'text' },
  { id: 'AO', name: 'institutionId', kind: 'text' },
  { id: 'AP', name: 'currentLocation', kind: 'text' },
  { id: 'AQ', name: 'permanentLocation', kind: 'text' },
  { id: 'AS', name: 'holdItems', kind: 'items' },
  { id: 'AT', name: 'overdueItems', kind: 'items' },
  { id: 'AU', name: 'chargedItems', kind: 'items' },
  { id: 'AV', name: 'fineItems', kind: 'items' },
  { id: 'BD', name: 'homeAddress', kind: 'text' },
  { id: 'BE', name: 'emailAddress', kind: 'text' },
  { id: 'BF', name: 'homePhoneNumber', kind: 'text' },
  { id: 'BG', name: 'owner', kind: 'text' },
  { id: 'BH', name: 'currencyType', kind: 'text' },
  { id: 'BI', name: 'cancel', kind: 'flag' },
  { id: 'BK', name: 'transactionId', kind: 'text' },
  { id: 'BL', name: 'validPatron', kind: 'flag' },
  { id: 'BM', name: 'renewedItems', kind: 'items' },
  { id: 'BN', name: 'unrenewedItems', kind: 'items' },
  { id: 'BO', name: 'feeAcknowledged', kind: 'flag' },
  { id: 'BP', name: 'startItem', kind: 'text' },
  { id: 'BQ', name: 'endItem', kind: 'text' },
  { id: 'BR', name: 'queuePosition', kind: 'text' },
  { id: 'BS', name: 'pickupLocation', kind: 'text' },
  { id: 'BT', name: 'feeType', kind: 'text' },
  { id: 'BU', name: 'recallItems', kind: 'items' },
  { id: 'BV', name: 'feeAmount', kind: 'text' },
  { id: 'BW', name: 'expirationDate', kind: 'text' },
  { id: 'BX', name: 'supportedMessages', kind: 'text' },
  { id: 'BY', name: 'holdType', kind: 'text' },
  { id: 'BZ', name: 'holdItemsLimit', kind: 'text' },
  { id: 'CA', name: 'overdueItemsLimit', kind: 'text' },
  { id: 'CB', name: 'chargedItemsLimit', kind: 'text' },
  { id: 'CC', name: 'feeLimit', kind: 'text' },
  { id: 'CD', name: 'unavailableHoldItems', kind: 'items' },
  { id: 'CF', name: 'holdQueueLength', kind: 'text' },
  { id: 'CG', name: 'feeIdentifier', kind: 'text' },
  { id: 'CH', name: 'itemProperties', kind: 'text' },
  { id: 'CI', name: 'securityInhibit', kind: 'flag' },
  { id: 'CJ', name: 'recallDate', kind: 'text' },
  { id: 'CK', name: 'mediaType', kind: 'text' },
  { id: 'CL', name: 'sortBin', kind: 'text' },
  { id: 'CM', name: 'holdPickupDate', kind: 'text' },
  { id: 'CN', name: 'loginUserId', kind: 'text' },
  { id: 'CO', name: 'loginPassword', kind: 'text' },
  { id: 'CP', name: 'locationCode', kind: 'text' },
  { id: 'CQ', name: 'validPatronPassword', kind: 'flag' },
  // Extensions that sorting checkin machines and Koha use.
  { id: 'CR', name: 'collectionCode', kind: 'text' },
  { id: 'CS', name: 'callNumber', kind: 'text' },
  { id: 'CT', name: 'destinationLocation', kind: 'text' },
  { id: 'CV', name: 'alertType', kind: 'text' },
  { id: 'CY', name: 'holdPatronId', kind: 'text' },
  { id: 'DA', name: 'holdPatronName', kind: 'text' },
] as const satisfies readonly FieldDef[];

type Defs = (typeof FIELDS)[number];
export type FieldId = Defs['id'];
export type FieldName = Defs['name'];

interface KindValue {
  text: string;
  flag: boolean;
  lines: string[];
  items: string[];
}

/** Every named variable field, each optional: a message carries the ones it has. */
export type Sip2Fields = { [D in Defs as D['name']]?: KindValue[D['kind']] };

/** One variable field as it appeared on the wire (value unescaped and NFC-normalised). */
export interface Sip2FieldEntry {
  id: string;
  value: string;
}

export const FIELD_BY_ID: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.id, f]));
export const FIELD_BY_NAME: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.name, f]));

/** What a field id looks like on the wire: two upper-case letters. */
export const FIELD_ID_PATTERN = /^[A-Z]{2}$/;

/** The wire form of a raw `|` inside a value (Koha's convention); `|` itself ends a field. */
export const ESCAPED_PIPE = '&#124;';

/**
 * Makes a value safe to put between a field id and its `|`: NFC (code pages only have composed
 * letters), `|` escaped, and CR/LF turned into spaces because the protocol has no way to carry them.
 */
export function escapeValue(value: string): string {
  return value
    .normalize('NFC')
    .replaceAll('|', ESCAPED_PIPE)
    .replace(/[\r\n]/g, ' ');
}

export function unescapeValue(value: string): string {
  return value.replaceAll(ESCAPED_PIPE, '|').normalize('NFC');
}

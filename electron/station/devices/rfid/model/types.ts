/** The data models a library tag can carry, and what decoding one yields. */
export type TagModel = 'iso28560-2' | 'iso28560-3' | '3m' | 'blank';

export const TAG_MODELS: readonly TagModel[] = ['iso28560-2', 'iso28560-3', '3m', 'blank'];

/** ISO 28560-1 type of usage, main class (the high hex digit in ISO 28560-2, the nibble in -3). */
export const TypeOfUsage = {
  acquisition: 0x0,
  circulating: 0x1,
  notForCirculation: 0x2,
  noInformation: 0x6,
  discarded: 0x7,
  patronCard: 0x8,
  equipment: 0x9,
} as const;

export interface SetInfo {
  /** Number of parts in the set (the whole item). */
  parts: number;
  /** This part's number, 1-based. */
  part: number;
}

/**
 * Everything decoded from one tag. Fields a model does not carry stay undefined; names follow
 * ISO 28560-1's data elements in camelCase.
 */
export interface DecodedTag {
  model: TagModel;
  primaryItemId?: string;
  /** Owner institution (ISIL). */
  ownerIsil?: string;
  setInfo?: SetInfo;
  /** Type of usage, main class (see TypeOfUsage): 8 is a patron card. */
  typeOfUsage?: number;
  /** Type of usage sub-qualifier (ISO 28560-2 carries it in the low hex digit). */
  typeOfUsageQualifier?: number;
  shelfLocation?: string;
  title?: string;
  onixMediaFormat?: string;
  marcMediaFormat?: string;
  supplierIdentifier?: string;
  orderNumber?: string;
  illBorrowingInstitution?: string;
  illBorrowingTransactionNumber?: string;
  gs1ProductIdentifier?: string;
  alternativeUniqueItemIdentifier?: string;
  localDataA?: string;
  localDataB?: string;
  localDataC?: string;
  productIdentifierLocal?: string;
  mediaFormatOther?: string;
  supplyChainStage?: string;
  supplierInvoiceNumber?: string;
  alternativeItemIdentifier?: string;
  alternativeOwnerInstitution?: string;
  subsidiaryOfOwnerInstitution?: string;
  alternativeIllBorrowingInstitution?: string;
  /** ISO 28560-2: the OIDs the content parameter says are present. */
  contentParameter?: number[];
  /** ISO 28560-3: the version nibble of the basic block. */
  version?: number;
  /** ISO 28560-3: the extension blocks after the basic block, undecoded. */
  extensionBlocks?: { id: number; data: string }[];
  /** 3M layout: item type code and its label, branch and library numbers, the custom field. */
  itemType?: number;
  itemTypeLabel?: string;
  branch?: number;
  library?: number;
  custom?: number;
  /** Oddities that did not stop decoding (a swapped variant, a content parameter that disagrees, ...). */
  warnings: string[];
}

/** Whether a decoded tag is a patron card rather than an item. */
export function isPatronCard(tag: DecodedTag): boolean {
  return tag.typeOfUsage === TypeOfUsage.patronCard;
}

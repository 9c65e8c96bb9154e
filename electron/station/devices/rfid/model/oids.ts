import type { DecodedTag } from './types.js';

/**
 * ISO 28560-2 relative OIDs (under 1.0.15961.8) and the DecodedTag field each one fills. OIDs 1-14 fit
 * the precursor's nibble; 15 and above use the escape nibble 0xF plus a byte holding OID - 15.
 */
export const OID = {
  primaryItemId: 1,
  contentParameter: 2,
  ownerIsil: 3,
  setInfo: 4,
  typeOfUsage: 5,
  shelfLocation: 6,
  onixMediaFormat: 7,
  marcMediaFormat: 8,
  supplierIdentifier: 9,
  orderNumber: 10,
  illBorrowingInstitution: 11,
  illBorrowingTransactionNumber: 12,
  gs1ProductIdentifier: 13,
  alternativeUniqueItemIdentifier: 14,
  localDataA: 15,
  localDataB: 16,
  title: 17,
  productIdentifierLocal: 18,
  mediaFormatOther: 19,
  supplyChainStage: 20,
  supplierInvoiceNumber: 21,
  alternativeItemIdentifier: 22,
  alternativeOwnerInstitution: 23,
  subsidiaryOfOwnerInstitution: 24,
  alternativeIllBorrowingInstitution: 25,
  localDataC: 26,
} as const;

/** Text-valued fields, keyed by OID; the structured ones (2, 4, 5) are handled apart. */
export type TextField = Exclude<keyof typeof OID, 'contentParameter' | 'setInfo' | 'typeOfUsage'> &
  keyof DecodedTag;

export const TEXT_FIELD_BY_OID = new Map<number, TextField>(
  (Object.entries(OID) as [keyof typeof OID, number][])
    .filter(([name]) => name !== 'contentParameter' && name !== 'setInfo' && name !== 'typeOfUsage')
    .map(([name, oid]) => [oid, name as TextField]),
);

/** OIDs that hold an ISIL: their application-defined compaction is ISIL compaction. */
export const ISIL_OIDS: ReadonlySet<number> = new Set([
  OID.ownerIsil,
  OID.illBorrowingInstitution,
  OID.alternativeOwnerInstitution,
  OID.alternativeIllBorrowingInstitution,
]);

export const MAX_OID = 26;

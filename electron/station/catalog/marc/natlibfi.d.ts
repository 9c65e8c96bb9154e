// Types for the parts of @natlibfi/marc-record and its serializers that the catalog uses (the
// packages ship JavaScript only).
declare module '@natlibfi/marc-record' {
  export interface MarcSubfield {
    code: string;
    value: string;
  }
  export interface MarcControlField {
    tag: string;
    value: string;
  }
  export interface MarcDataField {
    tag: string;
    ind1: string;
    ind2: string;
    subfields: MarcSubfield[];
  }
  export type MarcField = MarcControlField | MarcDataField;
  export interface MarcValidationOptions {
    fields?: boolean;
    subfields?: boolean;
    subfieldValues?: boolean;
    controlFieldValues?: boolean;
    leader?: boolean;
    characters?: boolean;
    noControlCharacters?: boolean;
  }
  export class MarcRecord {
    constructor(record?: { leader: string; fields: MarcField[] }, validationOptions?: MarcValidationOptions);
    leader: string;
    fields: MarcField[];
    get(query: RegExp | string): MarcField[];
    getControlfields(): MarcControlField[];
    getDatafields(): MarcDataField[];
    toObject(): { leader: string; fields: MarcField[] };
  }
  export class MarcRecordError extends Error {}
}

declare module '@natlibfi/marc-record-serializers' {
  import type { MarcRecord } from '@natlibfi/marc-record';
  export const MARCXML: {
    to(record: MarcRecord, options?: { omitDeclaration?: boolean; indent?: boolean }): string;
    from(xml: string, validationOptions?: object): Promise<MarcRecord>;
  };
}

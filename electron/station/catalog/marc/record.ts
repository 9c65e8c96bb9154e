import { MarcRecord, type MarcField as NatlibfiField } from '@natlibfi/marc-record';
import { MARCXML } from '@natlibfi/marc-record-serializers';
import { XMLParser } from 'fast-xml-parser';
import { CatalogError } from '../errors.js';

export type MarcField = NatlibfiField;
export interface PlainMarc {
  leader: string;
  fields: MarcField[];
}

/**
 * Real catalogues send empty subfields and control fields; a record is refused only when it has
 * no fields or a data field without subfields.
 */
const VALIDATION = { fields: true, subfields: true, subfieldValues: false, controlFieldValues: false };

/** A MarcRecord (National Library of Finland's model) from a plain record, validated. */
export function toMarcRecord(plain: PlainMarc): MarcRecord {
  try {
    return new MarcRecord(plain, VALIDATION);
  } catch (err) {
    throw new CatalogError('CATALOG_BAD_RECORD', `MARC record is invalid: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** MARCXML (MARC 21 slim schema; UNIMARC records travel in it too) of a record, without declaration. */
export function toMarcXml(record: MarcRecord): string {
  try {
    return MARCXML.to(record, { omitDeclaration: true });
  } catch (err) {
    throw new CatalogError(
      'CATALOG_BAD_RECORD',
      `the record cannot be written as MARCXML: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

type XmlNode = Record<string, unknown>;

const ARRAYS = new Set(['controlfield', 'datafield', 'subfield']);
const marcParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ARRAYS.has(name),
});

/** Reads one MARCXML record given as text (`<record xmlns="http://www.loc.gov/MARC21/slim">…`). */
export function readMarcXmlText(xml: string): PlainMarc {
  let doc: XmlNode;
  try {
    doc = marcParser.parse(xml, true) as XmlNode;
  } catch (err) {
    throw new CatalogError('CATALOG_BAD_RECORD', `MARCXML is not well-formed: ${(err as Error).message}`);
  }
  const record = (doc.record ?? (doc.collection as XmlNode | undefined)?.record) as unknown;
  const first = Array.isArray(record) ? record[0] : record;
  if (!first || typeof first !== 'object') throw new CatalogError('CATALOG_BAD_RECORD', 'no MARCXML record');
  return readMarcXmlNode(first as XmlNode);
}

/**
 * Reads a MARCXML `record` element as parsed by fast-xml-parser with `removeNSPrefix`, attributes
 * under `@`, and controlfield/datafield/subfield always arrays. Text is NFC, otherwise as sent.
 */
export function readMarcXmlNode(node: XmlNode): PlainMarc {
  const leader = text(node.leader).replace(/\s+$/, '').padEnd(24, ' ').slice(0, 24);
  const fields: MarcField[] = [];
  for (const cf of asArray(node.controlfield)) {
    const tag = attr(cf, 'tag');
    if (tag) fields.push({ tag, value: text(cf) });
  }
  for (const df of asArray(node.datafield)) {
    const tag = attr(df, 'tag');
    if (!tag) continue;
    const subfields = asArray((df as XmlNode).subfield).map((sf) => ({
      code: attr(sf, 'code') || ' ',
      value: text(sf),
    }));
    fields.push({ tag, ind1: attr(df, 'ind1') || ' ', ind2: attr(df, 'ind2') || ' ', subfields });
  }
  if (fields.length === 0) throw new CatalogError('CATALOG_BAD_RECORD', 'MARCXML record has no fields');
  // Control fields were read first; put fields back in tag order as MARC has them.
  fields.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  return { leader, fields };
}

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function attr(node: unknown, name: string): string {
  if (!node || typeof node !== 'object') return '';
  const v = (node as XmlNode)[`@${name}`];
  return typeof v === 'string' ? v : '';
}

function text(node: unknown): string {
  if (typeof node === 'string') return node.normalize('NFC');
  if (typeof node === 'number') return String(node);
  if (node && typeof node === 'object') {
    const t = (node as XmlNode)['#text'];
    if (typeof t === 'string' || typeof t === 'number') return String(t).normalize('NFC');
  }
  return '';
}

import { detectFormat, mapRecord } from './marc/map.js';
import { type PlainMarc, toMarcRecord, toMarcXml } from './marc/record.js';
import type { BibRecord, SourceFormat } from './types.js';

/**
 * A read MARC record (from MARCXML or ISO 2709) as our record: validated by @natlibfi/marc-record,
 * its format told (or taken from the source's setting), mapped, and kept as MARCXML.
 */
export function toBibRecord(plain: PlainMarc, format: SourceFormat, source: string): BibRecord {
  const record = toMarcRecord(plain);
  return mapRecord(plain, detectFormat(plain, format), source, toMarcXml(record));
}

/**
 * MODS 3.7 for the book (the primary dmdSec of the DFG-Viewer / DDB profile) from its record, or
 * from the item alone when the job has none. Text is written exactly as catalogued; where MODS or
 * the profile wants a normalised form (a W3CDTF year, a relator code, a family/given split) it is
 * added beside the catalogued text, never instead of it.
 */
import type { BibRecord, Creator } from '../../contract/catalog-types.js';
import { el, textEl, type XmlNode } from './xml.js';

export const MODS_NS = 'http://www.loc.gov/mods/v3';

/** What the book is described from besides its record. */
export interface ModsContext {
  /** The package name: the book's own identifier when the record has none usable. */
  name: string;
  itemBarcode: string;
  /** The holding library (`rights.owner`): mods:physicalLocation. */
  owner: string;
}

/** recordIdentifier@source of the station's own identifiers (a job without a record). */
export const STATION_ID_SOURCE = 'bitig';

/** Relator terms catalogues put in $e (English and Russian forms) and their MARC codes. */
const RELATOR_TERMS: Record<string, string> = {
  author: 'aut',
  автор: 'aut',
  editor: 'edt',
  редактор: 'edt',
  translator: 'trl',
  переводчик: 'trl',
  illustrator: 'ill',
  иллюстратор: 'ill',
  художник: 'ill',
  compiler: 'com',
  составитель: 'com',
  'writer of introduction': 'win',
  'author of introduction': 'aui',
  'writer of preface': 'wpr',
  commentator: 'cmm',
  комментатор: 'cmm',
  contributor: 'ctb',
  photographer: 'pht',
  publisher: 'pbl',
  'former owner': 'fmo',
};

/** The MARC relator code of a creator's role: a code as given, a known term mapped, else none. */
export function relatorCode(creator: Creator): string {
  const role =
    creator.role
      ?.trim()
      .replace(/[.,;:]+$/, '')
      .toLowerCase() ?? '';
  if (/^[a-z]{3}$/.test(role)) return role;
  if (role !== '' && RELATOR_TERMS[role]) return RELATOR_TERMS[role];
  // A main entry without a role is the author (MARC 21 100, UNIMARC 700); anyone else contributed.
  return creator.primary && role === '' ? 'aut' : 'ctb';
}

/** "Family, Given, 1894-1938" → its parts; a name without a comma is not split. */
function nameParts(name: string): XmlNode[] {
  const comma = name.indexOf(',');
  if (comma <= 0) return [];
  const family = name.slice(0, comma).trim();
  let rest = name.slice(comma + 1).trim();
  const dates = /,?\s*(\d{3,4}\??\s*-\s*(?:\d{3,4}\??)?)\.?$/.exec(rest);
  const parts = [textEl('mods:namePart', family, { type: 'family' })];
  if (dates) rest = rest.slice(0, dates.index).trim().replace(/,$/, '');
  if (rest !== '') parts.push(textEl('mods:namePart', rest, { type: 'given' }));
  if (dates) parts.push(textEl('mods:namePart', (dates[1] as string).replace(/\s+/g, ''), { type: 'date' }));
  return family === '' ? [] : parts;
}

function nameNode(creator: Creator): XmlNode {
  const code = relatorCode(creator);
  const term = creator.role?.trim() ?? '';
  const roleTerms = [textEl('mods:roleTerm', code, { authority: 'marcrelator', type: 'code' })];
  if (term !== '' && term.toLowerCase() !== code) {
    roleTerms.push(textEl('mods:roleTerm', term, { type: 'text' }));
  }
  return el('mods:name', { type: 'personal', usage: creator.primary ? 'primary' : null }, [
    ...nameParts(creator.name),
    textEl('mods:displayForm', creator.name),
    el('mods:role', {}, roleTerms),
  ]);
}

/** The year of a catalogued date ("[1926]", "c1998", "2019 й.", "1926-1927" → the first), or null. */
export function yearOf(date: string): string | null {
  return /(?<!\d)(\d{4})(?!\d)/.exec(date)?.[1] ?? null;
}

function originInfo(record: BibRecord): XmlNode | null {
  const { place, publisher, date } = record.publication;
  const children: XmlNode[] = [];
  if (place?.trim()) children.push(el('mods:place', {}, [textEl('mods:placeTerm', place, { type: 'text' })]));
  if (publisher?.trim()) children.push(textEl('mods:publisher', publisher));
  if (date?.trim()) {
    // One dateIssued only (originInfo_01), W3CDTF when the date has a year; what the catalogue's
    // brackets, "c" or "?" said becomes its qualifier (the date as catalogued stays in the source record).
    const year = yearOf(date);
    if (year) {
      const qualifier = /\?/.test(date)
        ? 'questionable'
        : /^\s*\[/.test(date)
          ? 'inferred'
          : /^\s*(c|ca\.?|circa)\s*\d/i.test(date)
            ? 'approximate'
            : null;
      children.push(textEl('mods:dateIssued', year, { encoding: 'w3cdtf', keyDate: 'yes', qualifier }));
    } else {
      children.push(textEl('mods:dateIssued', date, { keyDate: 'yes' }));
    }
  }
  if (record.edition?.trim()) children.push(textEl('mods:edition', record.edition));
  return children.length > 0 ? el('mods:originInfo', { eventType: 'publication' }, children) : null;
}

/** An identifier the DDB takes as recordIdentifier: no spaces, no slashes (recordInfo_04). */
function usableRecordId(id: string | null): id is string {
  return id !== null && /^[^ /]+$/.test(id.trim()) && id.trim() === id;
}

function recordInfo(record: BibRecord | null, context: ModsContext): XmlNode[] {
  if (record && usableRecordId(record.recordId) && record.source.trim() !== '') {
    return [
      el('mods:recordInfo', {}, [
        textEl('mods:recordIdentifier', record.recordId, { source: record.source }),
      ]),
    ];
  }
  const nodes: XmlNode[] = [];
  // The catalogue's id kept as catalogued when the DDB cannot take it as the record's identifier.
  if (record?.recordId?.trim()) nodes.push(textEl('mods:identifier', record.recordId, { type: 'local' }));
  nodes.push(
    el('mods:recordInfo', {}, [textEl('mods:recordIdentifier', context.name, { source: STATION_ID_SOURCE })]),
  );
  return nodes;
}

function location(context: ModsContext): XmlNode {
  return el('mods:location', {}, [
    textEl('mods:physicalLocation', context.owner),
    textEl('mods:shelfLocator', context.itemBarcode),
  ]);
}

/** The `mods:mods` element of the book. */
export function modsFor(record: BibRecord | null, context: ModsContext): XmlNode {
  const present = (s: string | null | undefined): s is string => !!s && s.trim() !== '';
  const title = present(record?.title) ? record.title : `[${context.itemBarcode}]`;
  const titleInfo = el('mods:titleInfo', {}, [
    textEl('mods:title', title),
    present(record?.subtitle) && textEl('mods:subTitle', record.subtitle),
  ]);
  const children: (XmlNode | null | false)[] = [titleInfo];
  if (record) {
    children.push(...record.creators.filter((c) => present(c.name)).map(nameNode));
  }
  children.push(textEl('mods:typeOfResource', 'text'));
  if (record) {
    children.push(originInfo(record));
    for (const code of record.languages.filter(present)) {
      children.push(
        el('mods:language', {}, [
          textEl('mods:languageTerm', code, { authority: 'iso639-2b', type: 'code' }),
        ]),
      );
    }
  }
  children.push(
    el('mods:physicalDescription', {}, [
      present(record?.extent) && textEl('mods:extent', record.extent),
      textEl('mods:digitalOrigin', 'reformatted digital'),
    ]),
  );
  if (record) {
    if (present(record.responsibility)) {
      children.push(textEl('mods:note', record.responsibility, { type: 'statement of responsibility' }));
    }
    for (const subject of record.subjects.filter(present)) {
      children.push(el('mods:subject', {}, [textEl('mods:topic', subject)]));
    }
    for (const isbn of record.isbns.filter(present))
      children.push(textEl('mods:identifier', isbn, { type: 'isbn' }));
    for (const series of record.series.filter(present)) {
      children.push(
        el('mods:relatedItem', { type: 'series' }, [
          el('mods:titleInfo', {}, [textEl('mods:title', series)]),
        ]),
      );
    }
  }
  children.push(location(context), ...recordInfo(record, context));
  return el('mods:mods', {}, children);
}

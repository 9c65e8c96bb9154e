import { describe, expect, it } from 'vitest';
import type { BibRecord } from '../../../electron/station/contract/catalog-types.js';
import type { PageType } from '../../../electron/station/contract/digitization-types.js';
import { writeMets } from '../../../electron/station/packages/mets/mets.js';
import { modsFor, relatorCode, yearOf } from '../../../electron/station/packages/mets/mods.js';
import { sectionsFromPages } from '../../../electron/station/packages/mets/sections.js';
import { buildDocument } from '../../../electron/station/packages/mets/xml.js';
import type { PackagePage } from '../../../electron/station/packages/package-input.js';
import { marc21Input } from '../../integration/packages/fixtures.js';

function pages(...specs: (PageType | [PageType, string])[]): PackagePage[] {
  return specs.map((spec, i) => {
    const [type, label] = Array.isArray(spec) ? spec : [spec, null];
    const file = {
      path: `${i}`,
      source: `/${i}`,
      mimeType: 'image/jpeg' as const,
      width: 1,
      height: 1,
      bytes: 1,
      sha256: '0',
    };
    return {
      order: i + 1,
      label,
      type,
      side: 'recto',
      master: { ...file, resolution: null },
      view: file,
      thumb: file,
      alto: null,
    };
  });
}

const shape = (s: ReturnType<typeof sectionsFromPages>) =>
  s.map(({ type, label, pages }) => [type, label, pages]);

describe('sectionsFromPages', () => {
  it('a chapter runs on until the next chapter or back matter, blank leaves in no section', () => {
    const sections = sectionsFromPages(
      pages(
        ['chapter', '1'],
        'normal',
        'blank',
        'illustration',
        ['chapter', '9'],
        'normal',
        ['index', '12'],
        'normal',
      ),
    );
    expect(shape(sections)).toEqual([
      ['chapter', '1', [1, 2, 4]],
      ['chapter', '9', [5, 6]],
      ['index', '12', [7, 8]],
    ]);
    expect(sections.map((s) => s.id)).toEqual(['LOG_0001', 'LOG_0002', 'LOG_0003']);
  });

  it('title and contents pages make their own sections, consecutive pages together', () => {
    expect(
      shape(sectionsFromPages(pages(['title', 'i'], 'copyright', ['contents', 'v'], 'contents', 'normal'))),
    ).toEqual([
      ['title_page', 'i', [1]],
      ['contents', 'v', [3, 4]],
    ]);
  });

  it('covers: first is the front, last the back, target cards around them not counted', () => {
    expect(
      shape(
        sectionsFromPages(pages('colour_card', 'cover', 'cover', 'title', 'normal', 'cover', 'white_card')),
      ),
    ).toEqual([
      ['cover_front', null, [2, 3]],
      ['title_page', null, [4]],
      ['cover_back', null, [6]],
    ]);
  });

  it('a preface, an appendix, an illustration outside any section; nothing for a book of plain pages', () => {
    expect(
      shape(sectionsFromPages(pages('illustration', 'preface', 'normal', 'chapter', 'appendix', 'normal'))),
    ).toEqual([
      ['illustration', null, [1]],
      ['preface', null, [2, 3]],
      ['chapter', null, [4]],
      ['section', null, [5, 6]],
    ]);
    expect(sectionsFromPages(pages('normal', 'normal', 'blank'))).toEqual([]);
    expect(sectionsFromPages([])).toEqual([]);
  });

  it('follows the pages’ order, not the array’s', () => {
    const [a, b] = pages(['chapter', '1'], 'normal');
    expect(shape(sectionsFromPages([b as PackagePage, a as PackagePage]))).toEqual([
      ['chapter', '1', [1, 2]],
    ]);
  });
});

describe('MODS details', () => {
  it('reads the year of a catalogued date', () => {
    expect(yearOf('[1926]')).toBe('1926');
    expect(yearOf('c1998')).toBe('1998');
    expect(yearOf('2019 й.')).toBe('2019');
    expect(yearOf('1926-1927')).toBe('1926');
    expect(yearOf('б. г.')).toBeNull();
    expect(yearOf('12345')).toBeNull();
  });

  it('maps relator terms to MARC codes', () => {
    expect(relatorCode({ name: 'x', role: 'aut', primary: true })).toBe('aut');
    expect(relatorCode({ name: 'x', role: 'Translator.', primary: false })).toBe('trl');
    expect(relatorCode({ name: 'x', role: 'редактор', primary: false })).toBe('edt');
    expect(relatorCode({ name: 'x', role: null, primary: true })).toBe('aut');
    expect(relatorCode({ name: 'x', role: null, primary: false })).toBe('ctb');
    expect(relatorCode({ name: 'x', role: 'хранитель', primary: false })).toBe('ctb');
  });

  it('keeps a catalogue id the DDB cannot take (a slash) as a local identifier', () => {
    const record: BibRecord = {
      format: 'marc21',
      title: 'Абай жолы',
      subtitle: null,
      responsibility: null,
      creators: [],
      publication: { place: null, publisher: null, date: 'c1942?' },
      isbns: [],
      recordId: 'kz/nlrk 42',
      source: 'НБРК',
      languages: ['kaz'],
      extent: null,
      subjects: [],
      edition: null,
      series: [],
      marcxml: '',
    };
    const xml = buildDocument(modsFor(record, { name: 'bitig-1-42', itemBarcode: '42', owner: 'НБРК' }));
    expect(xml).toContain('<mods:identifier type="local">kz/nlrk 42</mods:identifier>');
    expect(xml).toContain('<mods:recordIdentifier source="bitig">bitig-1-42</mods:recordIdentifier>');
    expect(xml).toContain(
      '<mods:dateIssued encoding="w3cdtf" keyDate="yes" qualifier="questionable">1942</mods:dateIssued>',
    );
  });
});

describe('writeMets ids and the source record', () => {
  const input = marc21Input([
    { id: '1st chapter', type: 'chapter', label: '1', pages: [10, 11] },
    { id: 'LOG_0000', type: 'chapter', label: '4', pages: [14] },
    { id: 'gone', type: 'index', label: null, pages: [99] },
  ]);

  it('rewrites section ids that are no xsd:ID or taken, and drops sections without pages', () => {
    const xml = writeMets(input);
    expect(xml).toContain('<mets:div ID="LOG_S0001" TYPE="chapter" LABEL="1"/>');
    expect(xml).toContain('<mets:div ID="LOG_S0002" TYPE="chapter" LABEL="4"/>');
    expect(xml).toContain('<mets:smLink xlink:from="LOG_S0002" xlink:to="PHYS_0014"/>');
    expect(xml).not.toContain('TYPE="index"');
  });

  it('leaves out a source record that is not well-formed XML', () => {
    const record = { ...(input.record as BibRecord), marcxml: '<record><leader>x</record>' };
    const xml = writeMets({ ...input, record });
    expect(xml).not.toContain('mets:sourceMD');
    expect(xml).toContain('<mods:title>Oʻtkan kunlar</mods:title>');
  });
});

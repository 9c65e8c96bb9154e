/**
 * The METS writer against the official validators: METS 1.12.1 + MODS 3.7 XSDs (xmllint, offline
 * through the XML catalog) and the DDB's Schematron for the DFG-Viewer profile (Saxon-HE).
 * ../shared sits beside the repository (as in CI), or BITIG_SHARED_DIR names it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMets } from '../../../electron/station/packages/mets/mets.js';
import { sectionsFromPages } from '../../../electron/station/packages/mets/sections.js';
import type { PackageInput } from '../../../electron/station/packages/package-input.js';
import { sharedDir } from '../../helpers/shared-dir.js';
import { MARC21_RECORD, marc21Input, recordlessInput, UNIMARC_RECORD, unimarcInput } from './fixtures.js';
import { ddbFindings, type Finding, runDdbSchematron } from './helpers/ddb-schematron.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const shared = sharedDir() ?? path.resolve(repoRoot, '..', 'shared');
const schemas = path.join(shared, 'schemas');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-mets-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function withSections(make: (s: PackageInput['sections']) => PackageInput): PackageInput {
  const input = make([]);
  return { ...input, sections: sectionsFromPages(input.pages) };
}

/** The documents checked, by name: written to in/NAME.xml, the Schematron's report to svrl/NAME.xml. */
function save(name: string, xml: string): string {
  const file = path.join(tmp, 'in', `${name}.xml`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, xml, 'utf8');
  return file;
}

/** xmllint against mets-mods.xsd: '' when valid, else its complaints. */
function xsdErrors(file: string): string {
  const run = spawnSync(
    'xmllint',
    ['--nonet', '--noout', '--schema', path.join(schemas, 'mets-mods.xsd'), file],
    { env: { ...process.env, XML_CATALOG_FILES: path.join(schemas, 'catalog.xml') }, encoding: 'utf8' },
  );
  return run.status === 0 ? '' : `${run.stdout}${run.stderr}`;
}

/** Saxon over every saved document at once (one JVM start, the compiled stylesheet reused). */
function runSchematron(): void {
  runDdbSchematron(schemas, path.join(tmp, 'in'), path.join(tmp, 'svrl'));
}

/** The DDB Schematron's findings (failed asserts and successful reports) for a saved document. */
function schematron(name: string): Finding[] {
  return ddbFindings(path.join(tmp, 'svrl', `${name}.xml`));
}

/** Fatal and error findings fail the test; warnings are printed for the record. */
function expectDdbClean(name: string): Finding[] {
  const findings = schematron(name);
  const blocking = findings.filter((f) => f.role === 'fatal' || f.role === 'error');
  for (const f of findings.filter((f) => f.role === 'warn')) {
    console.log(`[${name}] DDB warn ${f.id} at ${f.location}`);
  }
  expect(blocking.map((f) => `${f.role} ${f.id} ${f.location}`)).toEqual([]);
  return findings;
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function parseMets(xml: string) {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    htmlEntities: true,
  }).parse(xml)['mets:mets'];
}

// biome-ignore lint/suspicious/noExplicitAny: parsed XML, its shape is what the assertions check
type Node = Record<string, any>;

describe('METS/MODS (DFG-Viewer profile)', () => {
  const marc21 = withSections(marc21Input);
  const marc21Xml = writeMets(marc21);
  const documents: Record<string, string> = {
    marc21: marc21Xml,
    unimarc: writeMets(withSections(unimarcInput)),
    'record-less': writeMets(withSections(recordlessInput)),
    // The same book with what the DDB requires taken out: the check must see it.
    'no-license': marc21Xml.replace(/\s*<dv:license>[^<]*<\/dv:license>/, ''),
    'no-record-id': marc21Xml.replace(/\s*<mods:recordInfo>[\s\S]*?<\/mods:recordInfo>/, ''),
  };
  const files = Object.fromEntries(Object.entries(documents).map(([name, xml]) => [name, save(name, xml)]));
  beforeAll(runSchematron, 120_000);

  for (const [name, what] of <const>[
    ['marc21', 'the MARC 21 book'],
    ['unimarc', 'the UNIMARC book (no ALTO, no PDF, no links)'],
    ['record-less', 'the job without a record'],
  ]) {
    it(`${what} validates against METS 1.12.1 + MODS 3.7 and the DDB Schematron`, () => {
      expect(xsdErrors(files[name] as string)).toBe('');
      expectDdbClean(name);
    });
  }

  it('lists every page in order with its labels and files, and the PDF for the whole book', () => {
    const mets = parseMets(marc21Xml);
    const physical = asArray<Node>(mets['mets:structMap']).find((s) => s['@TYPE'] === 'PHYSICAL') as Node;
    const sequence = physical['mets:div'];
    expect(sequence['@TYPE']).toBe('physSequence');
    expect(sequence['mets:fptr']['@FILEID']).toBe('FILE_DOWNLOAD');
    const pages = asArray<Node>(sequence['mets:div']);
    expect(pages.map((p) => Number(p['@ORDER']))).toEqual(marc21.pages.map((p) => p.order));
    expect(pages.map((p) => p['@ORDERLABEL'] ?? null)).toEqual(marc21.pages.map((p) => p.label));
    expect(pages.every((p) => p['@TYPE'] === 'page')).toBe(true);
    expect(asArray<Node>(pages[3]?.['mets:fptr']).map((f) => f['@FILEID'])).toEqual([
      'FILE_0004_DEFAULT',
      'FILE_0004_THUMBS',
      'FILE_0004_MAX',
      'FILE_0004_FULLTEXT',
    ]);

    const groups = asArray<Node>(mets['mets:fileSec']['mets:fileGrp']);
    expect(groups.map((g) => g['@USE'])).toEqual(['DEFAULT', 'THUMBS', 'MAX', 'FULLTEXT', 'DOWNLOAD']);
    const max = asArray<Node>(groups[2]?.['mets:file']);
    expect(max).toHaveLength(marc21.pages.length);
    const first = marc21.pages[0];
    expect(max[0]).toMatchObject({
      '@MIMETYPE': 'image/tiff',
      '@SIZE': String(first?.master.bytes),
      '@CHECKSUM': first?.master.sha256,
      '@CHECKSUMTYPE': 'SHA-256',
      'mets:FLocat': { '@LOCTYPE': 'URL', '@xlink:href': 'max/0001.tif' },
    });
    expect(asArray<Node>(groups[3]?.['mets:file'])[0]?.['@MIMETYPE']).toBe('text/xml');
    expect(groups[4]?.['mets:file']).toMatchObject({
      '@MIMETYPE': 'application/pdf',
      'mets:FLocat': { '@xlink:href': 'bitig-12-3100009.pdf' },
    });
  });

  it('gives the book its sections and links each to its pages, the book to all of them', () => {
    const mets = parseMets(marc21Xml);
    const logical = asArray<Node>(mets['mets:structMap']).find((s) => s['@TYPE'] === 'LOGICAL') as Node;
    const book = logical['mets:div'];
    expect(book).toMatchObject({
      '@TYPE': 'monograph',
      '@DMDID': 'DMDLOG_0000',
      '@ADMID': 'AMD',
      '@LABEL': 'Oʻtkan kunlar',
    });
    const divs = asArray<Node>(book['mets:div']).map((d) => [d['@TYPE'], d['@LABEL'] ?? null]);
    expect(divs).toEqual([
      ['cover_front', null],
      ['title_page', 'I'],
      ['contents', 'III'],
      ['preface', 'V'],
      ['chapter', '1'],
      ['chapter', '4'],
      ['index', '6'],
      ['cover_back', null],
    ]);

    const links = asArray<Node>(mets['mets:structLink']['mets:smLink']).map((l) => [
      l['@xlink:from'],
      l['@xlink:to'],
    ]);
    const to = (from: string) => links.filter(([f]) => f === from).map(([, t]) => t);
    expect(to('LOG_0000')).toEqual(marc21.pages.map((p) => `PHYS_${String(p.order).padStart(4, '0')}`));
    for (const section of marc21.sections) {
      expect(to(section.id)).toEqual(section.pages.map((o) => `PHYS_${String(o).padStart(4, '0')}`));
    }
    // The first chapter: its pages and the illustration, not the blank leaf.
    expect(to('LOG_0005')).toEqual(['PHYS_0010', 'PHYS_0011', 'PHYS_0012']);
  });

  it('describes the book in MODS with its text exactly as catalogued', () => {
    const mets = parseMets(marc21Xml);
    const mods = mets['mets:dmdSec']['mets:mdWrap']['mets:xmlData']['mods:mods'];
    expect(mods['mods:titleInfo']).toEqual({
      'mods:title': 'Oʻtkan kunlar',
      'mods:subTitle': 'tarixiy roman & «Меҳробдан чаён»',
    });
    const names = asArray<Node>(mods['mods:name']);
    expect(names[0]).toMatchObject({
      '@type': 'personal',
      'mods:displayForm': 'Qodiriy, Abdulla, 1894-1938',
      'mods:role': {
        'mods:roleTerm': [
          { '#text': 'aut', '@type': 'code', '@authority': 'marcrelator' },
          { '#text': 'author', '@type': 'text' },
        ],
      },
    });
    expect(asArray<Node>(names[0]?.['mods:namePart']).map((p) => [p['@type'], p['#text']])).toEqual([
      ['family', 'Qodiriy'],
      ['given', 'Abdulla'],
      ['date', '1894-1938'],
    ]);
    expect(names[1]?.['mods:displayForm']).toBe('Ауэзов, Мухтар');
    expect(names[2]?.['mods:displayForm']).toBe('Ma’rifat');
    expect(mods['mods:originInfo']).toMatchObject({
      'mods:place': { 'mods:placeTerm': { '#text': 'Toshkent', '@type': 'text' } },
      'mods:publisher': 'Gʻafur Gʻulom nomidagi nashriyot',
      'mods:dateIssued': {
        '#text': '1926',
        '@encoding': 'w3cdtf',
        '@keyDate': 'yes',
        '@qualifier': 'inferred',
      },
      'mods:edition': '2-nashr',
    });
    expect(asArray<Node>(mods['mods:language']).map((l) => l['mods:languageTerm']['#text'])).toEqual([
      'uzb',
      'rus',
      'kaz',
    ]);
    expect(asArray<Node>(mods['mods:subject']).map((s) => s['mods:topic'])).toEqual(MARC21_RECORD.subjects);
    expect(mods['mods:relatedItem']).toMatchObject({
      '@type': 'series',
      'mods:titleInfo': { 'mods:title': 'Oʻzbek romanlari ; 3' },
    });
    expect(mods['mods:location']).toEqual({
      'mods:physicalLocation': 'Alisher Navoiy nomidagi Oʻzbekiston Milliy kutubxonasi',
      'mods:shelfLocator': '3100009',
    });
    expect(mods['mods:recordInfo']['mods:recordIdentifier']).toEqual({
      '#text': 'UZ-NL-000123456',
      '@source': 'Milliy kutubxona SRU',
    });
    // Characters as given: ʻ (U+02BB) and Cyrillic, NFC, not escaped away.
    expect(marc21Xml).toContain('Oʻtkan kunlar');
    expect(marc21Xml).toContain('«Меҳробдан чаён»');
    expect(marc21Xml).toContain('Қазақ әдебиеті');
    expect(marc21Xml.normalize('NFC')).toBe(marc21Xml);
    expect(marc21Xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('keeps rights, links and the source record as they came', () => {
    const mets = parseMets(marc21Xml);
    const amd = mets['mets:amdSec'];
    expect(amd['mets:rightsMD']['mets:mdWrap']['mets:xmlData']['dv:rights']).toEqual({
      'dv:owner': 'Alisher Navoiy nomidagi Oʻzbekiston Milliy kutubxonasi',
      'dv:ownerLogo': 'https://natlib.uz/logo.png',
      'dv:ownerSiteURL': 'https://natlib.uz/',
      'dv:ownerContact': 'mailto:info@natlib.uz',
      'dv:sponsor': 'Oʻzbekiston Respublikasi Madaniyat vazirligi',
      'dv:license': 'https://creativecommons.org/publicdomain/mark/1.0/',
    });
    expect(amd['mets:digiprovMD']['mets:mdWrap']['mets:xmlData']['dv:links']).toEqual({
      'dv:reference': 'https://catalog.natlib.uz/record/bitig-12-3100009',
      'dv:presentation': 'https://dfg-viewer.de/show?tx_dlf[id]=https://natlib.uz/mets/bitig-12-3100009.xml',
    });
    const source = amd['mets:sourceMD']['mets:mdWrap'];
    expect(source['@MDTYPE']).toBe('MARC');
    const record = source['mets:xmlData']['marc:record'];
    expect(record['marc:controlfield'][0]['#text']).toBe('UZ-NL-000123456');
    expect(marc21Xml).toContain(
      '<marc:subfield code="b">tarixiy roman &amp; «Меҳробдан чаён» /</marc:subfield>',
    );

    // UNIMARC sent without a namespace is put in MARC 21 slim's; its id with backslashes is kept.
    const unimarcXml = writeMets(withSections(unimarcInput));
    expect(unimarcXml).toContain('<record xmlns="http://www.loc.gov/MARC21/slim">');
    expect(unimarcXml).toContain('<controlfield tag="001">RU\\NLR\\bibl\\1234567</controlfield>');
    expect(unimarcXml).toContain(
      '<mods:recordIdentifier source="РНБ Z39.50">RU\\NLR\\bibl\\1234567</mods:recordIdentifier>',
    );
    expect(unimarcXml).toContain('<mods:title>Ўтган кунлар</mods:title>');
    expect(unimarcXml).not.toContain('dv:links');
    expect(unimarcXml).not.toContain('FULLTEXT');
    expect(UNIMARC_RECORD.format).toBe('unimarc');
  });

  it('describes a job without a record by its item, under the station’s own identifier', () => {
    const xml = writeMets(withSections(recordlessInput));
    const mods = parseMets(xml)['mets:dmdSec']['mets:mdWrap']['mets:xmlData']['mods:mods'];
    expect(mods['mods:titleInfo']['mods:title']).toBe('[ҚР-0042]');
    expect(mods['mods:recordInfo']['mods:recordIdentifier']).toEqual({
      '#text': 'bitig-14-ҚР-0042',
      '@source': 'bitig',
    });
    expect(mods['mods:location']['mods:shelfLocator']).toBe('ҚР-0042');
    expect(xml).not.toContain('mets:sourceMD');
  });

  it('the Schematron check is live: a METS without dv:license or without a record identifier is refused', () => {
    expect(documents['no-license']).not.toContain('<dv:license>');
    expect(documents['no-record-id']).not.toContain('mods:recordIdentifier');
    const blocking = (name: string) =>
      schematron(name)
        .filter((f) => f.role === 'fatal' || f.role === 'error')
        .map((f) => `${f.role} ${f.id}`);
    expect(blocking('no-license')).toContain('error amdSec_04');
    expect(blocking('no-record-id')).toContain('fatal recordInfo_01');
  });
});

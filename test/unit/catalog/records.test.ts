import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  buildQuery,
  CatalogSource,
  detectFormat,
  isbnDigits,
  isbnsMatch,
  matchKey,
  type PlainMarc,
  readIso2709,
  readMarcXmlText,
  splitIso2709,
  textsMatch,
  toBibRecord,
  toIsbn10,
  toIsbn13,
  writeIso2709,
} from '../../../electron/station/catalog/index.js';
import { MARC21, UNIMARC } from '../../integration/catalog/fixtures.js';

const strip = (p: PlainMarc, tag: string): PlainMarc => ({
  ...p,
  fields: p.fields.filter((f) => f.tag !== tag),
});

describe('MARC → our record', () => {
  it('tells MARC 21 from UNIMARC: 245, else 200 $a, else UNIMARC’s coded 100 $a; a source’s setting wins', () => {
    expect(detectFormat(MARC21[0]!)).toBe('marc21');
    expect(detectFormat(UNIMARC[0]!)).toBe('unimarc');
    // UNIMARC without 200 still has its coded 100 $a (yyyymmdd…)
    expect(detectFormat(strip(UNIMARC[0]!, '200'))).toBe('unimarc');
    expect(detectFormat(UNIMARC[0]!, 'marc21')).toBe('marc21');
  });

  it('maps UNIMARC/RUSMARC 200, 205, 210, 215, 225, 606, 700–702, 010, 101', () => {
    const r = toBibRecord(UNIMARC[2]!, 'auto', 'NLU');
    expect(r).toMatchObject({
      format: 'unimarc',
      title: 'Boburnoma',
      responsibility: 'Zahiriddin Muhammad Bobur',
      creators: [
        { name: 'Bobur, Zahiriddin Muhammad', role: 'aut', primary: true },
        { name: 'Gʻulomov, A.', role: 'edt', primary: false },
      ],
      publication: { place: 'Toshkent', publisher: 'Yulduzcha', date: '1989' },
      isbns: ['5-640-00102-X'],
      recordId: 'UZ-NLU-0001',
      source: 'NLU',
      languages: ['uzb'],
      subjects: ['Oʻzbekiston tarixi'],
    });
  });

  it('keeps text as catalogued in NFC: decomposed letters are composed, Uzbek apostrophes untouched', () => {
    const decomposed: PlainMarc = {
      leader: MARC21[0]!.leader,
      fields: [
        { tag: '001', value: 'x' },
        // "Ўткан" with У + combining breve; "Oʻtkan" with U+02BB
        { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'У\u0306ткан кунлар. Oʻtkan' }] },
      ],
    };
    const r = toBibRecord(decomposed, 'auto', 's');
    expect(r.title).toBe('Ўткан кунлар. Oʻtkan');
    expect(r.title!.normalize('NFC')).toBe(r.title);
    expect(r.title).toContain('\u02BB');
  });

  it('041 with codes run together is split; without 041 the language comes from 008/35-37', () => {
    const run: PlainMarc = {
      leader: MARC21[0]!.leader,
      fields: [
        { tag: '041', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: 'uzbrus' }] },
        { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'Lugʻat' }] },
      ],
    };
    expect(toBibRecord(run, 'auto', 's').languages).toEqual(['uzb', 'rus']);
    expect(toBibRecord(strip(MARC21[0]!, '041'), 'auto', 's').languages).toEqual(['uzb']);
  });

  it('a record without fields is CATALOG_BAD_RECORD, not an empty record', () => {
    expect(() => toBibRecord({ leader: MARC21[0]!.leader, fields: [] }, 'auto', 's')).toThrow(
      expect.objectContaining({ code: 'CATALOG_BAD_RECORD' }),
    );
  });

  it('the kept MARCXML reads back to the same fields', () => {
    const r = toBibRecord(MARC21[0]!, 'auto', 's');
    const back = readMarcXmlText(r.marcxml);
    expect(back.fields).toEqual(MARC21[0]!.fields);
  });
});

describe('ISO 2709', () => {
  it('round-trips UTF-8 and CP1251 records; auto tells them apart by the bytes', () => {
    for (const record of [...MARC21, UNIMARC[0]!]) {
      const utf8 = readIso2709(writeIso2709(record, 'utf-8'));
      expect(utf8.fields).toEqual(record.fields);
    }
    const ru = UNIMARC[0]!;
    const cp = writeIso2709(ru, 'cp1251');
    expect(cp.includes(iconv.encode('Война', 'cp1251'))).toBe(true);
    expect(readIso2709(cp).fields).toEqual(ru.fields);
    expect(readIso2709(cp, 'cp1251').fields).toEqual(ru.fields);
  });

  it('a cut record, a directory pointing outside, a bad leader: CATALOG_BAD_RECORD with the reason', () => {
    const whole = writeIso2709(MARC21[0]!);
    const cases: Array<[Uint8Array, RegExp]> = [
      [whole.subarray(0, 200), /truncated: the leader says \d+ bytes, 200 arrived/],
      [whole.subarray(0, 10), /too short/],
      [Buffer.concat([Buffer.from('abcde'), whole.subarray(5)]), /record length is not a number/],
    ];
    // A directory entry whose start lies past the end (rewrite field 245's start to 99999).
    const broken = Buffer.from(whole);
    const dir = broken.toString('latin1', 24, 24 + 12 * 13);
    const at = dir.indexOf('245');
    broken.write('99999', 24 + at + 7, 'latin1');
    cases.push([broken, /field 245 runs past the end/]);
    for (const [bytes, message] of cases) {
      expect(() => readIso2709(bytes)).toThrow(
        expect.objectContaining({ code: 'CATALOG_BAD_RECORD', message: expect.stringMatching(message) }),
      );
    }
  });

  it('splits a file of several records at the record terminator', () => {
    const file = Buffer.concat(MARC21.map((r) => writeIso2709(r)));
    expect(splitIso2709(file).map((b) => readIso2709(b).fields[0])).toEqual(MARC21.map((r) => r.fields[0]));
  });
});

describe('matching', () => {
  it('folds Uzbek apostrophes, case and spaces for matching only', () => {
    for (const typed of [
      "O'tkan kunlar",
      'O‘tkan  Kunlar',
      'Oʼtkan kunlar',
      'O`tkan kunlar',
      'OʻTKAN KUNLAR',
    ]) {
      expect(textsMatch(typed, 'Oʻtkan kunlar'), typed).toBe(true);
    }
    expect(textsMatch('Otkan kunlar', 'Oʻtkan kunlar')).toBe(false);
    expect(matchKey('Ўткан\u00a0кунлар')).toBe('ўткан кунлар');
  });

  it('ISBN-10 and -13, with or without hyphens, match; a wrong check digit is no ISBN', () => {
    expect(isbnsMatch('5-699-12014-9', '978-5-699-12014-7')).toBe(true);
    expect(isbnsMatch('9785699120147', '5699120149')).toBe(true);
    expect(isbnsMatch('5-699-12014-9', '5-699-12014-8')).toBe(false);
    expect(isbnDigits('ISBN 5-640-00102-x (pbk.)')).toBe('564000102X');
    expect(isbnDigits('978-5-699-12014-0')).toBeNull();
    expect(toIsbn13('564000102X')).toBe('9785640001020');
    expect(toIsbn10('9785640001020')).toBe('564000102X');
    expect(toIsbn10('9791234567896')).toBeNull();
  });
});

describe('query templates', () => {
  const sru = CatalogSource.parse({ name: 'Koha', protocol: 'sru', url: 'https://opac.example.uz/sru' });
  const z = CatalogSource.parse({
    name: 'IRBIS',
    protocol: 'z3950',
    host: 'irbis.example.kz',
    database: 'IBIS',
  });

  it('defaults per protocol, values quoted and escaped for CQL and PQF', () => {
    expect(buildQuery(sru, { kind: 'isbn', value: '978-5-699-12014-7' })).toBe('bath.isbn="9785699120147"');
    expect(buildQuery(sru, { kind: 'title', value: 'say "hi" *' })).toBe('dc.title all "say \\"hi\\" \\*"');
    expect(buildQuery(z, { kind: 'author', value: 'Әуезов "М."' })).toBe('@attr 1=1003 "Әуезов \\"М.\\""');
    expect(buildQuery(z, { kind: 'pqf', query: '@attr 1=4 x' })).toBe('@attr 1=4 x');
  });

  it('per-source templates with prefixes; a missing template or a foreign query language is refused', () => {
    const custom = CatalogSource.parse({
      ...z,
      queries: {
        barcode: { template: '@attr 1=1028 {value}', prefix: 'KZ-', stripPrefix: ']C1' },
        isbn: { template: '@or @attr 1=7 {isbn10} @attr 1=7 {isbn13}' },
      },
    });
    expect(buildQuery(custom, { kind: 'barcode', value: ']C1004711' })).toBe('@attr 1=1028 "KZ-004711"');
    expect(buildQuery(custom, { kind: 'isbn', value: '978-5-699-12014-7' })).toBe(
      '@or @attr 1=7 "5699120149" @attr 1=7 "9785699120147"',
    );
    const bad = (f: () => unknown, message: RegExp) =>
      expect(f).toThrow(
        expect.objectContaining({ code: 'CATALOG_BAD_QUERY', message: expect.stringMatching(message) }),
      );
    bad(() => buildQuery(z, { kind: 'barcode', value: '1' }), /no query template for barcode/);
    bad(() => buildQuery(sru, { kind: 'pqf', query: '@attr 1=4 x' }), /give a CQL query, not PQF/);
    bad(() => buildQuery(sru, { kind: 'isbn', value: '12345' }), /not an ISBN/);
  });

  it('sources are validated: a Z39.50 source needs a database, an SRU one an http(s) URL', () => {
    expect(CatalogSource.safeParse({ name: 'x', protocol: 'z3950', host: 'h' }).success).toBe(false);
    expect(CatalogSource.safeParse({ name: 'x', protocol: 'sru', url: 'ftp://h/sru' }).success).toBe(false);
    expect(CatalogSource.parse({ name: 'x', protocol: 'z3950', host: 'h', database: 'd' })).toMatchObject({
      port: 210,
      syntax: 'usmarc',
      charset: 'auto',
      maxRecords: 20,
      timeoutSeconds: 15,
    });
  });
});

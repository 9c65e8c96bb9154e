import { describe, expect, it } from 'vitest';
import {
  CatalogError,
  readIso2709,
  readMarcXmlText,
  toBibRecord,
  writeIso2709,
} from '../../../electron/station/catalog/index.js';
import { decodeMarc8, looksLikeMarc8 } from '../../../electron/station/catalog/marc/marc8.js';
import { MARC21 } from '../../integration/catalog/fixtures.js';

/** MARC-8 bytes from a string whose characters are all below U+0100 (one byte each). */
const b = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const m8 = (s: string) => decodeMarc8(b(s));

const ESC = '\x1b';
const CYRILLIC = `${ESC}(N`; // G0 ← Basic Cyrillic
const EXTENDED_CYRILLIC = `${ESC})Q`; // G1 ← Extended Cyrillic
const LATIN = `${ESC}(B`; // G0 ← ASCII
const ANSEL = `${ESC})!E`; // G1 ← ANSEL

type Field = [tag: string, body: string];
/** An ISO 2709 record from MARC-8 field bodies (`\x1f` subfields; indicators first), leader/09 blank. */
function marc8Record(fields: Field[], leader09 = ' '): Uint8Array {
  let directory = '';
  let data = '';
  for (const [tag, body] of fields) {
    const field = `${body}\x1e`;
    directory += `${tag}${String(field.length).padStart(4, '0')}${String(data.length).padStart(5, '0')}`;
    data += field;
  }
  const base = 24 + directory.length + 1;
  const total = base + data.length + 1;
  const leader = `${String(total).padStart(5, '0')}nam ${leader09}22${String(base).padStart(5, '0')} a 4500`;
  return b(`${leader}${directory}\x1e${data}\x1d`);
}

const badRecord = (f: () => unknown, message: RegExp) => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    expect((err as CatalogError).code).toBe('CATALOG_BAD_RECORD');
    expect((err as CatalogError).message).toMatch(message);
    return;
  }
  throw new Error('no error');
};

describe('MARC-8 → Unicode', () => {
  it('ANSEL: diacritics come before the letter in MARC-8, after it in Unicode (then NFC)', () => {
    expect(m8('Mu\xe4noz')).toBe('Muñoz'); // E4 tilde
    expect(m8('Garc\xe2ia M\xe2arquez')).toBe('García Márquez'); // E2 acute
    expect(m8('\xa1\xe2od\xe2z')).toBe('Łódź'); // A1 Ł
    expect(m8('Dvo\xe9r\xe2ak, B\xe1oi')).toBe('Dvořák, Bòi'); // E9 caron, E1 grave
    expect(m8('G\xe8ottingen, \xe8Ubersetzung')).toBe('Göttingen, Übersetzung'); // E8 umlaut
    expect(m8('Fran\xf0cais')).toBe('Français'); // F0 cedilla
    expect(m8('\xc3 1999 \xa5\xb5 \xb2 \xb8 \xc7 \xc8')).toBe('© 1999 Ææ ø ı ß €');
    expect(m8('Mu\xe4noz').normalize('NFC')).toHaveLength(5); // one precomposed ñ
  });

  it('two diacritics on one letter, and the two-letter (ligature, double tilde) marks', () => {
    expect(m8('Vi\xf2\xe3et Nam')).toBe('Việt Nam'); // dot below + circumflex
    expect(m8('Vi\xe3\xf2et Nam')).toBe('Việt Nam'); // either order: canonical ordering
    expect(m8('\xebt\xecs')).toBe('t\ufe20s\ufe21'); // LoC: ligature halves FE20/FE21
    expect(m8('\xfan\xfbg')).toBe('n\ufe22g\ufe23');
    expect(m8('\xe2')).toBe('\u0301'); // a diacritic with no letter after it is kept
  });

  it('Cyrillic through escapes: Basic (ESC ( N) and Extended (ESC ) Q), back to Latin', () => {
    expect(m8(`${CYRILLIC}tOLSTOJ, lEW${LATIN} (Tolstoy)`)).toBe('Толстой, Лев (Tolstoy)');
    expect(m8(`${CYRILLIC}wOJNA I MIR${ESC}s.`)).toBe('Война и мир.');
    // ESC ( N leaves G1 on ANSEL: й as и + breve
    expect(m8(`${CYRILLIC}TOLSTO\xe6I`)).toBe('толстой');
    expect(m8(`${CYRILLIC}${EXTENDED_CYRILLIC}uKRA\xc7NA, \xe4LKA, OB\xefQWLENIE`)).toBe(
      'Україна, Ёлка, обЪявление',
    );
    expect(m8(`${EXTENDED_CYRILLIC}\xe6${ANSEL}\xe2e`)).toBe('Іé');
  });

  it('subscripts, superscripts and Greek symbols (ESC b / p / g, ESC s back)', () => {
    expect(m8(`H${ESC}b2${ESC}sO, E = mc${ESC}p2${ESC}s, ${ESC}ga${ESC}s-decay`)).toBe(
      'H₂O, E = mc², α-decay',
    );
  });

  it('numeric character references (LoC lossless conversion) become characters', () => {
    expect(m8('Ta&#x0B87;l &#x1F600; &#xD800;')).toBe('Taஇl 😀 &#xD800;');
  });

  it('a set MARC-8 has but we do not read, or an escape it does not have: CATALOG_BAD_RECORD', () => {
    badRecord(() => m8(`${ESC}$1!0y`), /MARC-8: EACC \(Chinese, Japanese, Korean\) \(ESC \$ 1/);
    badRecord(() => m8(`${ESC}(2`), /Basic Hebrew/);
    badRecord(() => m8(`${ESC}(Z`), /unknown character set in escape sequence ESC \( Z/);
    badRecord(() => m8(`${ESC}x`), /unknown escape sequence ESC x/);
    badRecord(() => m8(`abc${ESC}(`), /escape sequence cut short/);
  });

  it('auto tells MARC-8 by escapes, or by ANSEL diacritics before letters in bytes that are not UTF-8', () => {
    expect(looksLikeMarc8(b(`${CYRILLIC}wOJNA`), true)).toBe(true);
    expect(looksLikeMarc8(b('Mu\xe4noz'), false)).toBe(true);
    expect(looksLikeMarc8(b('Muñoz'), true)).toBe(false);
    // CP1251 «Толстой Лев»: small letters where ANSEL has diacritics, ending before a space
    expect(looksLikeMarc8(b('\xd2\xee\xeb\xf1\xf2\xee\xe9 \xcb\xe5\xe2'), false)).toBe(false);
    expect(looksLikeMarc8(b('plain ASCII'), true)).toBe(false);
  });
});

describe('ISO 2709 records in MARC-8', () => {
  const record = marc8Record([
    ['001', 'us-0001'],
    ['100', `1 \x1faGarc\xe2ia M\xe2arquez, Gabriel,\x1fd1927-2014.`],
    ['245', `10\x1faCien a\xe4nos de soledad /\x1fcGabriel Garc\xe2ia M\xe2arquez.`],
    ['260', '  \x1faBuenos Aires :\x1fbSudamericana,\x1fc1967.'],
    // the escape holds across the subfields of its field, and ends with it
    ['700', `1 \x1fa${CYRILLIC}tOLSTOJ, lEW,\x1fqlEW nIKOLAEWI^`],
    ['740', '0 \x1faVoina i mir.'],
  ]);

  it('are read by auto through to our record, and their leader/09 becomes a', () => {
    const plain = readIso2709(record);
    expect(plain.leader[9]).toBe('a');
    const bib = toBibRecord(plain, 'auto', 'loc');
    expect(bib.title).toBe('Cien años de soledad');
    expect(bib.creators.map((c) => c.name)).toEqual(['García Márquez, Gabriel', 'Толстой, Лев']);
    const sub = (tag: string) => plain.fields.find((f) => f.tag === tag);
    expect(sub('700')).toMatchObject({
      subfields: [{ value: 'Толстой, Лев,' }, { value: 'Лев Николаевич' }],
    });
    expect(sub('740')).toMatchObject({ subfields: [{ value: 'Voina i mir.' }] });
    const xml = readMarcXmlText(bib.marcxml);
    expect(xml.leader[9]).toBe('a');
    expect(readIso2709(record, 'marc-8')).toEqual(plain);
  });

  it('a 7-bit MARC-8 record (valid UTF-8 too) is MARC-8 because of its escapes', () => {
    const cyr = marc8Record([['245', `10\x1fa${CYRILLIC}wOJNA I MIR /\x1fclEW tOLSTOJ.`]]);
    expect(toBibRecord(readIso2709(cyr), 'auto', 's').title).toBe('Война и мир');
  });

  it('a set we do not read in a record is CATALOG_BAD_RECORD', () => {
    const cjk = marc8Record([['245', `10\x1fa${ESC}$1!0y!0y${ESC}(B /`]]);
    badRecord(() => readIso2709(cjk), /MARC-8: EACC/);
  });

  it('a forced charset wins; leader/09 a is UTF-8 whatever the bytes look like', () => {
    const asCp1251 = readIso2709(record, 'cp1251');
    expect(asCp1251.leader[9]).toBe(' ');
    expect(toBibRecord(asCp1251, 'auto', 's').title).not.toBe('Cien años de soledad');
    const labelledUcs = marc8Record([['245', '10\x1faCien a\xe4nos']], 'a');
    expect(readIso2709(labelledUcs).leader[9]).toBe('a');
    expect(toBibRecord(readIso2709(labelledUcs), 'auto', 's').title).not.toBe('Cien años');
  });

  it('CP1251 records with a blank leader/09 still read as CP1251, MARC 21 and UNIMARC alike', () => {
    const tolstoy = MARC21[2]!;
    const cp = writeIso2709(tolstoy, 'cp1251');
    expect(cp[9]).toBe(0x20);
    const read = readIso2709(cp);
    expect(read.fields).toEqual(tolstoy.fields);
    expect(read.leader[9]).toBe(' ');
    const mixed = {
      ...tolstoy,
      fields: [
        ...tolstoy.fields,
        {
          tag: '500',
          ind1: ' ',
          ind2: ' ',
          subfields: [{ code: 'a', value: 'Издание для Windows, Ёё, №5' }],
        },
      ],
    };
    expect(readIso2709(writeIso2709(mixed, 'cp1251')).fields).toEqual(mixed.fields);
  });

  it('UTF-8 with a blank leader/09 stays UTF-8', () => {
    const utf8 = Buffer.from(
      writeIso2709(
        {
          leader: MARC21[0]!.leader,
          fields: [{ tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'Muñoz, Łódź' }] }],
        },
        'utf-8',
      ),
    );
    utf8[9] = 0x20;
    expect(readIso2709(utf8).fields[0]).toMatchObject({ subfields: [{ value: 'Muñoz, Łódź' }] });
  });
});

import type { MarcDataField } from '@natlibfi/marc-record';
import type { BibRecord, Creator, RecordFormat, SourceFormat } from '../types.js';
import type { PlainMarc } from './record.js';

/**
 * MARC 21 or UNIMARC? A record with 245 is MARC 21; with 200 $a and no 245 it is UNIMARC (RUSMARC
 * too). Without either, UNIMARC's coded field 100 $a (general processing data) gives it away.
 */
export function detectFormat(record: PlainMarc, hint: SourceFormat = 'auto'): RecordFormat {
  if (hint !== 'auto') return hint;
  const tags = new Set(record.fields.map((f) => f.tag));
  if (tags.has('245')) return 'marc21';
  const f200 = datafields(record, '200')[0];
  if (f200?.subfields.some((s) => s.code === 'a')) return 'unimarc';
  const f100 = datafields(record, '100')[0];
  if (f100 && /^\d{8}/.test(sub(f100, 'a') ?? '')) return 'unimarc';
  return 'marc21';
}

/**
 * One bibliographic record from MARC 21 or UNIMARC/RUSMARC. Text is kept as catalogued (NFC); only
 * the ISBD punctuation that ends an element (" /", " :", " ;", " =", ",") is taken off, since it
 * belongs to the display of the whole statement, not to the element.
 */
export function mapRecord(
  record: PlainMarc,
  format: RecordFormat,
  source: string,
  marcxml: string,
): BibRecord {
  return format === 'marc21' ? mapMarc21(record, source, marcxml) : mapUnimarc(record, source, marcxml);
}

function mapMarc21(r: PlainMarc, source: string, marcxml: string): BibRecord {
  const f245 = datafields(r, '245')[0];
  const title = f245 ? joinSubs(f245, ['a', 'n', 'p']) : null;
  const creators: Creator[] = [];
  for (const [tag, primary] of [
    ['100', true],
    ['110', true],
    ['111', true],
    ['700', false],
    ['710', false],
    ['711', false],
  ] as const) {
    for (const f of datafields(r, tag)) {
      const name = clean(sub(f, 'a'));
      if (!name) continue;
      creators.push({ name, role: clean(sub(f, '4')) ?? clean(sub(f, 'e')) ?? null, primary });
    }
  }
  const pub = datafields(r, '264').find((f) => f.ind2 === '1') ?? datafields(r, '260')[0];
  const f008 = controlfield(r, '008');
  const languages = splitLanguages(datafields(r, '041').flatMap((f) => subs(f, 'a')));
  if (languages.length === 0 && f008 && /^[a-z]{3}$/.test(f008.slice(35, 38)))
    languages.push(f008.slice(35, 38));
  return {
    format: 'marc21',
    title: clean(title),
    subtitle: f245 ? clean(sub(f245, 'b')) : null,
    responsibility: f245 ? clean(sub(f245, 'c')) : null,
    creators,
    publication: {
      place: pub ? clean(sub(pub, 'a')) : null,
      publisher: pub ? clean(sub(pub, 'b')) : null,
      date: pub ? clean(sub(pub, 'c')) : null,
    },
    isbns: isbns(r, '020'),
    recordId: clean(controlfield(r, '001')),
    source,
    languages,
    extent: joinAll(datafields(r, '300')[0]),
    subjects: ['600', '610', '611', '630', '650', '651']
      .flatMap((t) => datafields(r, t).map(subject))
      .filter(isText),
    edition: clean(sub(datafields(r, '250')[0], 'a')),
    series: [...datafields(r, '490'), ...datafields(r, '830')].map(series).filter(isText),
    marcxml,
  };
}

/** UNIMARC $4 relator codes (3 digits) to the MARC codes the rest of the station knows. */
const UNIMARC_RELATORS: Record<string, string> = {
  '070': 'aut',
  '340': 'edt',
  '730': 'trl',
  '440': 'ill',
  '205': 'ctb',
  '220': 'com',
  '080': 'aui',
  '651': 'pbd',
  '570': 'oth',
};

function mapUnimarc(r: PlainMarc, source: string, marcxml: string): BibRecord {
  const f200 = datafields(r, '200')[0];
  const creators: Creator[] = [];
  for (const [tag, primary] of [
    ['700', true],
    ['710', true],
    ['701', false],
    ['711', false],
    ['702', false],
    ['712', false],
  ] as const) {
    for (const f of datafields(r, tag)) {
      const surname = clean(sub(f, 'a'));
      if (!surname) continue;
      // $g is the forename in full, $b the initials; a person's name reads "Surname, Forename".
      const rest = clean(sub(f, 'g')) ?? clean(sub(f, 'b'));
      const name = tag.startsWith('70') && rest ? `${surname}, ${rest}` : surname;
      const code = clean(sub(f, '4'));
      creators.push({ name, role: code ? (UNIMARC_RELATORS[code] ?? code) : null, primary });
    }
  }
  const pub = datafields(r, '210')[0] ?? datafields(r, '214')[0];
  const title = f200 ? joinSubs(f200, ['a', 'h', 'i']) : null;
  return {
    format: 'unimarc',
    title: clean(title),
    subtitle: f200 ? clean(sub(f200, 'e')) : null,
    responsibility: f200 ? clean([...subs(f200, 'f'), ...subs(f200, 'g')].join(' ; ') || null) : null,
    creators,
    publication: {
      place: pub ? clean(sub(pub, 'a')) : null,
      publisher: pub ? clean(sub(pub, 'c')) : null,
      date: pub ? clean(sub(pub, 'd')) : null,
    },
    isbns: isbns(r, '010'),
    recordId: clean(controlfield(r, '001')),
    source,
    languages: splitLanguages(datafields(r, '101').flatMap((f) => subs(f, 'a'))),
    extent: joinAll(datafields(r, '215')[0]),
    subjects: ['600', '601', '605', '606', '607']
      .flatMap((t) => datafields(r, t).map(subject))
      .filter(isText),
    edition: clean(sub(datafields(r, '205')[0], 'a')),
    series: datafields(r, '225').map(series).filter(isText),
    marcxml,
  };
}

function datafields(r: PlainMarc, tag: string): MarcDataField[] {
  return r.fields.filter((f): f is MarcDataField => f.tag === tag && 'subfields' in f);
}

function controlfield(r: PlainMarc, tag: string): string | null {
  const f = r.fields.find((x) => x.tag === tag && 'value' in x);
  return f && 'value' in f ? f.value : null;
}

function sub(f: MarcDataField | undefined, code: string): string | null {
  return f?.subfields.find((s) => s.code === code)?.value ?? null;
}

function subs(f: MarcDataField, code: string): string[] {
  return f.subfields.filter((s) => s.code === code).map((s) => s.value);
}

/** Subfields with the given codes, in the record's order, joined by a space. */
function joinSubs(f: MarcDataField, codes: string[]): string | null {
  const parts = f.subfields.filter((s) => codes.includes(s.code)).map((s) => s.value.trim());
  return parts.length ? parts.join(' ') : null;
}

/** A whole field as catalogued (extent: "320 p. : ill. ; 21 cm"), control subfields ($6 $8) left out. */
function joinAll(f: MarcDataField | undefined): string | null {
  if (!f) return null;
  return clean(
    f.subfields
      .filter((s) => /[a-z]/.test(s.code))
      .map((s) => s.value.trim())
      .join(' ') || null,
  );
}

function subject(f: MarcDataField): string | null {
  const parts = f.subfields.filter((s) => /[abcdxyz]/.test(s.code)).map((s) => clean(s.value));
  return parts.filter(isText).join(' -- ') || null;
}

function series(f: MarcDataField): string | null {
  const title = clean(sub(f, 'a'));
  if (!title) return null;
  const v = clean(sub(f, 'v'));
  return v ? `${title} ; ${v}` : title;
}

function isbns(r: PlainMarc, tag: string): string[] {
  return datafields(r, tag)
    .flatMap((f) => subs(f, 'a'))
    .map((v) =>
      v
        .trim()
        .split(/\s|\(/)[0]!
        .replace(/[;:,.]$/, ''),
    )
    .filter((v) => v.length > 0);
}

/** 041 $a may hold several codes run together ("uzbrus") in older records. */
function splitLanguages(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const t = v.trim().toLowerCase();
    if (/^([a-z]{3})+$/.test(t)) for (let i = 0; i < t.length; i += 3) out.push(t.slice(i, i + 3));
    else if (t) out.push(t);
  }
  return [...new Set(out)];
}

/** Trims the ISBD punctuation that ends an element; keeps a final period after an initial ("A."). */
function clean(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  let t = v.normalize('NFC').trim();
  t = t.replace(/\s*[/:;=,]$/, '').trim();
  if (t.endsWith('.') && !/(^|[\s.])\p{L}\.$/u.test(t) && !t.endsWith('..')) t = t.slice(0, -1).trim();
  return t === '' ? null : t;
}

function isText(v: string | null): v is string {
  return v !== null && v !== '';
}

/**
 * Package inputs for the METS tests: a Kazakh/Uzbek/Russian book with a MARC 21 record, one with
 * a UNIMARC record (Cyrillic Uzbek), and a job without a record. Files are described, not read:
 * the METS writer only lists them.
 */
import type { BibRecord } from '../../../electron/station/contract/catalog-types.js';
import type { PageType } from '../../../electron/station/contract/digitization-types.js';
import type {
  PackageImage,
  PackageInput,
  PackagePage,
  RightsSettings,
} from '../../../electron/station/packages/package-input.js';

const sha = (n: number) => n.toString(16).padStart(2, '0').repeat(32);

function image(path: string, mimeType: PackageImage['mimeType'], bytes: number): PackageImage {
  return {
    path,
    source: `/var/lib/bitig/work/${path}`,
    mimeType,
    width: 2480,
    height: 3508,
    bytes,
    sha256: sha(bytes % 256),
  };
}

/** Pages of the given types and labels, with every file (ALTO when `alto`). */
export function pagesOf(specs: [PageType, string | null][], alto = true): PackagePage[] {
  return specs.map(([type, label], i) => {
    const order = i + 1;
    const n = String(order).padStart(4, '0');
    return {
      order,
      label,
      type,
      side: order % 2 === 1 ? 'recto' : 'verso',
      master: { ...image(`max/${n}.tif`, 'image/tiff', 26_000_000 + order), resolution: 400 },
      view: image(`default/${n}.jpg`, 'image/jpeg', 1_200_000 + order),
      thumb: image(`thumbs/${n}.jpg`, 'image/jpeg', 20_000 + order),
      alto: alto ? { ...image(`fulltext/${n}.xml`, 'image/jpeg', 40_000 + order) } : null,
    };
  });
}

export const RIGHTS: RightsSettings = {
  owner: 'Alisher Navoiy nomidagi Oʻzbekiston Milliy kutubxonasi',
  ownerLogo: 'https://natlib.uz/logo.png',
  ownerSiteURL: 'https://natlib.uz/',
  ownerContact: 'info@natlib.uz',
  license: 'https://creativecommons.org/publicdomain/mark/1.0/',
  sponsor: 'Oʻzbekiston Respublikasi Madaniyat vazirligi',
  reference: 'https://catalog.natlib.uz/record/{id}',
  presentation: 'https://dfg-viewer.de/show?tx_dlf[id]=https://natlib.uz/mets/{id}.xml',
};

/** MARC 21 slim as an SRU server sends it (namespace prefix, Cyrillic and ʻ ʼ as typed). */
const MARC21_XML = `<?xml version="1.0" encoding="UTF-8"?>
<marc:record xmlns:marc="http://www.loc.gov/MARC21/slim">
  <marc:leader>01234nam a2200289 i 4500</marc:leader>
  <marc:controlfield tag="001">UZ-NL-000123456</marc:controlfield>
  <marc:controlfield tag="008">260101s1926    uz            000 1 uzb d</marc:controlfield>
  <marc:datafield tag="020" ind1=" " ind2=" "><marc:subfield code="a">978-9943-01-234-5</marc:subfield></marc:datafield>
  <marc:datafield tag="041" ind1="0" ind2=" "><marc:subfield code="a">uzb</marc:subfield><marc:subfield code="a">rus</marc:subfield></marc:datafield>
  <marc:datafield tag="100" ind1="1" ind2=" "><marc:subfield code="a">Qodiriy, Abdulla,</marc:subfield><marc:subfield code="d">1894-1938</marc:subfield><marc:subfield code="e">author</marc:subfield></marc:datafield>
  <marc:datafield tag="245" ind1="1" ind2="0"><marc:subfield code="a">Oʻtkan kunlar :</marc:subfield><marc:subfield code="b">tarixiy roman &amp; «Меҳробдан чаён» /</marc:subfield><marc:subfield code="c">Abdulla Qodiriy</marc:subfield></marc:datafield>
  <marc:datafield tag="264" ind1=" " ind2="1"><marc:subfield code="a">Toshkent :</marc:subfield><marc:subfield code="b">Gʻafur Gʻulom nomidagi nashriyot,</marc:subfield><marc:subfield code="c">[1926]</marc:subfield></marc:datafield>
  <marc:datafield tag="300" ind1=" " ind2=" "><marc:subfield code="a">412 b. ;</marc:subfield><marc:subfield code="c">21 sm</marc:subfield></marc:datafield>
</marc:record>`;

export const MARC21_RECORD: BibRecord = {
  format: 'marc21',
  title: 'Oʻtkan kunlar',
  subtitle: 'tarixiy roman & «Меҳробдан чаён»',
  responsibility: 'Abdulla Qodiriy',
  creators: [
    { name: 'Qodiriy, Abdulla, 1894-1938', role: 'author', primary: true },
    { name: 'Ауэзов, Мухтар', role: 'edt', primary: false },
    { name: 'Ma’rifat', role: null, primary: false },
  ],
  publication: { place: 'Toshkent', publisher: 'Gʻafur Gʻulom nomidagi nashriyot', date: '[1926]' },
  isbns: ['978-9943-01-234-5'],
  recordId: 'UZ-NL-000123456',
  source: 'Milliy kutubxona SRU',
  languages: ['uzb', 'rus', 'kaz'],
  extent: '412 b. ; 21 sm',
  subjects: ['Oʻzbek adabiyoti', 'Тарихий роман', 'Қазақ әдебиеті'],
  edition: '2-nashr',
  series: ['Oʻzbek romanlari ; 3'],
  marcxml: MARC21_XML,
};

/** UNIMARC in MARCXML (no prefix, default namespace absent: as some Russian Z39.50 gateways send it). */
const UNIMARC_XML = `<record>
  <leader>00987nam0 2200253   450 </leader>
  <controlfield tag="001">RU\\NLR\\bibl\\1234567</controlfield>
  <datafield tag="101" ind1="0" ind2=" "><subfield code="a">uzb</subfield></datafield>
  <datafield tag="200" ind1="1" ind2=" "><subfield code="a">Ўтган кунлар</subfield><subfield code="e">тарихий роман</subfield><subfield code="f">Абдулла Қодирий</subfield></datafield>
  <datafield tag="210" ind1=" " ind2=" "><subfield code="a">Тошкент</subfield><subfield code="c">Ғафур Ғулом номидаги нашриёт</subfield><subfield code="d">1992</subfield></datafield>
  <datafield tag="700" ind1=" " ind2="1"><subfield code="a">Қодирий</subfield><subfield code="b">Абдулла</subfield><subfield code="4">070</subfield></datafield>
</record>`;

export const UNIMARC_RECORD: BibRecord = {
  format: 'unimarc',
  title: 'Ўтган кунлар',
  subtitle: 'тарихий роман',
  responsibility: 'Абдулла Қодирий',
  creators: [{ name: 'Қодирий, Абдулла', role: 'aut', primary: true }],
  publication: { place: 'Тошкент', publisher: 'Ғафур Ғулом номидаги нашриёт', date: '1992' },
  isbns: [],
  recordId: 'RU\\NLR\\bibl\\1234567',
  source: 'РНБ Z39.50',
  languages: ['uzb'],
  extent: '368 с.',
  subjects: [],
  edition: null,
  series: [],
  marcxml: UNIMARC_XML,
};

const BOOK_PAGES: [PageType, string | null][] = [
  ['colour_card', null],
  ['cover', null],
  ['blank', null],
  ['title', 'I'],
  ['copyright', 'II'],
  ['contents', 'III'],
  ['contents', 'IV'],
  ['preface', 'V'],
  ['normal', 'VI'],
  ['chapter', '1'],
  ['normal', '2'],
  ['illustration', null],
  ['blank', '3'],
  ['chapter', '4'],
  ['normal', '5'],
  ['index', '6'],
  ['cover', null],
  ['white_card', null],
];

const base = {
  agent: 'Bitig 0.1.0',
  createdAt: '2026-03-14T09:30:00.000Z',
  timeZone: 'Asia/Tashkent',
  rights: RIGHTS,
};

/** The Uzbek book with its MARC 21 record, ALTO and a PDF; sections from the page types. */
export function marc21Input(sections: PackageInput['sections']): PackageInput {
  return {
    ...base,
    name: 'bitig-12-3100009',
    jobId: 12,
    itemBarcode: '3100009',
    record: MARC21_RECORD,
    pages: pagesOf(BOOK_PAGES),
    sections,
    pdf: image('bitig-12-3100009.pdf', 'image/jpeg', 31_000_000),
  };
}

/** The Cyrillic edition from a UNIMARC source: no ALTO, no PDF, no links. */
export function unimarcInput(sections: PackageInput['sections']): PackageInput {
  return {
    ...base,
    name: 'bitig-13-3100010',
    jobId: 13,
    itemBarcode: '3100010',
    record: UNIMARC_RECORD,
    pages: pagesOf(
      [
        ['title', null],
        ['chapter', '5'],
        ['normal', '6'],
      ],
      false,
    ),
    sections,
    pdf: null,
    rights: { ...RIGHTS, reference: null, presentation: null, sponsor: null },
  };
}

/** A job nobody found a record for. */
export function recordlessInput(sections: PackageInput['sections']): PackageInput {
  return {
    ...base,
    name: 'bitig-14-ҚР-0042',
    jobId: 14,
    itemBarcode: 'ҚР-0042',
    record: null,
    pages: pagesOf([
      ['normal', '1'],
      ['normal', '2'],
    ]),
    sections,
    pdf: null,
  };
}

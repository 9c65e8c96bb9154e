import type { MarcField, PlainMarc } from '../marc/record.js';
import { toMarcRecord, toMarcXml } from '../marc/record.js';
import type { RecordFormat } from '../types.js';

/**
 * The demo catalogue's books: classics of the region in Uzbek (Latin and Cyrillic), Kazakh, Russian
 * and English, some catalogued in MARC 21, some in UNIMARC/RUSMARC. Titles, authors and translators
 * are real; places, publishers and years are plausible, not a claim about any edition. The ISBNs are
 * INVENTED (valid check digits, so the station accepts them): they name no real book. The record
 * ids and inventory numbers (`DEMO-0001`…) exist only here.
 */

/** MARC relator codes the demo uses (UNIMARC gets its 3-digit equivalents). */
export type DemoRole = 'aut' | 'trl' | 'edt';

export interface DemoAuthor {
  /** As catalogued: "Surname, Forename", or one name ("Choʻlpon"). */
  readonly name: string;
  readonly role: DemoRole;
}

export interface DemoBook {
  /** The record's id in the catalogue (001; `rec.id`). */
  readonly id: string;
  /** Inventory number on the book's barcode label (`local.barcode`). */
  readonly barcode: string;
  /** ISBN-13 as printed (some with hyphens). Invented. */
  readonly isbn: string;
  readonly format: RecordFormat;
  /** MARC language code of the text (041 / 101 $a). */
  readonly language: string;
  /** Language translated from (041 $h / 101 $c), when a translation. */
  readonly originalLanguage?: string;
  /** MARC 21 country code (008/15-17), ISO 3166 for UNIMARC 102 taken from it. */
  readonly country: 'uz' | 'kz' | 'ru' | 'enk' | 'nyu';
  readonly title: string;
  readonly subtitle?: string;
  /** Statement of responsibility (245 $c, 200 $f). */
  readonly responsibility: string;
  /** The first `aut` is the main entry (MARC 21 100, UNIMARC 700). */
  readonly authors: readonly DemoAuthor[];
  readonly place: string;
  readonly publisher: string;
  readonly year: string;
  /** Pages as catalogued ("400 b.", "384 с."). */
  readonly extent: string;
  /** Height ("21 sm", "20 см", "20 cm"). */
  readonly size: string;
  readonly subjects: readonly string[];
  readonly edition?: string;
  readonly series?: { readonly title: string; readonly number?: string };
}

const BOOKS: DemoBook[] = [
  {
    id: 'demo-uz-0001',
    barcode: 'DEMO-0001',
    isbn: '978-9943-00-101-5',
    format: 'marc21',
    language: 'uzb',
    country: 'uz',
    title: 'Oʻtkan kunlar',
    subtitle: 'roman',
    responsibility: 'Abdulla Qodiriy',
    authors: [{ name: 'Qodiriy, Abdulla', role: 'aut' }],
    place: 'Toshkent',
    publisher: 'Gʻafur Gʻulom nomidagi nashriyot-matbaa ijodiy uyi',
    year: '2019',
    extent: '400 b.',
    size: '21 sm',
    subjects: ['Oʻzbek romani', 'Tarixiy roman'],
    edition: '4-nashri',
    series: { title: 'Oʻzbek romanchiligi durdonalari', number: '1' },
  },
  {
    id: 'demo-uz-0002',
    barcode: 'DEMO-0002',
    isbn: '9789943001022',
    format: 'unimarc',
    language: 'uzb',
    country: 'uz',
    title: 'Ўткан кунлар',
    subtitle: 'роман',
    responsibility: 'Абдулла Қодирий',
    authors: [{ name: 'Қодирий, Абдулла', role: 'aut' }],
    place: 'Тошкент',
    publisher: 'Шарқ',
    year: '2014',
    extent: '384 б.',
    size: '20 см',
    subjects: ['Ўзбек романи'],
  },
  {
    id: 'demo-uz-0003',
    barcode: 'DEMO-0003',
    isbn: '979-8-7700-0103-7',
    format: 'unimarc',
    language: 'uzb',
    country: 'uz',
    title: 'Mahbub ul-qulub',
    responsibility: 'Alisher Navoiy',
    authors: [{ name: 'Navoiy, Alisher', role: 'aut' }],
    place: 'Toshkent',
    publisher: 'Gʻafur Gʻulom nomidagi nashriyot',
    year: '2020',
    extent: '160 b.',
    size: '20 sm',
    subjects: ['Axloq', 'Oʻzbek mumtoz adabiyoti'],
  },
  {
    id: 'demo-uz-0004',
    barcode: 'DEMO-0004',
    isbn: '9789943001046',
    format: 'marc21',
    language: 'uzb',
    country: 'uz',
    title: 'Kecha va kunduz',
    subtitle: 'roman',
    responsibility: 'Choʻlpon',
    authors: [{ name: 'Choʻlpon', role: 'aut' }],
    place: 'Toshkent',
    publisher: 'Sharq',
    year: '2016',
    extent: '288 b.',
    size: '21 sm',
    subjects: ['Oʻzbek romani', 'Jadidchilik va maʼrifatparvarlik'],
  },
  {
    id: 'demo-uz-0005',
    barcode: 'DEMO-0005',
    isbn: '979-8-7700-0105-1',
    format: 'unimarc',
    language: 'uzb',
    country: 'uz',
    title: 'Oʻzbegim',
    subtitle: 'sheʼrlar',
    responsibility: 'Erkin Vohidov',
    authors: [{ name: 'Vohidov, Erkin', role: 'aut' }],
    place: 'Toshkent',
    publisher: 'Yangi asr avlodi',
    year: '2021',
    extent: '224 b.',
    size: '17 sm',
    subjects: ['Oʻzbek sheʼriyati'],
  },
  {
    id: 'demo-uz-0006',
    barcode: 'DEMO-0006',
    isbn: '978-9943-00-106-0',
    format: 'marc21',
    language: 'uzb',
    country: 'uz',
    title: 'Шум бола',
    subtitle: 'қисса',
    responsibility: 'Ғафур Ғулом',
    authors: [{ name: 'Ғулом, Ғафур', role: 'aut' }],
    place: 'Тошкент',
    publisher: 'Ғафур Ғулом номидаги нашриёт-матбаа ижодий уйи',
    year: '2017',
    extent: '176 б.',
    size: '20 см',
    subjects: ['Ўзбек адабиёти', 'Қисса'],
  },
  {
    id: 'demo-kz-0007',
    barcode: 'DEMO-0007',
    isbn: '978-601-7001-07-0',
    format: 'unimarc',
    language: 'kaz',
    country: 'kz',
    title: 'Абай жолы',
    subtitle: 'роман-эпопея',
    responsibility: 'Мұхтар Әуезов',
    authors: [{ name: 'Әуезов, Мұхтар', role: 'aut' }],
    place: 'Алматы',
    publisher: 'Жазушы',
    year: '2017',
    extent: '560 б.',
    size: '22 см',
    subjects: ['Қазақ әдебиеті', 'Тарихи роман'],
    edition: '2-басылым',
    series: { title: 'Қазақ әдебиетінің классикасы', number: '3' },
  },
  {
    id: 'demo-kz-0008',
    barcode: 'DEMO-0008',
    isbn: '9786017001087',
    format: 'marc21',
    language: 'kaz',
    country: 'kz',
    title: 'Қара сөздер',
    responsibility: 'Абай Құнанбайұлы',
    authors: [{ name: 'Құнанбайұлы, Абай', role: 'aut' }],
    place: 'Алматы',
    publisher: 'Мектеп',
    year: '2020',
    extent: '128 б.',
    size: '20 см',
    subjects: ['Қазақ философиясы', 'Ғақлиялар'],
  },
  {
    id: 'demo-ru-0009',
    barcode: 'DEMO-0009',
    isbn: '978-5-00000-109-7',
    format: 'unimarc',
    language: 'rus',
    country: 'ru',
    title: 'Белый пароход',
    subtitle: 'повести',
    responsibility: 'Чингиз Айтматов',
    authors: [{ name: 'Айтматов, Чингиз', role: 'aut' }],
    place: 'Москва',
    publisher: 'Эксмо',
    year: '2015',
    extent: '320 с.',
    size: '21 см',
    subjects: ['Киргизская литература', 'Повесть'],
  },
  {
    id: 'demo-ru-0010',
    barcode: 'DEMO-0010',
    isbn: '9785000001103',
    format: 'unimarc',
    language: 'rus',
    originalLanguage: 'chg',
    country: 'uz',
    title: 'Фархад и Ширин',
    subtitle: 'поэма',
    responsibility: 'Алишер Навои ; перевод со староузбекского Л. Пеньковского',
    authors: [
      { name: 'Навои, Алишер', role: 'aut' },
      { name: 'Пеньковский, Лев', role: 'trl' },
    ],
    place: 'Ташкент',
    publisher: 'Издательство литературы и искусства имени Гафура Гуляма',
    year: '2011',
    extent: '416 с.',
    size: '21 см',
    subjects: ['Узбекская поэзия', 'Поэма'],
  },
  {
    id: 'demo-en-0011',
    barcode: 'DEMO-0011',
    isbn: '978-1-00000-111-2',
    format: 'marc21',
    language: 'eng',
    originalLanguage: 'rus',
    country: 'enk',
    title: 'Jamilia',
    responsibility: 'Chingiz Aitmatov ; translated from the Russian by James Riordan',
    authors: [
      { name: 'Aitmatov, Chingiz', role: 'aut' },
      { name: 'Riordan, James', role: 'trl' },
    ],
    place: 'London',
    publisher: 'Telegram',
    year: '2007',
    extent: '96 p.',
    size: '20 cm',
    subjects: ['Kyrgyz fiction -- Translations into English', 'Kyrgyzstan -- Fiction'],
  },
  {
    id: 'demo-en-0012',
    barcode: 'DEMO-0012',
    isbn: '979-8-00000-112-7',
    format: 'marc21',
    language: 'eng',
    originalLanguage: 'chg',
    country: 'nyu',
    title: 'The Baburnama',
    subtitle: 'memoirs of Babur, prince and emperor',
    responsibility: 'Zahiruddin Muhammad Babur ; translated, edited and annotated by Wheeler M. Thackston',
    authors: [
      { name: 'Babur, Zahiruddin Muhammad', role: 'aut' },
      { name: 'Thackston, Wheeler M.', role: 'trl' },
    ],
    place: 'New York',
    publisher: 'Modern Library',
    year: '2002',
    extent: '544 p.',
    size: '21 cm',
    subjects: ['Mogul Empire -- History', 'Timurids -- Biography'],
    edition: 'Modern Library paperback edition',
  },
];

/** The demo catalogue's holdings, in catalogue order (frozen: tests and screens share them). */
export const DEMO_BOOKS: readonly DemoBook[] = Object.freeze(BOOKS.map((b) => Object.freeze(b)));

const MARC21_LEADER = '00000cam a2200000 i 4500';
const UNIMARC_LEADER = '00000nam0 2200000   450 ';
const ENTERED = '240101';
/** UNIMARC relator codes for the demo's roles. */
const UNIMARC_ROLE: Record<DemoRole, string> = { aut: '070', trl: '730', edt: '340' };
const ISO_COUNTRY: Record<DemoBook['country'], string> = {
  uz: 'UZ',
  kz: 'KZ',
  ru: 'RU',
  enk: 'GB',
  nyu: 'US',
};

type Sub = readonly [code: string, value: string];
const cf = (tag: string, value: string): MarcField => ({ tag, value });
const df = (tag: string, ind: string, ...subs: (Sub | null)[]): MarcField => ({
  tag,
  ind1: ind[0] ?? ' ',
  ind2: ind[1] ?? ' ',
  subfields: subs.filter((s): s is Sub => s !== null).map(([code, value]) => ({ code, value })),
});

/** A book as the catalogue holds it: MARC 21 or UNIMARC, with ISBD punctuation where it goes. */
export function demoMarc(book: DemoBook): PlainMarc {
  return book.format === 'marc21' ? marc21(book) : unimarc(book);
}

/** A book's record as MARCXML (MARC 21 slim namespace, also for UNIMARC), written by the serializer. */
export function demoMarcXml(book: DemoBook): string {
  return toMarcXml(toMarcRecord(demoMarc(book)));
}

function marc21(b: DemoBook): PlainMarc {
  const [main, ...added] = mainFirst(b.authors);
  // 008 for books: entered, single date, country, 17 positions of book codes, language.
  const f008 = `${ENTERED}s${b.year}    ${b.country.padEnd(3)}           000 | ${b.language} d`;
  const title: Sub[] = [['a', `${b.title}${b.subtitle ? ' :' : ' /'}`]];
  if (b.subtitle) title.push(['b', `${b.subtitle} /`]);
  title.push(['c', `${b.responsibility}.`]);
  const fields: MarcField[] = [
    cf('001', b.id),
    cf('003', 'DEMO'),
    cf('008', f008),
    df('020', '  ', ['a', b.isbn]),
    df(
      '041',
      b.originalLanguage ? '1 ' : '0 ',
      ['a', b.language],
      b.originalLanguage ? ['h', b.originalLanguage] : null,
    ),
  ];
  if (main) fields.push(df('100', '1 ', ['a', main.name], ['4', main.role]));
  fields.push(df('245', main ? '10' : '00', ...title));
  if (b.edition) fields.push(df('250', '  ', ['a', `${b.edition}.`]));
  fields.push(
    df('264', ' 1', ['a', `${b.place} :`], ['b', `${b.publisher},`], ['c', `${b.year}.`]),
    df('300', '  ', ['a', `${b.extent} ;`], ['c', b.size]),
  );
  if (b.series) {
    fields.push(
      df(
        '490',
        '0 ',
        ['a', `${b.series.title}${b.series.number ? ' ;' : ''}`],
        b.series.number ? ['v', b.series.number] : null,
      ),
    );
  }
  // Subjects are the catalogue's own words (second indicator 4: source not specified).
  for (const s of b.subjects) {
    const [a, ...rest] = s.split(' -- ');
    fields.push(df('650', ' 4', ['a', a!], ...rest.map((x): Sub => ['x', x])));
  }
  for (const a of added) fields.push(df('700', '1 ', ['a', a.name], ['4', a.role]));
  // Holdings: the copy's barcode (852 $p).
  fields.push(df('852', '  ', ['a', 'DEMO'], ['p', b.barcode]));
  fields.sort((x, y) => (x.tag < y.tag ? -1 : x.tag > y.tag ? 1 : 0));
  return { leader: MARC21_LEADER, fields };
}

function unimarc(b: DemoBook): PlainMarc {
  const cyrillic = /\p{Script=Cyrillic}/u.test(b.title);
  // 100 $a: entered, date type d, year, audience, cataloguing language, character set 50 (Unicode),
  // script of the title (ba Latin, ca Cyrillic).
  const f100 = `20${ENTERED}d${b.year}    k  y0${b.language}y50      ${cyrillic ? 'ca' : 'ba'}`;
  const title: Sub[] = [['a', b.title]];
  if (b.subtitle) title.push(['e', b.subtitle]);
  const [first, ...more] = b.responsibility.split(' ; ');
  title.push(['f', first!]);
  for (const m of more) title.push(['g', m]);
  const fields: MarcField[] = [
    cf('001', b.id),
    df('010', '  ', ['a', b.isbn]),
    df('100', '  ', ['a', f100]),
    df(
      '101',
      b.originalLanguage ? '1 ' : '0 ',
      ['a', b.language],
      b.originalLanguage ? ['c', b.originalLanguage] : null,
    ),
    df('102', '  ', ['a', ISO_COUNTRY[b.country]]),
    df('200', '1 ', ...title),
  ];
  if (b.edition) fields.push(df('205', '  ', ['a', b.edition]));
  fields.push(
    df('210', '  ', ['a', b.place], ['c', b.publisher], ['d', b.year]),
    df('215', '  ', ['a', b.extent], ['d', b.size]),
  );
  if (b.series)
    fields.push(df('225', '1 ', ['a', b.series.title], b.series.number ? ['v', b.series.number] : null));
  for (const s of b.subjects) {
    const [a, ...rest] = s.split(' -- ');
    fields.push(df('606', '1 ', ['a', a!], ...rest.map((x): Sub => ['x', x])));
  }
  const [main, ...added] = mainFirst(b.authors);
  // 700 the main author, 701 further authors, 702 translators and editors; $a surname, $g forename.
  if (main) fields.push(unimarcName('700', main));
  for (const a of added) fields.push(unimarcName(a.role === 'aut' ? '701' : '702', a));
  // Local holdings field: the copy's inventory number.
  fields.push(df('899', '  ', ['a', 'DEMO'], ['p', b.barcode]));
  return { leader: UNIMARC_LEADER, fields };
}

function unimarcName(tag: string, a: DemoAuthor): MarcField {
  const comma = a.name.indexOf(', ');
  const surname = comma < 0 ? a.name : a.name.slice(0, comma);
  const forename = comma < 0 ? null : a.name.slice(comma + 2);
  return df(tag, ' 1', ['a', surname], forename ? ['g', forename] : null, ['4', UNIMARC_ROLE[a.role]]);
}

/** The first author (`aut`) first, the rest in their order. */
function mainFirst(authors: readonly DemoAuthor[]): DemoAuthor[] {
  const i = authors.findIndex((a) => a.role === 'aut');
  if (i < 0) return [...authors];
  return [authors[i]!, ...authors.filter((_, j) => j !== i)];
}

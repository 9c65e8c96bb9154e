import type { MarcField, PlainMarc } from '../../../electron/station/catalog/marc/record.js';

/** Records the test catalogues hold: MARC 21 and UNIMARC/RUSMARC in Uzbek (both scripts), Kazakh, Russian. */

type Sub = [string, string];
const df = (tag: string, ind: string, ...subs: Sub[]): MarcField => ({
  tag,
  ind1: ind[0] ?? ' ',
  ind2: ind[1] ?? ' ',
  subfields: subs.map(([code, value]) => ({ code, value })),
});
const cf = (tag: string, value: string): MarcField => ({ tag, value });

const MARC21_LEADER = '00000cam a2200000 i 4500';
const UNIMARC_LEADER = '00000nam0 2200000   450 ';

export const ISBN = {
  qodiriyLatin: '978-9943-28-005-2',
  qodiriyCyrillic: '9789943280069',
  tolstoyMarc21: '5-699-12014-9',
  tolstoyUnimarc: '978-5-699-12014-7',
  auezov: '978-601-03-0390-4',
  bobur: '5-640-00102-X',
};

export const MARC21: PlainMarc[] = [
  {
    leader: MARC21_LEADER,
    fields: [
      cf('001', 'uz-0001'),
      cf('008', '190305s2019    uz            000 1 uzb d'),
      df('020', '  ', ['a', `${ISBN.qodiriyLatin} (qattiq muqovada)`]),
      df('041', '0 ', ['a', 'uzb']),
      df('100', '1 ', ['a', 'Qodiriy, Abdulla,'], ['e', 'author.']),
      df(
        '245',
        '10',
        ['a', 'Oʻtkan kunlar :'],
        ['b', 'roman /'],
        ['c', 'Abdulla Qodiriy ; soʻzboshi muallifi N. Karimov.'],
      ),
      df('250', '  ', ['a', '3-nashri.']),
      df('260', '  ', ['a', 'Toshkent :'], ['b', 'Gʻafur Gʻulom nomidagi nashriyot,'], ['c', '2019.']),
      df('300', '  ', ['a', '416 b. ;'], ['c', '21 sm.']),
      df('490', '0 ', ['a', 'Oʻzbek romanchiligi durdonalari ;'], ['v', '5']),
      df('650', ' 7', ['a', 'Oʻzbek adabiyoti'], ['y', '20-asr']),
      df('700', '1 ', ['a', 'Karimov, Naim,'], ['4', 'aui']),
      df('876', '  ', ['p', 'INV-000123']),
    ],
  },
  {
    leader: MARC21_LEADER,
    fields: [
      cf('001', 'uz-0002'),
      df('020', '  ', ['a', ISBN.qodiriyCyrillic]),
      df('041', '0 ', ['a', 'uzb']),
      df('100', '1 ', ['a', 'Қодирий, Абдулла']),
      df('245', '10', ['a', 'Ўткан кунлар :'], ['b', 'роман /'], ['c', 'Абдулла Қодирий.']),
      df('264', ' 1', ['a', 'Тошкент :'], ['b', 'Шарқ,'], ['c', '2014.']),
      df('300', '  ', ['a', '384 б.']),
    ],
  },
  {
    leader: MARC21_LEADER,
    fields: [
      cf('001', 'ru-0001'),
      df('020', '  ', ['a', ISBN.tolstoyMarc21]),
      df('041', '1 ', ['a', 'rus'], ['h', 'rus']),
      df('100', '1 ', ['a', 'Толстой, Лев Николаевич,'], ['d', '1828-1910.']),
      df('245', '10', ['a', 'Война и мир /'], ['c', 'Л. Н. Толстой.']),
      df('260', '  ', ['a', 'Москва :'], ['b', 'Эксмо,'], ['c', '2006.']),
      df('876', '  ', ['p', 'INV-000456']),
    ],
  },
];

export const UNIMARC: PlainMarc[] = [
  {
    leader: UNIMARC_LEADER,
    fields: [
      cf('001', 'RU\\NLR\\bibl\\0001'),
      df('010', '  ', ['a', ISBN.tolstoyUnimarc], ['d', '450 р.']),
      df('100', '  ', ['a', '20150101d2015    k  y0rusy50      ca']),
      df('101', '0 ', ['a', 'rus']),
      df('200', '1 ', ['a', 'Война и мир'], ['e', 'роман'], ['f', 'Лев Толстой']),
      df('205', '  ', ['a', 'Изд. 2-е']),
      df('210', '  ', ['a', 'Москва'], ['c', 'Эксмо'], ['d', '2015']),
      df('215', '  ', ['a', '1248 с.'], ['d', '21 см']),
      df('225', '1 ', ['a', 'Русская классика'], ['v', '12']),
      df('606', '1 ', ['a', 'Русская литература'], ['z', '19 в.']),
      df('700', ' 1', ['a', 'Толстой'], ['b', 'Л. Н.'], ['g', 'Лев Николаевич'], ['4', '070']),
    ],
  },
  {
    leader: UNIMARC_LEADER,
    fields: [
      cf('001', 'KZ-NLRK-0001'),
      df('010', '  ', ['a', ISBN.auezov]),
      df('101', '0 ', ['a', 'kaz']),
      df('200', '1 ', ['a', 'Абай жолы'], ['e', 'роман-эпопея'], ['f', 'Мұхтар Әуезов']),
      df('210', '  ', ['a', 'Алматы'], ['c', 'Жазушы'], ['d', '2017']),
      df('215', '  ', ['a', '640 б.']),
      df('606', '1 ', ['a', 'Қазақ әдебиеті']),
      df('700', ' 1', ['a', 'Әуезов'], ['g', 'Мұхтар'], ['4', '070']),
    ],
  },
  {
    leader: UNIMARC_LEADER,
    fields: [
      cf('001', 'UZ-NLU-0001'),
      df('010', '  ', ['a', ISBN.bobur]),
      df('101', '0 ', ['a', 'uzb']),
      df('200', '1 ', ['a', 'Boburnoma'], ['f', 'Zahiriddin Muhammad Bobur']),
      df('210', '  ', ['a', 'Toshkent'], ['c', 'Yulduzcha'], ['d', '1989']),
      df('606', '1 ', ['a', 'Oʻzbekiston tarixi']),
      df('700', ' 1', ['a', 'Bobur'], ['g', 'Zahiriddin Muhammad'], ['4', '070']),
      df('702', ' 1', ['a', 'Gʻulomov'], ['b', 'A.'], ['4', '340']),
    ],
  },
  {
    leader: UNIMARC_LEADER,
    fields: [
      cf('001', 'UZ-NLU-0002'),
      df('101', '0 ', ['a', 'uzb']),
      df('200', '1 ', ['a', 'Бобурнома'], ['f', 'Заҳириддин Муҳаммад Бобур']),
      df('210', '  ', ['a', 'Тошкент'], ['c', 'Юлдузча'], ['d', '1990']),
      df('700', ' 1', ['a', 'Бобур'], ['g', 'Заҳириддин Муҳаммад']),
    ],
  },
];

/** Many records with one shared title word, for paging: "Sinov toʻplami 1" … "Sinov toʻplami N". */
export function pagingRecords(n: number): PlainMarc[] {
  return Array.from({ length: n }, (_, i) => ({
    leader: MARC21_LEADER,
    fields: [
      cf('001', `pg-${String(i + 1).padStart(4, '0')}`),
      df('245', '10', ['a', `Sinov toʻplami ${i + 1}`]),
      df('260', '  ', ['c', String(1900 + (i % 120))]),
    ],
  }));
}

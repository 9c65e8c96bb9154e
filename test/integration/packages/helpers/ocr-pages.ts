import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** Pages of known text in the region's languages, as a scanner would give them: 300 dpi, black on white. */
export interface OcrSample {
  name: string;
  languages: string[];
  font: 'Noto Sans' | 'Noto Serif';
  text: string;
  /** Words OCR must find (lower case; Uzbek Latin with ʻ and ʼ as the normaliser writes them). */
  keyWords: string[];
}

export const SAMPLES: OcrSample[] = [
  {
    name: 'russian',
    languages: ['rus'],
    font: 'Noto Serif',
    text:
      'Национальная библиотека хранит рукописи и старопечатные книги. Читатели приходят в читальный зал ' +
      'каждое утро. Сотрудники сканируют страницы и проверяют качество изображений. Оцифрованные издания ' +
      'доступны в электронном каталоге.',
    keyWords: [
      'библиотека',
      'рукописи',
      'книги',
      'читатели',
      'читальный',
      'сотрудники',
      'сканируют',
      'страницы',
      'качество',
      'изображений',
      'электронном',
      'каталоге',
    ],
  },
  {
    name: 'kazakh',
    languages: ['kaz'],
    font: 'Noto Sans',
    text:
      'Қазақстан кітапханасы әдебиет пен ғылым кітаптарын сақтайды. Оқырмандар өз үйінен электрондық ' +
      'каталогты қарай алады. Ұлттық мұра болашақ ұрпаққа жетуі тиіс. Жаңа кітаптар күн сайын түседі. ' +
      'Шаһардағы жиһаз дүкенінде гауһар жоқ.',
    keyWords: [
      'қазақстан',
      'кітапханасы',
      'әдебиет',
      'ғылым',
      'сақтайды',
      'оқырмандар',
      'үйінен',
      'электрондық',
      'ұлттық',
      'мұра',
      'ұрпаққа',
      'жаңа',
      'күн',
      'түседі',
      'шаһардағы',
      'жиһаз',
      'гауһар',
    ],
  },
  {
    name: 'uzbek-latin',
    languages: ['uzb'],
    font: 'Noto Sans',
    text:
      'Oʻzbekiston Milliy kutubxonasi qoʻlyozmalar va nodir kitoblarni saqlaydi. Gʻafur Gʻulom nomidagi ' +
      'nashriyot maʼnaviyat haqida yangi kitob chiqardi. Oʻquvchilar kutubxonaga har kuni keladi. Sanʼat va ' +
      'tarix boʻlimi ikkinchi qavatda joylashgan. Togʻ va bogʻ haqidagi sheʼrlar.',
    keyWords: [
      'oʻzbekiston',
      'milliy',
      'kutubxonasi',
      'qoʻlyozmalar',
      'nodir',
      'kitoblarni',
      'saqlaydi',
      'gʻafur',
      'gʻulom',
      'nashriyot',
      'maʼnaviyat',
      'oʻquvchilar',
      'sanʼat',
      'tarix',
      'boʻlimi',
      'ikkinchi',
      'qavatda',
      'togʻ',
      'bogʻ',
      'sheʼrlar',
    ],
  },
  {
    name: 'uzbek-cyrillic',
    languages: ['uzb_cyrl'],
    font: 'Noto Serif',
    text:
      'Ўзбекистон Миллий кутубхонаси қўлёзмалар ва нодир китобларни сақлайди. Ғафур Ғулом номидаги ' +
      'нашриёт янги китоб чиқарди. Ўқувчилар кутубхонага ҳар куни келади. Санъат ва тарих бўлими иккинчи ' +
      'қаватда жойлашган. Тоғ ва боғ ҳақидаги шеърлар.',
    keyWords: [
      'ўзбекистон',
      'миллий',
      'кутубхонаси',
      'қўлёзмалар',
      'нодир',
      'китобларни',
      'сақлайди',
      'ғафур',
      'ғулом',
      'нашриёт',
      'ўқувчилар',
      'ҳар',
      'санъат',
      'тарих',
      'бўлими',
      'иккинчи',
      'қаватда',
      'тоғ',
      'боғ',
      'ҳақидаги',
      'шеърлар',
    ],
  },
];

const WIDTH = 2480; // A4 at 300 dpi
const MARGIN = 240;
const FONT_SIZE = 50; // about 12 pt at 300 dpi
const LINE = Math.round(FONT_SIZE * 1.5);
const CHARS_PER_LINE = 62;

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > CHARS_PER_LINE) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The text set as a page (A4 width at 300 dpi; `repeat` paragraphs make it a full, dense page)
 * in a Noto font (fonts-noto-core), written as a grey PNG that says 300 dpi.
 */
export async function renderPage(sample: OcrSample, file: string, repeat = 1): Promise<string> {
  const lines = Array.from({ length: repeat }, () => [...wrap(sample.text), '']).flat();
  const height = Math.max(1200, MARGIN * 2 + lines.length * LINE);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}">` +
    '<rect width="100%" height="100%" fill="white"/>' +
    lines
      .map(
        (l, i) =>
          `<text x="${MARGIN}" y="${MARGIN + (i + 1) * LINE}" font-family="${sample.font}" font-size="${FONT_SIZE}" fill="black">${escapeXml(l)}</text>`,
      )
      .join('') +
    '</svg>';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(svg)).grayscale().withMetadata({ density: 300 }).png().toFile(file);
  return file;
}

/** The words of an ALTO's Strings, lower case, without the punctuation around them. */
export function altoWords(alto: string): string[] {
  return [...alto.matchAll(/\bCONTENT="([^"]*)"/g)].map((m) =>
    m[1]!
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .toLowerCase()
      .replace(/^[^\p{L}\p{N}ʻʼ]+|[^\p{L}\p{N}ʻʼ]+$/gu, ''),
  );
}

/** The key words an ALTO has, and those it misses. */
export function keyWordsFound(alto: string, keyWords: string[]): { found: string[]; missed: string[] } {
  const words = new Set(altoWords(alto));
  return { found: keyWords.filter((w) => words.has(w)), missed: keyWords.filter((w) => !words.has(w)) };
}

export { sharedDir } from '../../../helpers/shared-dir.js';

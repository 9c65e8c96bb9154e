import type { BibRecord } from './types.js';

/**
 * Tesseract's model per MARC language code (ISO 639-2/B, as 041 $a, 008/35-37 and UNIMARC 101 $a
 * give it), for the languages the region's books are in. Uzbek is missing here on purpose: its
 * model depends on the script, which the code does not say.
 */
const MODELS: Record<string, string> = {
  rus: 'rus',
  kaz: 'kaz',
  eng: 'eng',
  kir: 'kir',
  tgk: 'tgk',
  tuk: 'tuk',
  tur: 'tur',
  aze: 'aze',
  ukr: 'ukr',
  bel: 'bel',
  ger: 'deu',
  fre: 'fra',
  ara: 'ara',
  per: 'fas',
  chi: 'chi_sim',
};

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * The OCR languages a job's record asks for, most important first (`rus+kaz` style when several):
 * its languages mapped to Tesseract's models, Uzbek as `uzb` (Latin) or `uzb_cyrl` by the script of
 * the title. Empty when the record says nothing the station can read; the operator chooses then.
 */
export function ocrLanguages(record: Pick<BibRecord, 'languages' | 'title'> | null): string[] {
  if (!record) return [];
  const models: string[] = [];
  for (const code of record.languages.map((c) => c.trim().toLowerCase())) {
    const model = code === 'uzb' ? uzbekModel(record.title) : MODELS[code];
    if (model && !models.includes(model)) models.push(model);
  }
  return models;
}

/** Uzbek is printed in both scripts: the title tells which (Cyrillic letters win a mixed title). */
function uzbekModel(title: string | null): string {
  if (title && CYRILLIC.test(title)) return 'uzb_cyrl';
  if (title && LATIN.test(title)) return 'uzb';
  return 'uzb';
}

/**
 * MARC language codes (ISO 639-2/B, as records carry them) as BCP 47 tags: the two-letter code where
 * ISO 639-1 has one, else the three-letter code (BCP 47 takes ISO 639-2/T and 639-3 codes as they are).
 */
const TWO_LETTER: Record<string, string> = {
  uzb: 'uz',
  rus: 'ru',
  kaz: 'kk',
  kir: 'ky',
  tgk: 'tg',
  tuk: 'tk',
  tat: 'tt',
  bak: 'ba',
  aze: 'az',
  tur: 'tr',
  uig: 'ug',
  eng: 'en',
  ger: 'de',
  fre: 'fr',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  pol: 'pl',
  ukr: 'uk',
  bel: 'be',
  ara: 'ar',
  per: 'fa',
  chi: 'zh',
  jpn: 'ja',
  kor: 'ko',
  heb: 'he',
  hin: 'hi',
  urd: 'ur',
  lat: 'la',
  grc: 'grc',
  mon: 'mn',
  geo: 'ka',
  arm: 'hy',
};

/** `uzb` → `uz`, `kaa` → `kaa`; null for MARC's `und`, `mul`, `zxx` and for anything that is not a code. */
export function bcp47(code: string | null | undefined): string | null {
  if (!code) return null;
  const c = code.trim().toLowerCase();
  if (/^[a-z]{2}(-[a-z0-9]{2,8})*$/i.test(c)) return c;
  if (!/^[a-z]{3}$/.test(c) || c === 'und' || c === 'mul' || c === 'zxx' || c === 'mis') return null;
  return TWO_LETTER[c] ?? c;
}

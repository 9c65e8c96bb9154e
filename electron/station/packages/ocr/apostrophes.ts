/**
 * Uzbek's two apostrophe letters, as OCR and typists scatter them over look-alikes: in Latin
 * Uzbek `oʻ` and `gʻ` take U+02BB (modifier letter turned comma) whatever mark follows the o or g;
 * the tutuq belgisi (glottal stop, `maʼno`) between other letters takes U+02BC (modifier letter
 * apostrophe). Tesseract's uzb model knows ʻ and ' but not ʼ, so its output needs this.
 */
const O_G_MARK = /([OoGg])[\u02BB\u02BC\u2018\u2019'`]/g;
const LETTER_MARK = /(?<=\p{L})(?<![OoGg])[\u02BB\u02BC\u2018\u2019'`](?=\p{L})/gu;

export function normaliseUzbekApostrophes(text: string): string {
  return text.replace(O_G_MARK, '$1\u02BB').replace(LETTER_MARK, '\u02BC');
}

/** Uzbek in either script: the languages whose text gets the apostrophes normalised. */
export function isUzbek(languages: readonly string[]): boolean {
  return languages.some((l) => l === 'uzb' || l === 'uzb_cyrl');
}

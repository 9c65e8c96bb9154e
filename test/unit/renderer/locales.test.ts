import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LANGUAGES, SCANNER_ERROR_CODES } from '../../../electron/station/contract/index.js';
import { argumentNames, literalText, loadLocales, type Messages } from './locale-helpers.js';

const locales = loadLocales();
const en = locales.en as Messages;

describe('locale files', () => {
  it('exist for exactly the languages of the contract', () => {
    expect(Object.keys(locales).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys of en', (lang) => {
    const messages = locales[lang] as Messages;
    const missing = Object.keys(en).filter((k) => !(k in messages));
    const extra = Object.keys(messages).filter((k) => !(k in en));
    expect(missing.map((k) => `${lang} is missing ${k}`)).toEqual([]);
    expect(extra.map((k) => `${lang} has a key en lacks: ${k}`)).toEqual([]);
  });

  it.each(LANGUAGES)('%s: no message is empty', (lang) => {
    const empty = Object.entries(locales[lang] as Messages)
      .filter(([, v]) => v.trim() === '')
      .map(([k]) => `${lang}: ${k}`);
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES)('%s: every message is valid ICU and uses the same arguments as en', (lang) => {
    const problems: string[] = [];
    for (const [key, message] of Object.entries(locales[lang] as Messages)) {
      let names: string[];
      try {
        names = argumentNames(message, lang);
      } catch (err) {
        problems.push(`${lang} ${key}: does not parse: ${String(err)}`);
        continue;
      }
      const expected = argumentNames(en[key] ?? '', 'en');
      if (names.join() !== expected.join()) {
        problems.push(`${lang} ${key}: arguments [${names}] but en has [${expected}]`);
        continue;
      }
      const values = Object.fromEntries(names.map((n) => [n, 3]));
      try {
        const out = new IntlMessageFormat(message, lang).format(values);
        if (typeof out !== 'string' || out.length === 0) problems.push(`${lang} ${key}: formats to nothing`);
      } catch (err) {
        problems.push(`${lang} ${key}: does not format: ${String(err)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has a message for every contract error code', () => {
    for (const lang of LANGUAGES) {
      const missing = ERROR_CODES.filter((code) => !(`error.${code}` in (locales[lang] as Messages)));
      expect(missing.map((c) => `${lang}: error.${c}`)).toEqual([]);
    }
  });

  it('has a sentence for every scanner error code on the capture screen', () => {
    for (const lang of LANGUAGES) {
      const key = (code: string) => `operator.jobs.capture.stoppedBy.${code}`;
      const missing = SCANNER_ERROR_CODES.filter((code) => !(key(code) in (locales[lang] as Messages)));
      expect(missing.map((c) => `${lang}: ${key(c)}`)).toEqual([]);
    }
  });

  it('names every language in itself', () => {
    const names = Object.fromEntries(LANGUAGES.map((l) => [l, (locales[l] as Messages)['meta.nativeName']]));
    expect(names).toEqual({
      'uz-Latn': 'Oʻzbekcha',
      'uz-Cyrl': 'Ўзбекча',
      ru: 'Русский',
      kk: 'Қазақша',
      en: 'English',
    });
  });

  it('uses no ASCII apostrophe (ICU quoting character): typographic ’ or the Uzbek letters instead', () => {
    const offenders = LANGUAGES.flatMap((l) =>
      Object.entries(locales[l] as Messages)
        .filter(([, v]) => v.includes("'"))
        .map(([k]) => `${l}: ${k}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('Russian plurals', () => {
  const format = (seconds: number) =>
    new IntlMessageFormat((locales.ru as Messages)['connection.retryIn'] ?? '', 'ru').format({
      seconds,
    }) as string;

  it.each([
    [1, '1 секунду'],
    [2, '2 секунды'],
    [5, '5 секунд'],
    [11, '11 секунд'],
    [21, '21 секунду'],
    [22, '22 секунды'],
  ])('%i → %s', (n, expected) => {
    expect(format(n)).toContain(`через ${expected}…`);
  });
});

describe('orthography', () => {
  const uzLatn = Object.entries(locales['uz-Latn'] as Messages);

  it('uz-Latn writes oʻ and gʻ with U+02BB, never with a quote, backtick or U+02BC', () => {
    const bad = uzLatn.filter(([, v]) => /[OoGg]['‘’`ʼ]/u.test(v)).map(([k, v]) => `${k}: ${v}`);
    expect(bad).toEqual([]);
  });

  it('uz-Latn uses U+02BB only after o or g, and the tutuq belgisi is U+02BC', () => {
    const bad = uzLatn
      .filter(([, v]) => /(?<![OoGg])ʻ/u.test(v) || /[‘’`]/u.test(v))
      .map(([k, v]) => `${k}: ${v}`);
    expect(bad).toEqual([]);
    expect(uzLatn.some(([, v]) => v.includes('maʼlumot'))).toBe(true);
  });

  // ISBN is written in Latin letters in every language (it is printed so in the books).
  it('Cyrillic locales contain no Latin letters except the product name and ISBN', () => {
    for (const lang of ['uz-Cyrl', 'ru', 'kk']) {
      const bad = Object.entries(locales[lang] as Messages)
        .filter(([, v]) => /[A-Za-z]/.test(literalText(v, lang).replace(/Bitig|ISBN/g, '')))
        .map(([k]) => `${lang}: ${k}`);
      expect(bad).toEqual([]);
    }
  });

  it('Kazakh and Uzbek Cyrillic do not borrow each other’s letters', () => {
    const kk = Object.values(locales.kk as Messages).join(' ');
    const uzCyrl = Object.values(locales['uz-Cyrl'] as Messages).join(' ');
    expect(kk).not.toMatch(/[ЎўҲҳ]/u);
    expect(uzCyrl).not.toMatch(/[ӘәӨөҮүҰұІіҢңҺһ]/u);
    // And they do use their own.
    expect(kk).toMatch(/[әөүұіңқғ]/u);
    expect(uzCyrl).toMatch(/[ўқғҳ]/u);
  });
});

import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LANGUAGES } from '../../../electron/station/contract/index.js';
import {
  createI18n,
  knownErrorCode,
  PATH_SENTENCE_CODES,
  pathSentenceCode,
} from '../../../renderer/i18n/index.js';
import { errorValues } from '../../../renderer/src/ui/error-values.js';

describe('i18n instance (i18next + ICU)', () => {
  it('formats Russian plurals through i18next, as the screens do', () => {
    const i18n = createI18n('ru');
    const retry = (seconds: number) => i18n.t(($) => $.connection.retryIn, { seconds });
    expect(retry(1)).toBe('Повторное подключение через 1 секунду…');
    expect(retry(2)).toBe('Повторное подключение через 2 секунды…');
    expect(retry(5)).toBe('Повторное подключение через 5 секунд…');
    expect(retry(21)).toBe('Повторное подключение через 21 секунду…');
  });

  it('formats English and Uzbek with their own rules', () => {
    expect(createI18n('en').t(($) => $.connection.retryIn, { seconds: 1 })).toBe('Reconnecting in 1 second…');
    expect(createI18n('en').t(($) => $.connection.retryIn, { seconds: 3 })).toBe(
      'Reconnecting in 3 seconds…',
    );
    expect(createI18n('uz-Latn').t(($) => $.connection.retryIn, { seconds: 3 })).toBe(
      '3 soniyadan soʻng qayta ulaniladi…',
    );
  });

  it('switches language and resolves script subtags exactly (uz-Cyrl is not uz-Latn)', async () => {
    const i18n = createI18n('uz-Latn');
    expect(i18n.t(($) => $.kiosk.welcome.title)).toBe('Kutubxonaga xush kelibsiz');
    await i18n.changeLanguage('uz-Cyrl');
    expect(i18n.language).toBe('uz-Cyrl');
    expect(i18n.t(($) => $.kiosk.welcome.title)).toBe('Кутубхонага хуш келибсиз');
    await i18n.changeLanguage('kk');
    expect(i18n.t(($) => $.kiosk.welcome.title)).toBe('Кітапханаға қош келдіңіз');
  });

  it('names each language in itself whatever the current language', () => {
    const i18n = createI18n('en');
    const names = LANGUAGES.map((lng) => i18n.t(($) => $.meta.nativeName, { lng }));
    expect(names).toEqual(['Oʻzbekcha', 'Ўзбекча', 'Русский', 'Қазақша', 'English']);
  });

  it('translates every error code, and unknown codes as INTERNAL', () => {
    const i18n = createI18n('ru');
    for (const code of ERROR_CODES) {
      const text = i18n.t(($) => $.error[knownErrorCode(code)]);
      expect(text).not.toContain('error.');
    }
    expect(knownErrorCode('SOMETHING_NEW')).toBe('INTERNAL');
    expect(i18n.t(($) => $.error.DISCONNECTED)).toBe('Нет связи со станцией. Повторите попытку чуть позже.');
  });

  it('says the disk’s errors with their file or folder in every language, as the start-up screen shows them', () => {
    const file = '/var/lib/bitig/bitig.sqlite';
    for (const lng of LANGUAGES) {
      const i18n = createI18n(lng);
      for (const code of PATH_SENTENCE_CODES) {
        const text = i18n.t(($) => $.storage[code], { path: file });
        expect(text, `${lng} ${code}`).toContain(file);
        expect(text).not.toContain('storage.');
      }
    }
    expect(createI18n('uz-Latn').t(($) => $.storage.DISK_FULL, { path: '/d/jobs/4' })).toBe(
      'Disk toʻlgan: /d/jobs/4. Unda joy boʻshating va skanerlashni davom ettiring.',
    );
    // Without a path (an older core) the code's own sentence is used.
    expect(pathSentenceCode('STORE_CORRUPT', undefined)).toBeNull();
    expect(pathSentenceCode('STORE_CORRUPT', file)).toBe('STORE_CORRUPT');
    expect(pathSentenceCode('PIN_WRONG', file)).toBeNull();
  });

  it('names the catalogue source that failed, in every language, and says "the catalogue" without one', () => {
    const timeout = { code: 'CATALOG_TIMEOUT', message: 'x', source: 'Milliy kutubxona' } as const;
    for (const lng of LANGUAGES) {
      const i18n = createI18n(lng);
      const text = i18n.t(($) => $.error.CATALOG_TIMEOUT, errorValues(timeout, lng));
      expect(text, lng).toContain('Milliy kutubxona');
      const plain = i18n.t(
        ($) => $.error.CATALOG_TIMEOUT,
        errorValues({ ...timeout, source: undefined }, lng),
      );
      expect(plain, lng).not.toContain('Milliy');
      expect(plain, lng).not.toContain('error.');
    }
    expect(createI18n('en').t(($) => $.error.CATALOG_TIMEOUT, errorValues(timeout, 'en'))).toBe(
      '“Milliy kutubxona” did not answer in time.',
    );
  });
});

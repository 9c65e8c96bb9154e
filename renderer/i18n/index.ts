import {
  ERROR_CODES,
  type ErrorCode,
  LANGUAGES,
  type Language,
  STORAGE_ERROR_CODES,
} from '@contract/index.js';
import i18next, { type i18n } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';
import uzCyrl from './locales/uz-Cyrl.json';
import uzLatn from './locales/uz-Latn.json';

/** Every message of every language, keyed by the contract's language tags. */
export const messages = {
  'uz-Latn': uzLatn,
  'uz-Cyrl': uzCyrl,
  ru,
  kk,
  en,
} as const satisfies Record<Language, unknown>;

/** The language whose keys all others must have (the tests enforce it). */
export const REFERENCE_LANGUAGE: Language = 'en';

/**
 * A fresh i18next instance with ICU MessageFormat (real plural rules for Russian, Kazakh, Uzbek)
 * and every locale loaded up front: there is nothing to fetch, so init is synchronous.
 */
export function createI18n(language: Language = LANGUAGES[0]): i18n {
  const instance = i18next.createInstance();
  instance.use(new ICU()).use(initReactI18next);
  void instance.init({
    resources: Object.fromEntries(
      Object.entries(messages).map(([lng, translation]) => [lng, { translation }]),
    ),
    lng: language,
    fallbackLng: REFERENCE_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    load: 'currentOnly',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}

/** The contract error code to translate (as `error.<code>`); unknown (newer) codes read as INTERNAL. */
export function knownErrorCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
}

/** Codes with a sentence that names the file or folder (`storage.<code>`, with `{path}`). */
export const PATH_SENTENCE_CODES = [
  'STORE_CORRUPT',
  'STORE_TOO_NEW',
  'STORE_UNAVAILABLE',
  ...STORAGE_ERROR_CODES,
] as const satisfies readonly ErrorCode[];
export type PathSentenceCode = (typeof PATH_SENTENCE_CODES)[number];

/** The disk's errors that came with their path get the sentence naming it; others their code's. */
export function pathSentenceCode(code: string, path: string | undefined): PathSentenceCode | null {
  if (!path) return null;
  return (PATH_SENTENCE_CODES as readonly string[]).includes(code) ? (code as PathSentenceCode) : null;
}

/** Keeps `<html lang>` and the window title in step with the interface language. */
export function bindDocument(instance: i18n, doc: Document): void {
  const apply = () => {
    doc.documentElement.lang = instance.resolvedLanguage ?? instance.language;
    doc.title = instance.t(($) => $.app.title);
  };
  apply();
  instance.on('languageChanged', apply);
}

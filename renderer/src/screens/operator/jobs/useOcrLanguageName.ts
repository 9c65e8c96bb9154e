import { useTranslation } from 'react-i18next';
import { intlLanguageName, isNamedOcrLanguage } from './package-view.js';

/**
 * An OCR language's name in the operator's language: the locale files name the station's own
 * languages (Uzbek in both scripts, which Intl cannot tell apart); the rest come from Intl.
 */
export function useOcrLanguageName(): (code: string) => string {
  const { t, i18n } = useTranslation();
  return (code) =>
    isNamedOcrLanguage(code)
      ? t(($) => $.operator.jobs.package.ocrLanguage[code])
      : intlLanguageName(code, i18n.language);
}

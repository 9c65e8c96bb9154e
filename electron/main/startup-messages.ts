/**
 * The few words the main process itself must say, before any screen exists: why the station cannot
 * start. They come from the renderer's locale files (so translators keep one set of files), in the
 * operating system's language, because the station's own language setting lives in the database
 * that could not be opened.
 */

import en from '../../renderer/i18n/locales/en.json' with { type: 'json' };
import kk from '../../renderer/i18n/locales/kk.json' with { type: 'json' };
import ru from '../../renderer/i18n/locales/ru.json' with { type: 'json' };
import uzCyrl from '../../renderer/i18n/locales/uz-Cyrl.json' with { type: 'json' };
import uzLatn from '../../renderer/i18n/locales/uz-Latn.json' with { type: 'json' };
import type { ErrorCode, Language } from '../station/contract.js';

const LOCALES: Record<Language, typeof en> = { en, kk, ru, 'uz-Cyrl': uzCyrl, 'uz-Latn': uzLatn };

/** Maps OS locale tags (`uz-UZ`, `uz-Cyrl-UZ`, `ru-KZ`, `kk`) to one of our languages; English otherwise. */
export function languageFromLocales(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('uz')) return lower.includes('cyrl') ? 'uz-Cyrl' : 'uz-Latn';
    if (lower.startsWith('ru')) return 'ru';
    if (lower.startsWith('kk')) return 'kk';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Title and body of the "cannot start" dialog; the technical detail (with the file's path) follows. */
export function startupFailure(
  language: Language,
  code: ErrorCode,
  detail: string,
): { title: string; body: string } {
  const messages = LOCALES[language];
  return {
    title: `Bitig — ${messages.app.startupFailed}`,
    body: `${messages.error[code]}\n\n${detail}`,
  };
}

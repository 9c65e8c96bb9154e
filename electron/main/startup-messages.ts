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
import type { ErrorCode, Language } from '../station/contract/index.js';

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

/**
 * Title and body of the "cannot start" dialog: the disk's errors in the sentence that names their
 * file or folder (`storage.<code>`), others by their code; the technical detail (English) follows.
 */
export function startupFailure(
  language: Language,
  code: ErrorCode,
  detail: string,
  file?: string,
): { title: string; body: string } {
  const messages = LOCALES[language];
  const withPath =
    file && code in messages.storage ? messages.storage[code as keyof typeof messages.storage] : null;
  // The sentences take only {path}: a plain replacement formats them.
  const sentence = withPath ? withPath.replace('{path}', file!) : messages.error[code];
  return {
    title: `Bitig — ${messages.app.startupFailed}`,
    body: `${sentence}\n\n${detail}`,
  };
}

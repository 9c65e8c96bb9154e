import type { i18n } from 'i18next';
import { bindDocument, createI18n } from '../i18n/index.js';
import { settingsStore, startStores } from './stores/index.js';

/**
 * Everything main.tsx needs before React renders: i18n in the station's language (following it from
 * then on), `<html lang>` and the title kept in step, the first requests to the core.
 */
export function boot(doc: Document): { i18n: i18n; container: HTMLElement } {
  const instance = createI18n(settingsStore.getState().language);
  bindDocument(instance, doc);
  settingsStore.subscribe((state) => {
    if (state.language !== instance.language) void instance.changeLanguage(state.language);
  });
  startStores();
  const container = doc.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  return { i18n: instance, container };
}

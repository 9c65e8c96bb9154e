import 'i18next';
import type en from './locales/en.json';

// Keys are checked against the English messages at compile time, and written as selectors
// (t(($) => $.setup.title)): type-checked, and no string literals in .tsx files (see README.md).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    enableSelector: true;
  }
}

/**
 * Names that are the same in every language (protocols, record formats, character sets, URL
 * schemes): technical names staff find in their catalogue's documentation, so never translated
 * (the Cyrillic locales may hold no Latin letters; they take these as arguments).
 */
import type { SourceFormat } from '@contract/index.js';
import type { Protocol } from '../../../stores/catalog-source-form.js';

export const PROTOCOL_NAMES: Record<Protocol, string> = { sru: 'SRU', z3950: 'Z39.50' };
export const FORMAT_NAMES: Record<Exclude<SourceFormat, 'auto'>, string> = {
  marc21: 'MARC 21',
  unimarc: 'UNIMARC',
};
export const ISBN_NAME = 'ISBN';
export const UTF8_NAME = 'UTF-8';
export const CP1251_NAME = 'Windows-1251';
export const URL_EXAMPLE = 'https://catalog.example.uz/sru/biblios';
export const SCHEMES = { http: 'http://', https: 'https://' } as const;
/** The placeholders a query template takes, named in the editor's hint. */
export const PLACEHOLDERS = { value: '{value}', isbn: '{isbn}' } as const;

/** A template row's fields and a parameter row's, for their test ids. */
export const TEMPLATE = { template: 'template', prefix: 'prefix', stripPrefix: 'stripPrefix' } as const;
export const PARAM = { key: 'key', value: 'value', remove: 'remove' } as const;
/** Title and subtitle of a found record, and its languages, as one line each. */
export const TITLE_SEPARATOR = ' : ';
export const LIST_SEPARATOR = ', ';

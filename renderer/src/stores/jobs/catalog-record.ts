import type { BibRecord, CatalogQuery } from '@contract/index.js';

/**
 * Catalogue records as the jobs screens handle them, pure: which kind of lookup a scanned code is,
 * the query a title/author search sends, and the record typed by hand.
 */

/** ISBN-10: nine digits and a check digit (0–9 or X), weighted 10..1, sum divisible by 11. */
function isIsbn10(digits: string): boolean {
  if (!/^\d{9}[\dX]$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (10 - i) * (digits[i] === 'X' ? 10 : Number(digits[i]));
  return sum % 11 === 0;
}

/** ISBN-13: an EAN-13 starting 978 or 979, weights 1 and 3. */
function isIsbn13(digits: string): boolean {
  if (!/^97[89]\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(digits[i]);
  return sum % 10 === 0;
}

/** Whether the code is a valid ISBN-10 or -13, hyphens or spaces allowed ("978-9943-01-123-4"). */
export function isIsbn(code: string): boolean {
  const digits = code.trim().toUpperCase().replace(/[-\s]/g, '');
  return isIsbn10(digits) || isIsbn13(digits);
}

/**
 * The lookup a scanned or typed code starts: by ISBN when it is one (a barcode that happens to be
 * thirteen digits fails the check digit almost always), else by the library's barcode.
 */
export function codeQuery(code: string): CatalogQuery {
  const value = code.trim();
  return { kind: isIsbn(value) ? 'isbn' : 'barcode', value };
}

/**
 * The operator's search by title or author. The contract's query has one kind: the title narrows
 * better, so it is used when both are typed. Null when both are empty.
 */
export function searchQuery(title: string, author: string): CatalogQuery | null {
  if (title.trim()) return { kind: 'title', value: title.trim() };
  if (author.trim()) return { kind: 'author', value: author.trim() };
  return null;
}

/** The record's fields as the hand-entry form shows them. */
export interface HandFields {
  title: string;
  author: string;
  place: string;
  publisher: string;
  year: string;
  isbn: string;
  language: string;
}
export type HandField = keyof HandFields;
export const HAND_FIELDS: readonly HandField[] = [
  'title',
  'author',
  'place',
  'publisher',
  'year',
  'isbn',
  'language',
];

export const EMPTY_HAND: HandFields = {
  title: '',
  author: '',
  place: '',
  publisher: '',
  year: '',
  isbn: '',
  language: '',
};

/** The main creator, else the first: the name lists and headers show. */
export function recordAuthor(record: BibRecord | null): string | null {
  if (!record) return null;
  return (record.creators.find((c) => c.primary) ?? record.creators[0])?.name ?? null;
}

/** A record's fields to edit by hand (the first ISBN and language: the form has one of each). */
export function handFields(record: BibRecord | null): HandFields {
  if (!record) return EMPTY_HAND;
  return {
    title: record.title ?? '',
    author: recordAuthor(record) ?? '',
    place: record.publication.place ?? '',
    publisher: record.publication.publisher ?? '',
    year: record.publication.date ?? '',
    isbn: record.isbns[0] ?? '',
    language: record.languages[0] ?? '',
  };
}

/** A record needs at least its title. */
export function handComplete(fields: HandFields): boolean {
  return fields.title.trim().length > 0;
}

const orNull = (text: string): string | null => text.trim() || null;

/**
 * The record from the hand-entry form, marked `edited`. Editing a looked-up record keeps what the
 * form does not show (subjects, series, other creators, the source's MARCXML); a record typed from
 * nothing has no MARCXML and no source (the screens say "typed by hand").
 */
export function typedRecord(fields: HandFields, base: BibRecord | null = null): BibRecord {
  const author = fields.author.trim();
  const others = (base?.creators ?? []).filter((c) => c.name !== recordAuthor(base));
  const isbn = fields.isbn.trim();
  const language = fields.language.trim();
  return {
    format: base?.format ?? 'marc21',
    title: orNull(fields.title),
    subtitle: base?.subtitle ?? null,
    responsibility: base?.responsibility ?? null,
    creators: author ? [{ name: author, role: 'aut', primary: true }, ...others] : others,
    publication: {
      place: orNull(fields.place),
      publisher: orNull(fields.publisher),
      date: orNull(fields.year),
    },
    isbns: isbn ? [isbn, ...(base?.isbns ?? []).filter((i) => i !== isbn)] : (base?.isbns.slice(1) ?? []),
    recordId: base?.recordId ?? null,
    source: base?.source ?? '',
    languages: language
      ? [language, ...(base?.languages ?? []).filter((l) => l !== language)]
      : (base?.languages.slice(1) ?? []),
    extent: base?.extent ?? null,
    subjects: base?.subjects ?? [],
    edition: base?.edition ?? null,
    series: base?.series ?? [],
    marcxml: base?.marcxml ?? '',
    edited: true,
  };
}

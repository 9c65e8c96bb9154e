import type { BibRecord, LookupState } from '@contract/index.js';
import { recordAuthor } from '../../../stores/jobs/catalog-record.js';
import { SEPARATOR } from '../../../ui/format.js';

/** How a catalogue record's fields read on the jobs screens (no string literals in .tsx). */

/** A candidate's line under its title: author, year, publisher, languages, source. */
export function candidateDetails(record: BibRecord): string {
  return [
    recordAuthor(record),
    record.publication.date,
    record.publication.publisher,
    record.languages.join(LIST),
    record.source,
  ]
    .filter(Boolean)
    .join(SEPARATOR);
}

export const LIST = ', ';

/** "Toshkent, Sharq, 1994": as much of the imprint as the record has. */
export function publicationLine(record: BibRecord): string {
  const { place, publisher, date } = record.publication;
  return [place, publisher, date].filter(Boolean).join(LIST);
}

/** The creators, main entry first. */
export function creatorsLine(record: BibRecord): string {
  return [...record.creators]
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .map((c) => c.name)
    .join('; ');
}

/** Codes named in the hand-entry form's hint: MARC language codes, the same in every language. */
export const LANGUAGE_EXAMPLES = 'uzb, rus, kaz, eng';

/** Lookup states the list and the header mark with a badge; the others need nothing said. */
export type BadgeState = Extract<LookupState, 'pending' | 'choose' | 'not_found'>;
export function badgeState(lookup: LookupState): BadgeState | null {
  return lookup === 'pending' || lookup === 'choose' || lookup === 'not_found' ? lookup : null;
}

/** The hand-entry field that takes a language code (it gets a hint with examples). */
export const HAND_LANGUAGE = 'language';

/** Between a title and its subtitle, as cataloguers write it. */
export const SUBTITLE = ' : ';

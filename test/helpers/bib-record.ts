import type { BibRecord } from '../../electron/station/contract/catalog-types.js';

/** A mapped catalog record as a lookup gives it; fields not given are empty. */
export function bibRecord(fields: Partial<BibRecord> = {}): BibRecord {
  return {
    format: 'marc21',
    title: null,
    subtitle: null,
    responsibility: null,
    creators: [],
    publication: { place: null, publisher: null, date: null },
    isbns: [],
    recordId: null,
    source: 'Test catalogue',
    languages: [],
    extent: null,
    subjects: [],
    edition: null,
    series: [],
    marcxml: '',
    ...fields,
  };
}

import { idMatches } from './id-rules.js';
import { parseLibraryCodabar } from './validate.js';

/** A site's id rules, as the kiosk keeps them: regular expressions, empty = accept anything. */
export interface IdRules {
  patronIdPattern: string;
  itemIdPattern: string;
}

export type IdKind = 'patron' | 'item' | 'unknown';

/**
 * Whether a scanned id is a patron card or an item, by the site's rules — so that a card scanned
 * where a book is expected (a classic kiosk error) is recognized whatever the reader.
 *
 * A rule the site wrote beats an empty one (which accepts anything). When both match or both are
 * empty, a library Codabar number decides by its type digit (2 patron, 3 item); otherwise the
 * answer is 'unknown' and the caller asks the library system.
 */
export function classifyId(id: string, rules: IdRules): IdKind {
  const patron = idMatches(rules.patronIdPattern, id);
  const item = idMatches(rules.itemIdPattern, id);
  if (patron && !item) return 'patron';
  if (item && !patron) return 'item';
  if (!patron && !item) return 'unknown';
  const patronExplicit = rules.patronIdPattern !== '';
  const itemExplicit = rules.itemIdPattern !== '';
  if (patronExplicit && !itemExplicit) return 'patron';
  if (itemExplicit && !patronExplicit) return 'item';
  return parseLibraryCodabar(id)?.kind ?? 'unknown';
}

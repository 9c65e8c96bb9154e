/**
 * A site's id rule: a regular expression the whole id must match; an empty rule accepts anything.
 * Shared by the kiosk (patron and item ids) and the barcode classifier (`classify.ts`).
 */
export function idMatches(pattern: string, id: string): boolean {
  if (pattern === '') return true;
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(id);
  } catch {
    // A broken rule must not lock patrons out; saving one is refused on the admin screen.
    return true;
  }
}

/**
 * Message text for logs with secrets blanked: the SC login password (`CO`), the terminal password
 * (`AC`) and patron PINs (`AD`). Ids and names stay: they are what a support person needs.
 * In every request the first variable field is `CN`, `AO` or `AP`, so a secret always follows a `|`.
 */
const SECRET_FIELDS = /\|(CO|AC|AD)([^|]+)/g;

export function maskSecrets(text: string): string {
  return text.replace(SECRET_FIELDS, '|$1***');
}

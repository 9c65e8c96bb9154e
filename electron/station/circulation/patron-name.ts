/**
 * A patron's name as a receipt shows it by default: the first letter of each word and five stars,
 * "A***** K*****", so a receipt left on the kiosk or a preview on disk does not name its reader.
 * Always five stars: the length of a name says something too.
 */
export function maskPatronName(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== '')
    .map((word) => `${Array.from(word)[0]}*****`)
    .join(' ');
}

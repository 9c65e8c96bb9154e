/** ISO 28560-1 type of usage classes by name, for people and command lines. */
export const USAGE_NAMES: Record<number, string> = {
  0: 'acquisition',
  1: 'circulating',
  2: 'not-for-circulation',
  6: 'no-information',
  7: 'discarded',
  8: 'patron-card',
  9: 'equipment',
};

/** Parses "8", "0x8" or "patron-card"; undefined when it is neither. */
export function parseUsage(text: string): number | undefined {
  const byName = Object.entries(USAGE_NAMES).find(([, name]) => name === text.toLowerCase());
  if (byName) return Number(byName[0]);
  const value = /^0x[0-9a-f]$/i.test(text)
    ? Number.parseInt(text, 16)
    : /^[0-9]{1,2}$/.test(text)
      ? Number(text)
      : Number.NaN;
  return value >= 0 && value <= 15 ? value : undefined;
}

import type { NumberingRule, PageType } from '../../contract/digitization-types.js';
import { UNNUMBERED_TYPES } from './page-types.js';

const ROMAN: readonly [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** Lower-case roman numerals, as front matter is printed. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`No roman numeral for ${n}.`);
  let rest = n;
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/**
 * The labels the rule gives pages in their current order (ids → label, null for unnumbered types).
 * Computed from the order every time, so reordering, inserting or deleting pages renumbers them
 * without anyone touching a label. When the rule's page is not among `pages`, all are arabic.
 */
export function autoLabels(
  pages: readonly { id: number; type: PageType }[],
  rule: NumberingRule | null,
): Map<number, string | null> {
  const labels = new Map<number, string | null>();
  if (!rule) {
    for (const page of pages) labels.set(page.id, null);
    return labels;
  }
  const endIndex =
    rule.frontMatterEndsAt === null ? -1 : pages.findIndex((p) => p.id === rule.frontMatterEndsAt);
  let roman = rule.romanStart;
  let arabic = rule.arabicStart;
  pages.forEach((page, index) => {
    if (UNNUMBERED_TYPES.has(page.type)) {
      labels.set(page.id, null);
    } else if (index <= endIndex) {
      labels.set(page.id, toRoman(roman++));
    } else {
      labels.set(page.id, String(arabic++));
    }
  });
  return labels;
}

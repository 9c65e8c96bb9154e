import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_TYPES, type PageType } from '../../../electron/station/contract/digitization-types.js';
import { autoLabels, toRoman } from '../../../electron/station/digitization/pages/numbering.js';
import { UNNUMBERED_TYPES } from '../../../electron/station/digitization/pages/page-types.js';

const page = (id: number, type: PageType = 'normal') => ({ id, type });

describe('roman numerals', () => {
  it('writes front-matter numbers in lower case', () => {
    const cases: [number, string][] = [
      [1, 'i'],
      [4, 'iv'],
      [9, 'ix'],
      [14, 'xiv'],
      [40, 'xl'],
      [90, 'xc'],
      [1994, 'mcmxciv'],
      [3999, 'mmmcmxcix'],
    ];
    for (const [n, roman] of cases) expect(toRoman(n)).toBe(roman);
    expect(() => toRoman(0)).toThrow(RangeError);
    expect(() => toRoman(1.5)).toThrow(RangeError);
  });
});

describe('auto labels', () => {
  it('numbers the front matter in roman up to its last page and the rest in arabic, skipping covers and cards', () => {
    const pages = [
      page(1, 'cover'),
      page(2, 'colour_card'),
      page(3, 'title'),
      page(4),
      page(5, 'contents'),
      page(6, 'chapter'),
      page(7),
      page(8, 'foldout'),
      page(9),
      page(10, 'cover'),
    ];
    const labels = autoLabels(pages, { frontMatterEndsAt: 5, romanStart: 1, arabicStart: 1 });
    expect([...labels.values()]).toEqual([null, null, 'i', 'ii', 'iii', '1', '2', null, '3', null]);
  });

  it('honours the start numbers, and with no front matter numbers everything in arabic', () => {
    const pages = [page(1), page(2), page(3)];
    expect([...autoLabels(pages, { frontMatterEndsAt: 1, romanStart: 5, arabicStart: 9 }).values()]).toEqual([
      'v',
      '9',
      '10',
    ]);
    expect([
      ...autoLabels(pages, { frontMatterEndsAt: null, romanStart: 1, arabicStart: 1 }).values(),
    ]).toEqual(['1', '2', '3']);
    expect([...autoLabels(pages, null).values()]).toEqual([null, null, null]);
  });

  it('depends only on the order: any order of numbered pages reads i, ii, … then 1, 2, …', () => {
    const types = fc.constantFrom<PageType>(...PAGE_TYPES);
    fc.assert(
      fc.property(fc.array(types, { minLength: 1, maxLength: 60 }), fc.nat(), (pageTypes, pick) => {
        const pages = pageTypes.map((type, i) => page(i + 1, type));
        const anchor = pages[pick % pages.length]!.id;
        const labels = autoLabels(pages, { frontMatterEndsAt: anchor, romanStart: 1, arabicStart: 1 });
        const anchorIndex = pages.findIndex((p) => p.id === anchor);
        let roman = 0;
        let arabic = 0;
        pages.forEach((p, i) => {
          const label = labels.get(p.id);
          if (UNNUMBERED_TYPES.has(p.type)) expect(label).toBeNull();
          else if (i <= anchorIndex) expect(label).toBe(toRoman(++roman));
          else expect(label).toBe(String(++arabic));
        });
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../electron/station/contract/index.js';
import { createI18n } from '../../../renderer/i18n/index.js';
import {
  calendarDaysBetween,
  dueInfo,
  formatAmount,
  formatDate,
  formatDateTime,
  hasLocaleData,
  parseDate,
} from '../../../renderer/src/ui/format.js';

const ZONE = 'Asia/Tashkent';
/** An instant given as Tashkent's wall clock (UTC+5), whatever zone runs the test. */
const tashkent = (local: string) => new Date(`${local}+05:00`);
const NOV_2 = tashkent('2025-11-02T15:07:00');
const opts = (intl?: boolean) => (intl === undefined ? { timeZone: ZONE } : { timeZone: ZONE, intl });

describe('due dates', () => {
  const now = tashkent('2026-11-22T10:00:00');

  it('counts calendar days in the station zone, not 24-hour periods', () => {
    expect(calendarDaysBetween(now, tashkent('2026-11-22T23:59:00'), ZONE)).toBe(0);
    expect(calendarDaysBetween(now, tashkent('2026-11-23T00:01:00'), ZONE)).toBe(1);
    expect(calendarDaysBetween(now, tashkent('2026-11-21T23:00:00'), ZONE)).toBe(-1);
    expect(calendarDaysBetween(now, tashkent('2026-12-06T12:00:00'), ZONE)).toBe(14);
    // 00:20 in Tashkent is still the day before in UTC: the station's day decides.
    expect(calendarDaysBetween(now, tashkent('2026-11-23T00:20:00'), 'UTC')).toBe(0);
  });

  it('is overdue once the due day has passed, or when the library system says so', () => {
    expect(
      dueInfo({ dueDate: tashkent('2026-11-18T23:59:59').toISOString(), overdue: false }, now, ZONE),
    ).toMatchObject({
      overdue: true,
      days: -4,
    });
    expect(
      dueInfo({ dueDate: tashkent('2026-11-22T18:00:00').toISOString(), overdue: false }, now, ZONE),
    ).toMatchObject({
      overdue: false,
      days: 0,
    });
    expect(
      dueInfo({ dueDate: tashkent('2026-11-30T00:00:00').toISOString(), overdue: true }, now, ZONE).overdue,
    ).toBe(true);
    expect(dueInfo({ dueDate: null, overdue: false }, now)).toEqual({
      due: null,
      days: null,
      overdue: false,
    });
    expect(dueInfo({ dueDate: 'not a date', overdue: false }, now).due).toBeNull();
  });

  it('parses ISO dates and rejects the rest', () => {
    expect(parseDate('2026-12-06T12:00:00.000Z')?.toISOString()).toBe('2026-12-06T12:00:00.000Z');
    expect(parseDate('')).toBeNull();
    expect(parseDate(null)).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
  });
});

describe('dates in the interface language', () => {
  it('uses Intl where it has the language (Node has full ICU)', () => {
    expect(hasLocaleData('ru')).toBe(true);
    expect(formatDate(NOV_2, 'ru', createI18n('ru').t, opts())).toBe('2 ноября 2025 г.');
    expect(formatDate(NOV_2, 'en', createI18n('en').t, opts())).toBe('November 2, 2025');
  });

  it('names the months from the locale files where Intl lacks the language', () => {
    const expected = {
      'uz-Latn': '2-noyabr, 2025',
      'uz-Cyrl': '2-ноябр, 2025',
      ru: '2 ноября 2025 г.',
      kk: '2025 ж. 2 қараша',
      en: 'November 2, 2025',
    } as const;
    for (const language of LANGUAGES) {
      expect(formatDate(NOV_2, language, createI18n(language).t, opts(false))).toBe(expected[language]);
    }
  });

  it('has every month in every language (none falls to the empty branch)', () => {
    for (const language of LANGUAGES) {
      const t = createI18n(language).t;
      const names = Array.from({ length: 12 }, (_, m) =>
        formatDate(tashkent(`2025-${String(m + 1).padStart(2, '0')}-05T12:00:00`), language, t, opts(false)),
      );
      expect(new Set(names).size).toBe(12);
      for (const name of names) expect(name).toMatch(/\p{L}{3,}/u);
    }
  });

  it('adds a 24-hour time for receipts', () => {
    expect(formatDateTime(NOV_2, 'uz-Latn', createI18n('uz-Latn').t, opts(false))).toBe(
      '2-noyabr, 2025, 15:07',
    );
    expect(formatDateTime(NOV_2, 'ru', createI18n('ru').t, opts())).toBe('2 ноября 2025 г., 15:07');
  });

  it("shows the station's wall clock, not the browser's: 00:20 in Almaty is 19:20 the day before in UTC", () => {
    const early = new Date('2026-12-07T00:20:00+05:00');
    const t = createI18n('en').t;
    expect(formatDateTime(early, 'en', t, { timeZone: 'Asia/Almaty' })).toBe('December 7, 2026, 00:20');
    expect(formatDateTime(early, 'en', t, { timeZone: 'UTC' })).toBe('December 6, 2026, 19:20');
    for (const intl of [true, false]) {
      expect(
        formatDate(early, 'uz-Latn', createI18n('uz-Latn').t, { timeZone: 'Asia/Tashkent', intl }),
      ).toMatch(/^7/);
    }
  });

  it('groups amounts for reading and keeps what it cannot read', () => {
    expect(formatAmount('25000.00', 'ru').replace(/\s/g, ' ')).toBe('25 000');
    expect(formatAmount('1234.5', 'en')).toBe('1,234.5');
    expect(formatAmount('18000', 'kk', false).replace(/\s/g, ' ')).toBe('18 000');
    expect(formatAmount('n/a', 'en')).toBe('n/a');
  });
});

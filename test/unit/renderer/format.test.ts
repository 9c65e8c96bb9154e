import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../electron/station/contract.js';
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

const NOV_2 = new Date(2025, 10, 2, 15, 7);

describe('due dates', () => {
  const now = new Date(2026, 10, 22, 10, 0);

  it('counts calendar days, not 24-hour periods', () => {
    expect(calendarDaysBetween(now, new Date(2026, 10, 22, 23, 59))).toBe(0);
    expect(calendarDaysBetween(now, new Date(2026, 10, 23, 0, 1))).toBe(1);
    expect(calendarDaysBetween(now, new Date(2026, 10, 21, 23, 0))).toBe(-1);
    expect(calendarDaysBetween(now, new Date(2026, 11, 6, 12, 0))).toBe(14);
  });

  it('is overdue once the due day has passed, or when the library system says so', () => {
    expect(dueInfo({ dueDate: new Date(2026, 10, 18).toISOString(), overdue: false }, now)).toMatchObject({
      overdue: true,
      days: -4,
    });
    expect(dueInfo({ dueDate: new Date(2026, 10, 22, 18).toISOString(), overdue: false }, now)).toMatchObject(
      {
        overdue: false,
        days: 0,
      },
    );
    expect(dueInfo({ dueDate: new Date(2026, 10, 30).toISOString(), overdue: true }, now).overdue).toBe(true);
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
    expect(formatDate(NOV_2, 'ru', createI18n('ru').t)).toBe('2 ноября 2025 г.');
    expect(formatDate(NOV_2, 'en', createI18n('en').t)).toBe('November 2, 2025');
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
      expect(formatDate(NOV_2, language, createI18n(language).t, false)).toBe(expected[language]);
    }
  });

  it('has every month in every language (none falls to the empty branch)', () => {
    for (const language of LANGUAGES) {
      const t = createI18n(language).t;
      const names = Array.from({ length: 12 }, (_, m) =>
        formatDate(new Date(2025, m, 5), language, t, false),
      );
      expect(new Set(names).size).toBe(12);
      for (const name of names) expect(name).toMatch(/\p{L}{3,}/u);
    }
  });

  it('adds a 24-hour time for receipts', () => {
    expect(formatDateTime(NOV_2, 'uz-Latn', createI18n('uz-Latn').t, false)).toBe('2-noyabr, 2025, 15:07');
    expect(formatDateTime(NOV_2, 'ru', createI18n('ru').t)).toBe('2 ноября 2025 г., 15:07');
  });

  it('groups amounts for reading and keeps what it cannot read', () => {
    expect(formatAmount('25000.00', 'ru').replace(/\s/g, ' ')).toBe('25 000');
    expect(formatAmount('1234.5', 'en')).toBe('1,234.5');
    expect(formatAmount('18000', 'kk', false).replace(/\s/g, ' ')).toBe('18 000');
    expect(formatAmount('n/a', 'en')).toBe('n/a');
  });
});

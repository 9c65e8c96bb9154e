import type { Language } from '@contract/index.js';
import type { TFunction } from 'i18next';

/**
 * Dates and amounts in the interface language. Intl does the work where the browser has the
 * language's data; some Chromium builds ship without Uzbek or Kazakh (they would print "2025 M11 2"),
 * and then the month names come from our own locale files and numbers use the region's
 * conventions (space between thousands, decimal comma), which Russian formatting gives.
 */

/** Between the parts of a status line ("Borrowed · due back 2 May"). */
export const SEPARATOR = ' · ';

const SAMPLE = new Date(Date.UTC(2025, 10, 2, 12));
const known = new Map<string, boolean>();

/** Whether Intl has real date data for `language` (month names, not the root locale's "M11"). */
export function hasLocaleData(language: string): boolean {
  let ok = known.get(language);
  if (ok === undefined) {
    try {
      const month = new Intl.DateTimeFormat(language, { month: 'long' }).format(SAMPLE);
      ok = !/\d/.test(month);
    } catch {
      ok = false;
    }
    known.set(language, ok);
  }
  return ok;
}

/** The locale to format numbers and times with: the language itself, or its region's conventions. */
function numericLocale(language: Language, intl: boolean): string {
  return intl ? language : 'ru';
}

/** Month keys of `kiosk.date.long` (ICU select keys cannot be bare numbers). */
const MONTHS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12'] as const;

/** Parses an ISO date or date-time; null when absent or unreadable. */
export function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * How a date is shown: the station's time zone (a thin-client browser may sit in another; the
 * station's day is the one its loans end on), and `intl` for tests (default: as the browser can).
 */
export interface DateOptions {
  timeZone?: string | undefined;
  intl?: boolean;
}

/** The calendar day and clock time at `date` in `timeZone` (the browser's when absent). */
function wallClock(date: Date, timeZone: string | undefined) {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  for (const p of format.formatToParts(date)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** "2 November 2025" in the interface language. */
export function formatDate(date: Date, language: Language, t: TFunction, options: DateOptions = {}): string {
  const { timeZone, intl = hasLocaleData(language) } = options;
  if (intl)
    return new Intl.DateTimeFormat(language, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone,
    }).format(date);
  const c = wallClock(date, timeZone);
  return t(($) => $.kiosk.date.long, {
    // As strings: ICU would group a number's digits ("2,025").
    day: String(c.day),
    month: MONTHS[c.month - 1],
    year: String(c.year),
  });
}

/** Date and time (24-hour), for receipts. */
export function formatDateTime(
  date: Date,
  language: Language,
  t: TFunction,
  options: DateOptions = {},
): string {
  const { timeZone, intl = hasLocaleData(language) } = options;
  const time = new Intl.DateTimeFormat(numericLocale(language, intl), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(date);
  return t(($) => $.kiosk.date.dateTime, { date: formatDate(date, language, t, { timeZone, intl }), time });
}

/** An amount of money as the library system sent it ("25000.00"), grouped for reading. */
export function formatAmount(amount: string, language: Language, intl = hasLocaleData(language)): string {
  const value = Number(amount.trim().replace(',', '.'));
  if (amount.trim() === '' || !Number.isFinite(value)) return amount;
  return new Intl.NumberFormat(numericLocale(language, intl), {
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format(value);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days from `now` to `date` in `timeZone`: 0 today, 1 tomorrow, -1 yesterday. */
export function calendarDaysBetween(now: Date, date: Date, timeZone?: string): number {
  const a = wallClock(now, timeZone);
  const b = wallClock(date, timeZone);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

export interface DueInfo {
  due: Date | null;
  /** Overdue as the library system says, or because the due day has passed. */
  overdue: boolean;
  /** Days left (negative: days overdue); null without a due date. */
  days: number | null;
}

/** What a loan's due date means today, counted in the station's days. */
export function dueInfo(
  loan: { dueDate: string | null; overdue?: boolean },
  now: Date,
  timeZone?: string,
): DueInfo {
  const due = parseDate(loan.dueDate);
  const days = due === null ? null : calendarDaysBetween(now, due, timeZone);
  return { due, days, overdue: loan.overdue === true || (days !== null && days < 0) };
}

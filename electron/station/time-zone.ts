import { TZDate } from '@date-fns/tz';
import { addDays, endOfDay } from 'date-fns';
import { TimeZone } from './contract/common.js';

/**
 * The station's time zone: where its due dates end, its receipts and exports are dated, and its
 * library system's zone-less SIP2 dates are read. Stations run in Asia/Tashkent and Asia/Almaty;
 * the machine's own clock setting is not trusted to say so (a kiosk image prepared in UTC, a CI
 * runner), so the zone is one value passed down from the station, never read from `Date`'s local
 * methods.
 */

/**
 * The zone a station uses unless one is set: `BITIG_TIME_ZONE`, else the operating system's
 * (what `TZ` or the OS settings say), else UTC.
 */
export function defaultTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.BITIG_TIME_ZONE;
  if (fromEnv && TimeZone.safeParse(fromEnv).success) return fromEnv;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The last second (23:59:59) of the calendar day `days` after the day `from` falls on in
 * `timeZone`: how libraries word "due in 14 days". Calendar days, not 24-hour spans, so a
 * daylight-saving change in between moves nothing.
 */
export function endOfLocalDay(from: Date, days: number, timeZone: string): Date {
  const end = endOfDay(addDays(new TZDate(from.getTime(), timeZone), days));
  // SIP2 and receipts carry whole seconds; 23:59:59.999 would print as the same second anyway.
  return new Date(Math.floor(end.getTime() / 1000) * 1000);
}

/** The wall clock in `timeZone` at `date`: what a person there reads off the clock. */
export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function wallClock(date: Date, timeZone: string): WallClock {
  const z = new TZDate(date.getTime(), timeZone);
  return {
    year: z.getFullYear(),
    month: z.getMonth() + 1,
    day: z.getDate(),
    hour: z.getHours(),
    minute: z.getMinutes(),
    second: z.getSeconds(),
    millisecond: z.getMilliseconds(),
  };
}

/**
 * The instant at which the clock in `timeZone` reads `clock`; null for a reading that does not
 * exist (Feb 30, 25:00). In a daylight-saving gap the reading is moved forward, as clocks are.
 */
export function fromWallClock(clock: Omit<WallClock, 'millisecond'>, timeZone: string): Date | null {
  const { year, month, day, hour, minute, second } = clock;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  const z = new TZDate(year, month - 1, day, hour, minute, second, timeZone);
  return new Date(z.getTime());
}

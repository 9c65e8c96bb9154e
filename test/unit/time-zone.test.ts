import { describe, expect, it } from 'vitest';
import { formatSipDate, parseDueDate, parseSipDate } from '../../electron/station/sip2/codec/dates.js';
import {
  defaultTimeZone,
  endOfLocalDay,
  fromWallClock,
  wallClock,
} from '../../electron/station/time-zone.js';

/** An instant given as the wall clock in Tashkent (UTC+5 all year, no daylight saving). */
const tashkent = (local: string) => new Date(`${local}+05:00`);
/** Almaty moved from UTC+6 to UTC+5 on 1 March 2024. */
const almaty = (local: string, offset = '+05:00') => new Date(`${local}${offset}`);

describe('the end of the loan day in the station zone', () => {
  // The hours the issue names: just after midnight, either side of noon UTC+5 (when a UTC
  // machine's "local" date and Tashkent's agree or not), late evening.
  it.each([
    ['00:20', '2026-12-07T00:20:00'],
    ['11:59', '2026-12-07T11:59:00'],
    ['12:01', '2026-12-07T12:01:00'],
    ['23:40', '2026-12-07T23:40:00'],
  ])('a loan of 14 days made at %s in Tashkent ends on 21 December at 23:59:59 there', (_hour, local) => {
    const due = endOfLocalDay(tashkent(local), 14, 'Asia/Tashkent');
    expect(due.toISOString()).toBe('2026-12-21T18:59:59.000Z');
    expect(wallClock(due, 'Asia/Tashkent')).toMatchObject({
      year: 2026,
      month: 12,
      day: 21,
      hour: 23,
      minute: 59,
    });
  });

  it('runs across a month end and a year end on the calendar, not in 24-hour steps', () => {
    expect(endOfLocalDay(tashkent('2026-01-31T23:40:00'), 1, 'Asia/Tashkent').toISOString()).toBe(
      '2026-02-01T18:59:59.000Z',
    );
    expect(endOfLocalDay(tashkent('2026-12-31T23:40:00'), 14, 'Asia/Tashkent').toISOString()).toBe(
      '2027-01-14T18:59:59.000Z',
    );
    // 29 February exists in 2028.
    expect(endOfLocalDay(tashkent('2028-02-15T00:20:00'), 14, 'Asia/Tashkent').toISOString()).toBe(
      '2028-02-29T18:59:59.000Z',
    );
  });

  it('uses the day it is in Almaty, not on the machine: 00:20 in Almaty is still yesterday in UTC', () => {
    const at = almaty('2026-12-07T00:20:00');
    expect(at.toISOString()).toBe('2026-12-06T19:20:00.000Z');
    expect(endOfLocalDay(at, 14, 'Asia/Almaty').toISOString()).toBe('2026-12-21T18:59:59.000Z');
    expect(endOfLocalDay(at, 14, 'UTC').toISOString()).toBe('2026-12-20T23:59:59.000Z');
  });

  it("follows Almaty's own change of offset (UTC+6 until 1 March 2024)", () => {
    const due = endOfLocalDay(almaty('2024-02-20T12:00:00', '+06:00'), 14, 'Asia/Almaty');
    expect(wallClock(due, 'Asia/Almaty')).toMatchObject({
      month: 3,
      day: 5,
      hour: 23,
      minute: 59,
      second: 59,
    });
    expect(due.toISOString()).toBe('2024-03-05T18:59:59.000Z');
  });

  it('ends at 23:59:59 on both sides of a daylight-saving change, for sites in Europe/Berlin', () => {
    // Summer time began on 29 March 2026 (02:00 → 03:00) and ends on 25 October 2026.
    const spring = endOfLocalDay(new Date('2026-03-25T11:00:00Z'), 7, 'Europe/Berlin');
    expect(spring.toISOString()).toBe('2026-04-01T21:59:59.000Z');
    const autumn = endOfLocalDay(new Date('2026-10-20T11:00:00Z'), 7, 'Europe/Berlin');
    expect(autumn.toISOString()).toBe('2026-10-27T22:59:59.000Z');
    expect(wallClock(spring, 'Europe/Berlin').hour).toBe(23);
    expect(wallClock(autumn, 'Europe/Berlin').hour).toBe(23);
  });
});

describe('wall clocks', () => {
  it('reads back what it was given, and refuses days that do not exist', () => {
    const at = fromWallClock(
      { year: 2026, month: 12, day: 31, hour: 23, minute: 40, second: 0 },
      'Asia/Tashkent',
    );
    expect(at?.toISOString()).toBe('2026-12-31T18:40:00.000Z');
    expect(
      fromWallClock({ year: 2026, month: 2, day: 30, hour: 0, minute: 0, second: 0 }, 'Asia/Tashkent'),
    ).toBe(null);
  });

  it('takes BITIG_TIME_ZONE when it names a zone, else the machine zone', () => {
    expect(defaultTimeZone({ BITIG_TIME_ZONE: 'Asia/Almaty' })).toBe('Asia/Almaty');
    expect(defaultTimeZone({ BITIG_TIME_ZONE: 'Mars/Olympus' })).toBe(
      Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
    expect(defaultTimeZone({ BITIG_TIME_ZONE: '' })).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe('SIP2 dates in the library zone', () => {
  const due = new Date('2026-12-21T18:59:59.000Z');

  it("writes the library's wall clock with a blank zone, or UTC marked Z", () => {
    expect(formatSipDate(due, { timeZone: 'Asia/Tashkent' })).toBe('20261221    235959');
    expect(formatSipDate(due, { timeZone: 'Asia/Almaty' })).toBe('20261221    235959');
    expect(formatSipDate(due, { utc: true })).toBe('20261221   Z185959');
    expect(formatSipDate(due, { timeZone: 'Europe/Berlin' })).toBe('20261221    195959');
  });

  it('reads a zone-less date as the library time, and a Z date as UTC', () => {
    expect(parseSipDate('20261221    235959', { timeZone: 'Asia/Tashkent' })?.toISOString()).toBe(
      due.toISOString(),
    );
    expect(parseSipDate('20261221   Z185959', { timeZone: 'Asia/Tashkent' })?.toISOString()).toBe(
      due.toISOString(),
    );
    expect(parseSipDate('20260230    120000', { timeZone: 'Asia/Tashkent' })).toBe(null);
    expect(parseDueDate('20261221    235959', 'Asia/Almaty')).toBe(due.toISOString());
    expect(parseDueDate('2026-12-21T23:59:59+05:00', 'UTC')).toBe(due.toISOString());
    expect(parseDueDate('  ', 'UTC')).toBe(null);
  });

  it('round-trips every hour of a day that crosses the Berlin change to summer time', () => {
    for (let h = 0; h < 24; h++) {
      const at = new Date(Date.UTC(2026, 2, 28, 20 + h, 15, 0));
      const text = formatSipDate(at, { timeZone: 'Europe/Berlin' });
      expect(parseSipDate(text, { timeZone: 'Europe/Berlin' })?.toISOString()).toBe(at.toISOString());
    }
  });
});

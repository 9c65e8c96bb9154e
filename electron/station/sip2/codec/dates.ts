import { fromWallClock, wallClock } from '../../time-zone.js';

/**
 * SIP2 dates: `YYYYMMDDZZZZHHMMSS`, 18 characters. `ZZZZ` is four blanks for the local time of the
 * ACS (what nearly every server sends) or a zone; the only zone the protocol names is UTC (`   Z`).
 * "Local" is the library's zone, which a station is told (`timeZone`) rather than guessing from
 * the machine it runs on; without one, the machine's zone is used.
 */
export const SIP_DATE_LENGTH = 18;
export const BLANK_DATE = ' '.repeat(SIP_DATE_LENGTH);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export interface SipDateOptions {
  /** Write UTC with the zone `   Z` instead of local time with blanks. */
  utc?: boolean;
  /** The IANA zone of "local time" (the library's); the machine's zone when absent. */
  timeZone?: string | undefined;
}

/** `null` gives 18 blanks (how a fixed date field says "none", e.g. nb due date when not offline). */
export function formatSipDate(date: Date | null, options: SipDateOptions = {}): string {
  if (date === null) return BLANK_DATE;
  if (Number.isNaN(date.getTime())) throw new RangeError('Cannot format an invalid date as a SIP2 date');
  if (options.utc) {
    return (
      pad(date.getUTCFullYear(), 4) +
      pad(date.getUTCMonth() + 1, 2) +
      pad(date.getUTCDate(), 2) +
      '   Z' +
      pad(date.getUTCHours(), 2) +
      pad(date.getUTCMinutes(), 2) +
      pad(date.getUTCSeconds(), 2)
    );
  }
  if (options.timeZone) {
    const c = wallClock(date, options.timeZone);
    return (
      pad(c.year, 4) +
      pad(c.month, 2) +
      pad(c.day, 2) +
      '    ' +
      pad(c.hour, 2) +
      pad(c.minute, 2) +
      pad(c.second, 2)
    );
  }
  return (
    pad(date.getFullYear(), 4) +
    pad(date.getMonth() + 1, 2) +
    pad(date.getDate(), 2) +
    '    ' +
    pad(date.getHours(), 2) +
    pad(date.getMinutes(), 2) +
    pad(date.getSeconds(), 2)
  );
}

const SIP_DATE = /^(\d{4})(\d{2})(\d{2})(.{4})(\d{2})(\d{2})(\d{2})$/;
const UTC_ZONES = new Set(['Z', 'UTC', 'GMT']);

/**
 * Reads a SIP2 date; `null` for blanks, a malformed value, an impossible date (Feb 30) or a zone
 * other than local or UTC: a wrong instant would be worse than none, and callers keep the raw text.
 */
export function parseSipDate(text: string, options: Pick<SipDateOptions, 'timeZone'> = {}): Date | null {
  const m = SIP_DATE.exec(text);
  if (!m) return null;
  const [year, month, day, zone, hour, minute, second] = [
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    m[4] as string,
    Number(m[5]),
    Number(m[6]),
    Number(m[7]),
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const zoneName = zone.trim().toUpperCase();
  let date: Date;
  if (zoneName === '' && options.timeZone) {
    const local = fromWallClock({ year, month, day, hour, minute, second }, options.timeZone);
    if (!local) return null;
    date = local;
  } else if (zoneName === '') {
    date = new Date(year, month - 1, day, hour, minute, second);
    if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  } else if (UTC_ZONES.has(zoneName)) {
    date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  } else {
    return null;
  }
  return date;
}

/**
 * A due date as a library system sends it in a variable field (`AH`): a SIP2 date (most servers),
 * or an ISO date some send instead; the instant as ISO text, or null when unreadable or absent.
 * `timeZone`: the library's, for SIP2 dates without a zone.
 */
export function parseDueDate(text: string | undefined, timeZone?: string): string | null {
  if (!text?.trim()) return null;
  const sip = parseSipDate(text, { timeZone });
  if (sip) return sip.toISOString();
  const iso = Date.parse(text);
  return Number.isNaN(iso) ? null : new Date(iso).toISOString();
}

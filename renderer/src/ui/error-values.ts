import type { ContractError } from '@contract/index.js';

/** A lock's end as the station's clock shows it (its zone, not the browser's), e.g. "21:05". */
export function retryTime(error: ContractError, language: string): string {
  if (!error.retryAt) return '';
  const format = (locale: string) =>
    new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: error.retryAt!.timeZone,
    }).format(new Date(error.retryAt!.at));
  try {
    return format(language);
  } catch {
    // An unknown zone name from an older station: the browser's own zone is the best guess left.
    return new Date(error.retryAt.at).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
  }
}

/** The terminal command that sets the staff PIN: named in messages, never translated. */
export const SET_STAFF_PIN_COMMAND = 'bitig admin set-staff-pin';

/** `named` in the catalog's messages: `yes` when the error names its source (ICU select keys). */
export const SOURCE_NAMED = 'yes';
export const SOURCE_UNNAMED = 'no';

// A type, not an interface: i18next's options want an index signature, which only aliases get.
export type ErrorValues = {
  time: string;
  command: string;
  /** The catalog source concerned, and whether there is one (messages say "the catalogue" without). */
  source: string;
  named: string;
};

/**
 * The values an error's message may name: when a lock ends, the command that sets a staff PIN, the
 * catalog source that failed.
 */
export function errorValues(error: ContractError, language: string): ErrorValues {
  return {
    time: retryTime(error, language),
    command: SET_STAFF_PIN_COMMAND,
    source: error.source ?? '',
    named: error.source ? SOURCE_NAMED : SOURCE_UNNAMED,
  };
}

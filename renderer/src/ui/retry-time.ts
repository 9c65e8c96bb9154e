import type { ContractError } from '../../../electron/station/contract.js';

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

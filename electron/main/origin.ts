import { APP_ORIGIN } from '../station/contract/index.js';

const APP_URL = new URL(`${APP_ORIGIN}/`);

/**
 * True when `url` belongs to the app's own origin (`app://bitig`). WHATWG URL gives every
 * non-special scheme the opaque origin "null", so `url.origin` cannot be compared; scheme and host
 * are compared instead, and credentials or a port (which our origin never has) disqualify a URL.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === APP_URL.protocol &&
    // Chromium lowercases the host of a standard scheme; Node's URL does not for non-special ones.
    parsed.hostname.toLowerCase() === APP_URL.hostname &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The scheme's name without the colon, for protocol registration. */
export const APP_SCHEME = APP_URL.protocol.slice(0, -1);
/** The only host the scheme serves. */
export const APP_HOST = APP_URL.hostname;
/** What every window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

/**
 * The origin of `url` as a page would state it: `app://bitig` for ours (where WHATWG would say
 * "null"), the usual origin for http(s), and '' when there is none to give.
 */
export function originOf(url: string | null | undefined): string {
  if (isAppUrl(url)) return APP_ORIGIN;
  try {
    const origin = new URL(url ?? '').origin;
    return origin === 'null' ? '' : origin;
  } catch {
    return '';
  }
}

import { TOKEN_PARAM, WS_PATH } from '@contract/wire.js';

/** sessionStorage key: the token survives a reload of `/` but not the closing of the tab. */
export const TOKEN_STORAGE_KEY = 'bitig.token';

export interface TokenEnvironment {
  location: { href: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string | URL | null): void };
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/**
 * The web host's access token: taken from the page URL's `token` query parameter (then kept in
 * sessionStorage and removed from the address bar, so it is not bookmarked, shared or shown), or,
 * after a reload, from sessionStorage. Null when there is none.
 */
export function takeToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    try {
      env.storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage may be unavailable (privacy settings); the token still works for this page.
    }
    url.searchParams.delete(TOKEN_PARAM);
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return env.storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The WebSocket URL of the host that served this page. */
export function socketUrl(location: { protocol: string; host: string }, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token === null ? '' : `?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
  return `${scheme}://${location.host}${WS_PATH}${query}`;
}

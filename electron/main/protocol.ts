/**
 * The `app://bitig/` scheme the UI is served from. A real origin (not file://) gives the page a
 * proper same-origin policy, lets the CSP say 'self', and lets the IPC sender check name exactly one
 * origin. Files come only from the built renderer folder, through the same `resolveStatic` the web
 * host uses, so both hosts refuse the same paths.
 */
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, contentType, resolveStatic } from '../station/web/static-files.js';
import { APP_HOST, APP_SCHEME } from './origin.js';

/**
 * Must run before `app` is ready: Chromium fixes a scheme's privileges at startup. `standard` gives
 * the scheme hosts, relative URLs and an origin; `secure` makes it a secure context (needed for
 * camera access later); `supportFetchAPI` lets the page fetch its own assets (locales, fonts).
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Headers every response carries, errors included, so no page of ours is ever without the CSP. */
function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Answers one app:// request. Exported apart from the registration so tests can drive it with
 * plain `Request`s. Anything that is not a GET/HEAD for host `bitig` of a file inside `root` is
 * refused; a path that would leave the root (`..`, encoded separators or dots, backslashes, NUL,
 * symlinks out) is a 404, the same answer as a missing file, so the page learns nothing about the
 * disk.
 */
export function createAppHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST || url.port !== '') {
      return plain(404, 'Not found');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method not allowed');
    }
    let file: string | null;
    try {
      file = resolveStatic(root, url.pathname);
    } catch {
      // The renderer was not built (root missing): say so plainly rather than crash the handler.
      return plain(404, 'Not found');
    }
    if (file === null) return plain(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...baseHeaders(), 'Content-Type': contentType(file), 'Content-Length': String(body.length) },
    });
  };
}

/** Serves the built renderer at `rendererRoot` on app://bitig/. Call after `app` is ready. */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererRoot: string): void {
  const handler = createAppHandler(rendererRoot);
  protocol.handle(APP_SCHEME, (request) => handler(request));
}

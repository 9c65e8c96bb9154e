import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * Content Security Policy for every page of the UI, in both hosts. Scripts and styles come only from
 * our own origin; `connect-src 'self'` covers the web host's same-origin WebSocket.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file under `root`, or null when the path would leave it (`..`, encoded
 * separators, NUL, or a symlink pointing outside). `/` and unknown extension-less paths map to
 * index.html so the single-page app can own its routes.
 */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rootReal = realpathSync(root);
  const relative = decoded.replace(/^\/+/, '');
  if (relative.split('/').some((part) => part === '..')) return null;
  const candidate = path.resolve(rootReal, relative || 'index.html');
  if (candidate !== rootReal && !candidate.startsWith(rootReal + path.sep)) return null;
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    // Client-side routes have no extension; real assets that are missing stay missing.
    return path.extname(relative) ? null : path.join(rootReal, 'index.html');
  }
  if (real !== rootReal && !real.startsWith(rootReal + path.sep)) return null;
  if (real === rootReal) return path.join(rootReal, 'index.html');
  return real;
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { type AddressInfo, isIP, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { TOPICS } from '../contract/index.js';
import { TOKEN_PARAM, type WireEvent, type WireReply, WS_PATH } from '../contract/wire.js';
import type { Dispatch } from '../dispatch.js';
import { StationError } from '../errors.js';
import type { EventHub } from '../events.js';
import { CONTENT_SECURITY_POLICY, contentType, resolveStatic } from './static-files.js';

export interface WebHostOptions {
  /**
   * The station's contract, as the hosts see it; `packagePdfFile` finds a job's package PDF (an
   * absolute path the core has checked is in its packages folder) for `/packages/<jobId>/pdf`.
   */
  station: { dispatch: Dispatch; events: EventHub; packagePdfFile?(jobId: number): string | null };
  /** Folder of the built renderer (index.html and assets). */
  rendererRoot: string;
  /** Interface to bind; loopback unless `allowRemote` and TLS are given. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Required to bind anything but loopback: a person on the network must not see PINs in clear. */
  tls?: { cert: string; key: string };
  allowRemote?: boolean;
  /**
   * The names (or addresses) screens use to reach the station from other machines, e.g.
   * `station-3.library.local` or `192.168.1.20`. Requests are only answered when their `Host` is one
   * of ours (DNS rebinding); the first name is the one printed in the URL.
   */
  hostNames?: string[];
  /** A fixed token (tests); otherwise a fresh random one per run. */
  token?: string;
  /** Open WebSockets at most (default MAX_SOCKETS); further upgrades are refused with 503. */
  maxSockets?: number;
  /** How often each WebSocket is pinged; one that has not answered the last ping is dropped. */
  heartbeatMs?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** Settles if the server fails after it started listening; `serve` then closes and exits. */
  failed: Promise<Error>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const WILDCARD = new Set(['0.0.0.0', '::']);
/** Room for a camera photo (`scan.addFrame`, up to MAX_FRAME_BASE64) and its envelope. */
export const MAX_PHOTO_MESSAGE_BYTES = 48 * 1024 * 1024;
/** Every other method's input is a few kilobytes at most. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** The method allowed to send MAX_PHOTO_MESSAGE_BYTES. */
const PHOTO_METHOD = 'scan.addFrame';
/**
 * How a photo message must begin: `{"id":<n>,"method":"scan.addFrame",` (what `JSON.stringify` of
 * a `WireRequest` built in that key order gives, as the renderer's client does).
 */
const PHOTO_PREFIX = /^\{"id":\d{1,16},"method":"scan\.addFrame",/;
/**
 * A station has a screen or two; tests and reloads open a few more. The cap bounds what token holders
 * can make us hold (each socket may buffer a message up to MAX_PHOTO_MESSAGE_BYTES).
 */
export const MAX_SOCKETS = 16;
/** Dead peers (a kiosk switched off mid-connection) must not fill the socket cap for ever. */
const HEARTBEAT_MS = 30_000;
/** TCP connections at most (HTTP, pending upgrades and WebSockets together). */
const MAX_CONNECTIONS = 256;

export class WebHostConfigError extends Error {}

/**
 * The web host: serves the built renderer over HTTP and the contract over a WebSocket. The token
 * keeps other local programs and web pages from driving the station; the Origin and Host checks
 * stop a page on another site (or a DNS-rebinding trick) from using a token it has seen.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const bindHost = options.host ?? '127.0.0.1';
  const remote = !LOOPBACK.has(bindHost);
  if (remote && !options.allowRemote) {
    throw new WebHostConfigError(
      `Refusing to listen on ${bindHost}: other interfaces need --allow-remote and TLS.`,
    );
  }
  if (remote && !options.tls) {
    throw new WebHostConfigError(
      `Refusing to listen on ${bindHost} without TLS: give --tls-cert and --tls-key.`,
    );
  }
  if (!fs.existsSync(`${options.rendererRoot}/index.html`)) {
    throw new WebHostConfigError(
      `The screens are not built (no index.html in ${options.rendererRoot}): run npm run build.`,
    );
  }
  const names = [...(options.hostNames ?? []).map(hostName), ...ownNames(bindHost)];
  const token = options.token ?? randomBytes(24).toString('base64url');
  const scheme = options.tls ? 'https' : 'http';
  const maxSockets = options.maxSockets ?? MAX_SOCKETS;

  let allowedHosts = new Set<string>();
  // A connection that never finishes its request headers is dropped (checked every 2 s), so idle
  // sockets cannot pile up.
  const timeouts = { headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 2_000 };
  const server = options.tls ? createTlsServer(options.tls, timeouts) : http.createServer(timeouts);
  server.maxConnections = MAX_CONNECTIONS;

  server.on('connection', (socket: Socket) => {
    // A peer may reset at any moment (also while we answer); that must end its socket, not the process.
    socket.on('error', () => socket.destroy());
  });
  server.on('request', (req, res) => {
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase()))
      return deny(res, 421, 'Misdirected request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed');
    const rawPath = (req.url ?? '/').split('?')[0]!;
    if (isPackagesPath(rawPath)) {
      servePackagePdf(req, res, rawPath, token, options.station);
      return;
    }
    const file = resolveStatic(options.rendererRoot, req.url ?? '/');
    if (!file) return deny(res, 404, 'Not found');
    fs.readFile(file, (err, body) => {
      if (err) return deny(res, 404, 'Not found');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': contentType(file),
        'Content-Length': body.length,
        'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });

  // ws enforces one maxPayload per connection, while it reads the frame headers. It has to be the
  // photo's size, or a photo could never arrive; the smaller limit for every other method is kept in
  // serveConnection before anything is parsed. Only token holders get this far, and at most
  // maxSockets of them, so the memory large messages can take stays bounded.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PHOTO_MESSAGE_BYTES,
    perMessageDeflate: false,
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const refusal =
      checkUpgrade(req, token, allowedHosts, scheme) ??
      (wss.clients.size >= maxSockets ? { status: 503, reason: 'Service Unavailable' } : null);
    if (refusal) return refuseUpgrade(socket, refusal);
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      serveConnection(ws, options.station);
    });
  });
  const alive = new WeakMap<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
      } else if (ws.readyState === WebSocket.OPEN) {
        alive.set(ws, false);
        ws.ping();
      }
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, bindHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    clearInterval(heartbeat);
    throw err;
  }
  const failed = new Promise<Error>((resolve) => server.once('error', resolve));
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set(names.flatMap((name) => hostHeaders(name, port, scheme)));

  return {
    url: `${scheme}://${names[0]}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    failed,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

function createTlsServer(tls: { cert: string; key: string }, options: https.ServerOptions): https.Server {
  let files: { cert: Buffer; key: Buffer };
  try {
    files = { cert: fs.readFileSync(tls.cert), key: fs.readFileSync(tls.key) };
  } catch (err) {
    throw new WebHostConfigError(`Cannot read the TLS certificate or key: ${(err as Error).message}`);
  }
  try {
    return https.createServer({ ...options, ...files });
  } catch (err) {
    throw new WebHostConfigError(
      `The TLS certificate or key is not usable (PEM files that belong together are needed): ${(err as Error).message}`,
    );
  }
}

/** A `--host-name` as it appears in a Host header: lower case, IPv6 in brackets, no port. */
function hostName(name: string): string {
  const bare = name
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) === 6) return `[${bare}]`;
  if (
    isIP(bare) === 4 ||
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/.test(bare)
  )
    return bare;
  throw new WebHostConfigError(
    `Not a host name or address: "${name}" (give the name alone, e.g. station.library.local, without a port).`,
  );
}

/**
 * The names that reach the bound interface. Bound to all interfaces (0.0.0.0 or ::), those are the
 * machine's own addresses: a DNS-rebinding page comes with its own domain name, never one of them.
 */
function ownNames(bindHost: string): string[] {
  const loopback = ['127.0.0.1', 'localhost', '[::1]'];
  if (LOOPBACK.has(bindHost)) return loopback;
  if (!WILDCARD.has(bindHost)) return [hostName(bindHost)];
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter(
      (info) => info !== undefined && !info.internal && !(bindHost === '0.0.0.0' && info.family !== 'IPv4'),
    )
    .sort((a, b) => (a!.family === b!.family ? 0 : a!.family === 'IPv4' ? -1 : 1))
    .map((info) => hostName(info!.address.replace(/%.*$/, '')));
  return [...addresses, ...loopback];
}

/** Browsers leave the port out of Host when it is the scheme's default. */
function hostHeaders(name: string, port: number, scheme: string): string[] {
  const standard = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return standard ? [`${name}:${port}`, name] : [`${name}:${port}`];
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Everything under /packages, however spelled (`/packages%2F3`, `//packages/…`, upper case), is the
 * package route's: never the renderer's files or the app's index.html fallback.
 */
function isPackagesPath(rawPath: string): boolean {
  let decoded = rawPath;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    // Malformed escapes: judged as written.
  }
  return [rawPath, decoded].some((p) => /^[/\\]+packages([/\\]|$)/i.test(p));
}

/**
 * The one path the package route answers, matched on the request's raw path (not decoded, not
 * normalized): only the digits of a job id come from the URL; the file is the job's stored package.
 */
const PACKAGE_PDF_PATH = /^\/packages\/([1-9]\d{0,11})\/pdf$/;

/**
 * `GET /packages/<jobId>/pdf?token=…`: the job's package PDF, with the access token as the WebSocket
 * takes it (401 without it, before anything about the job is told); 404 for any other path under
 * /packages/ or a job without a packaged PDF. One byte range (`Range: bytes=…`) is honoured.
 */
function servePackagePdf(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rawPath: string,
  token: string,
  station: WebHostOptions['station'],
): void {
  const query = new URLSearchParams((req.url ?? '').split('?').slice(1).join('?'));
  if (!sameSecret(query.get(TOKEN_PARAM) ?? '', token)) {
    deny(res, 401, 'Unauthorized');
    return;
  }
  const match = PACKAGE_PDF_PATH.exec(rawPath);
  const jobId = match ? Number(match[1]) : 0;
  let file: string | null = null;
  try {
    file = Number.isSafeInteger(jobId) && jobId > 0 ? (station.packagePdfFile?.(jobId) ?? null) : null;
  } catch {
    file = null;
  }
  if (!file) {
    deny(res, 404, 'Not found');
    return;
  }
  const found = file;
  fs.promises.open(found, 'r').then(
    async (handle) => {
      try {
        const { size } = await handle.stat();
        const range = byteRange(req.headers.range, size);
        if (range === 'unsatisfiable') {
          await handle.close();
          res.writeHead(416, { ...PDF_HEADERS, 'Content-Range': `bytes */${size}` });
          res.end();
          return;
        }
        const { start, end } = range ?? { start: 0, end: size - 1 };
        res.writeHead(range ? 206 : 200, {
          ...PDF_HEADERS,
          'Content-Disposition': `inline; filename="${path.basename(found).replace(/[^A-Za-z0-9._-]/g, '_')}"`,
          'Content-Length': Math.max(0, end - start + 1),
          ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
        });
        if (req.method === 'HEAD' || size === 0) {
          await handle.close();
          res.end();
          return;
        }
        const stream = handle.createReadStream({ start, end });
        stream.on('error', () => res.destroy());
        res.on('close', () => stream.destroy());
        stream.pipe(res);
      } catch {
        await handle.close().catch(() => undefined);
        if (res.headersSent) res.destroy();
        else deny(res, 404, 'Not found');
      }
    },
    () => deny(res, 404, 'Not found'),
  );
}

/** The package PDF's headers: a PDF viewer needs neither the app's CSP nor framing. */
const PDF_HEADERS = {
  'Content-Type': 'application/pdf',
  'Accept-Ranges': 'bytes',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  // The address carries the token: it must not travel on as a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** One `bytes=` range of a file of `size` bytes; null: the whole file (no header, or several ranges). */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function deny(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

interface Refusal {
  status: 401 | 403 | 404 | 421 | 503;
  reason: string;
}

function checkUpgrade(
  req: http.IncomingMessage,
  token: string,
  hosts: Set<string>,
  scheme: string,
): Refusal | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return { status: 421, reason: 'Misdirected Request' };
  const url = new URL(req.url ?? '/', `${scheme}://${host}`);
  if (url.pathname !== WS_PATH) return { status: 404, reason: 'Not Found' };
  // Programs without a browser send no Origin; a browser always does, and it must be ours.
  const origin = req.headers.origin;
  if (origin !== undefined && ![...hosts].some((h) => origin === `${scheme}://${h}`)) {
    return { status: 403, reason: 'Forbidden' };
  }
  if (!sameSecret(url.searchParams.get(TOKEN_PARAM) ?? '', token))
    return { status: 401, reason: 'Unauthorized' };
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Answers a refused upgrade and lets the socket go: a peer that never reads must not keep it open. */
function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  socket.end(
    `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    () => socket.destroy(),
  );
  // end() waits for the peer to read; it may never do so, so give it a moment, not forever.
  setTimeout(() => socket.destroy(), 1000).unref();
}

function serveConnection(ws: WebSocket, station: WebHostOptions['station']): void {
  // ws reports a bad frame (invalid UTF-8, over maxPayload, a protocol error) as an 'error' event and
  // closes the connection itself; without a listener the event would end the process.
  ws.on('error', () => ws.terminate());
  const unsubscribe = TOPICS.map((topic) =>
    station.events.on(topic, (payload) => send(ws, { topic, payload } satisfies WireEvent)),
  );
  ws.on('close', () => {
    for (const off of unsubscribe) off();
  });
  ws.on('message', async (data, isBinary) => {
    const bytes = toBuffer(data);
    if (bytes.length > MAX_MESSAGE_BYTES && !PHOTO_PREFIX.test(bytes.subarray(0, 64).toString('latin1'))) {
      ws.close(1009, 'Message too big');
      return;
    }
    const request = isBinary ? null : parseRequest(bytes.toString());
    if (!request) {
      ws.close(1007, 'Malformed request');
      return;
    }
    // The prefix is a cheap look before parsing; the parsed method is what counts (a repeated
    // "method" key would otherwise slip a large input past it).
    if (bytes.length > MAX_MESSAGE_BYTES && request.method !== PHOTO_METHOD) {
      ws.close(1009, 'Message too big');
      return;
    }
    try {
      const result = await station.dispatch(request.method, request.input);
      send(ws, { id: request.id, result } satisfies WireReply);
    } catch {
      // dispatch answers errors as values; anything thrown past it ends this request, not the host.
      const error = new StationError('INTERNAL', 'The station could not answer this request.');
      send(ws, { id: request.id, result: { ok: false, error: error.toContract() } } satisfies WireReply);
    }
  });
}

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function parseRequest(text: string): { id: number; method: unknown; input: unknown } | null {
  try {
    const value = JSON.parse(text) as { id?: unknown; method?: unknown; input?: unknown };
    if (typeof value !== 'object' || value === null || !Number.isSafeInteger(value.id)) return null;
    return { id: value.id as number, method: value.method, input: value.input };
  } catch {
    return null;
  }
}

function send(ws: WebSocket, message: WireReply | WireEvent): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
}

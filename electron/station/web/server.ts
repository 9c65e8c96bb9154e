import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { TOPICS } from '../contract.js';
import type { Dispatch } from '../dispatch.js';
import type { EventHub } from '../events.js';
import { TOKEN_PARAM, type WireEvent, type WireReply, WS_PATH } from '../wire.js';
import { CONTENT_SECURITY_POLICY, contentType, resolveStatic } from './static-files.js';

export interface WebHostOptions {
  /** The station's contract, as the hosts see it. */
  station: { dispatch: Dispatch; events: EventHub };
  /** Folder of the built renderer (index.html and assets). */
  rendererRoot: string;
  /** Interface to bind; loopback unless `allowRemote` and TLS are given. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Required to bind anything but loopback: a person on the network must not see PINs in clear. */
  tls?: { cert: string; key: string };
  allowRemote?: boolean;
  /** A fixed token (tests); otherwise a fresh random one per run. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** Room for a camera photo (`scan.addFrame`, up to MAX_FRAME_BASE64) and its envelope. */
const MAX_FRAME_BYTES = 48 * 1024 * 1024;

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
  const token = options.token ?? randomBytes(24).toString('base64url');
  const scheme = options.tls ? 'https' : 'http';

  let allowedHosts = new Set<string>();
  const server = options.tls
    ? https.createServer({ cert: fs.readFileSync(options.tls.cert), key: fs.readFileSync(options.tls.key) })
    : http.createServer();

  server.on('request', (req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) return deny(res, 421, 'Misdirected request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed');
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

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const refusal = checkUpgrade(req, token, allowedHosts, scheme);
    if (refusal) return refuseUpgrade(socket, refusal);
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, options.station));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const names = remote ? [bindHost] : ['127.0.0.1', 'localhost', '[::1]'];
  allowedHosts = new Set(names.map((name) => `${name}:${port}`));
  const urlHost = bindHost === '::1' ? '[::1]' : bindHost;

  return {
    url: `${scheme}://${urlHost}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function deny(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

interface Refusal {
  status: 401 | 403 | 404 | 421;
  reason: string;
}

function checkUpgrade(
  req: http.IncomingMessage,
  token: string,
  hosts: Set<string>,
  scheme: string,
): Refusal | null {
  const host = req.headers.host ?? '';
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

function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  socket.end(
    `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}

function serveConnection(ws: WebSocket, station: WebHostOptions['station']): void {
  const unsubscribe = TOPICS.map((topic) =>
    station.events.on(topic, (payload) => send(ws, { topic, payload } satisfies WireEvent)),
  );
  ws.on('close', () => {
    for (const off of unsubscribe) off();
  });
  ws.on('message', async (data, isBinary) => {
    const request = isBinary ? null : parseRequest(data.toString());
    if (!request) {
      ws.close(1007, 'Malformed request');
      return;
    }
    const result = await station.dispatch(request.method, request.input);
    send(ws, { id: request.id, result } satisfies WireReply);
  });
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

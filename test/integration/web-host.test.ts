import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { WireEvent, WireReply } from '@contract/wire.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Result } from '../../electron/station/contract/index.js';
import { Station } from '../../electron/station/station.js';
import {
  MAX_MESSAGE_BYTES,
  startWebHost,
  type WebHost,
  WebHostConfigError,
} from '../../electron/station/web/server.js';
import { openRaw } from '../helpers/raw-websocket.js';

let dir: string;
let rendererRoot: string;
let station: Station;
let host: WebHost;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-web-'));
  rendererRoot = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>ok</title>');
  fs.writeFileSync(path.join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  station = Station.open({ dataDir: path.join(dir, 'data'), host: 'web' });
  host = await startWebHost({ station, rendererRoot });
});

afterAll(async () => {
  await host.close();
  station.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function wsUrl(token: string | null, hostName = '127.0.0.1'): string {
  return `ws://${hostName}:${host.port}/api${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** Opens a socket; resolves with it when open, or with the HTTP status the upgrade was refused with. */
function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, input: unknown): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as WireReply | WireEvent;
      if ('id' in msg && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

function get(
  urlPath: string,
  hostHeader = `127.0.0.1:${host.port}`,
): Promise<{ status: number; body: string; csp?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: urlPath, headers: { host: hostHeader } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            csp: res.headers['content-security-policy'] as string | undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  it('listens on loopback and prints a URL carrying the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('round-trips a contract method and publishes its event to connected screens', async () => {
    const ws = await connect(wsUrl(host.token), { origin: `http://127.0.0.1:${host.port}` });
    expect(ws).toBeInstanceOf(WebSocket);
    const socket = ws as WebSocket;
    const event = new Promise<WireEvent>((resolve) =>
      socket.on('message', (d) => {
        const msg = JSON.parse(d.toString());
        if ('topic' in msg) resolve(msg);
      }),
    );
    const result = await call(socket, 1, 'settings.setLanguage', { language: 'uz-Cyrl' });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ language: 'uz-Cyrl', setupComplete: false }),
    });
    expect(await event).toEqual({
      topic: 'settings.changed',
      payload: expect.objectContaining({ language: 'uz-Cyrl' }),
    });
    expect(station.settings.get().language).toBe('uz-Cyrl');
    socket.close();
  });

  it('answers bad input with a validation error naming the field, and unknown methods with UNKNOWN_METHOD', async () => {
    const socket = (await connect(wsUrl(host.token))) as WebSocket;
    const bad = await call(socket, 7, 'setup.complete', { role: 'librarian', language: 'en', mode: 'demo' });
    expect(bad).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'VALIDATION', fields: ['role'] }),
    });
    const unknown = await call(socket, 8, 'fs.readFile', { path: '/etc/passwd' });
    expect(unknown).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }) });
    socket.close();
  });

  it('refuses a WebSocket without the token or with a wrong one', async () => {
    expect(await connect(wsUrl(null))).toBe(401);
    expect(await connect(wsUrl(`${host.token.slice(0, -1)}x`))).toBe(401);
  });

  it('refuses a WebSocket from another origin even with the token', async () => {
    expect(await connect(wsUrl(host.token), { origin: 'https://evil.example' })).toBe(403);
    expect(await connect(wsUrl(host.token), { origin: `http://127.0.0.1:${host.port + 1}` })).toBe(403);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', `evil.example:${host.port}`)).status).toBe(421);
    expect(await connect(wsUrl(host.token), { host: `evil.example:${host.port}` })).toBe(421);
  });

  it('serves the screens with the CSP and never a file outside them', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>ok</title>');
    expect(index.csp).toContain("script-src 'self'");
    expect((await get('/assets/app.js')).body).toBe('console.log(1)');
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%5c..%5csecret.txt',
    ]) {
      const res = await get(attempt);
      expect(res.body).not.toContain('do not serve');
    }
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('will not listen on another interface without --allow-remote and TLS', async () => {
    await expect(startWebHost({ station, rendererRoot, host: '0.0.0.0' })).rejects.toThrow(
      WebHostConfigError,
    );
    await expect(startWebHost({ station, rendererRoot, host: '0.0.0.0', allowRemote: true })).rejects.toThrow(
      /TLS/,
    );
  });

  it('takes a large message only for scan.addFrame: any other method over 1 MiB closes the socket (1009)', async () => {
    const big = 'A'.repeat(MAX_MESSAGE_BYTES + 1024);
    const photo = (await connect(wsUrl(host.token))) as WebSocket;
    const reply = await call(photo, 1, 'scan.addFrame', {
      jobId: 999_999,
      image: big,
      mimeType: 'image/jpeg',
    });
    // Whatever the station says about the job, it answered: the size was allowed for this method.
    expect(reply).toHaveProperty('ok');
    expect(photo.readyState).toBe(WebSocket.OPEN);
    photo.close();

    for (const text of [
      JSON.stringify({ id: 2, method: 'settings.setLanguage', input: { language: big } }),
      // The photo's prefix, then a second "method" key that JSON.parse would keep: still refused.
      `{"id":3,"method":"scan.addFrame","method":"settings.setLanguage","input":{"language":"${big}"}}`,
      JSON.stringify({
        method: 'scan.addFrame',
        id: 4,
        input: { jobId: 1, image: big, mimeType: 'image/png' },
      }),
    ]) {
      const socket = (await connect(wsUrl(host.token))) as WebSocket;
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      socket.send(text);
      expect(await closed).toBe(1009);
    }
    expect(station.settings.get().language).not.toBe(big);
    // The host itself is unharmed.
    const after = (await connect(wsUrl(host.token))) as WebSocket;
    expect(await call(after, 5, 'settings.get', {})).toMatchObject({ ok: true });
    after.close();
  });

  it('caps the open WebSockets: past the cap an upgrade is refused with 503 until one closes', async () => {
    const capped = await startWebHost({ station, rendererRoot, maxSockets: 2 });
    try {
      const url = `ws://127.0.0.1:${capped.port}/api?token=${capped.token}`;
      const first = (await connect(url)) as WebSocket;
      const second = (await connect(url)) as WebSocket;
      expect(await connect(url)).toBe(503);
      const closed = new Promise((resolve) => first.once('close', resolve));
      first.close();
      await closed;
      await new Promise((r) => setTimeout(r, 50));
      const third = await connect(url);
      expect(third).toBeInstanceOf(WebSocket);
      second.close();
      (third as WebSocket).close();
    } finally {
      await capped.close();
    }
  });

  it('drops a WebSocket whose peer stopped answering pings, and keeps one that answers', async () => {
    const beating = await startWebHost({ station, rendererRoot, heartbeatMs: 100 });
    try {
      // A browser (here the ws client) answers pings by itself; the raw socket never does.
      const live = (await connect(`ws://127.0.0.1:${beating.port}/api?token=${beating.token}`)) as WebSocket;
      const silent = await openRaw(beating.port, `/api?token=${beating.token}`);
      expect(silent.response).toMatch(/^HTTP\/1\.1 101/);
      let silentClosedAt = 0;
      void silent.closed.then(() => (silentClosedAt = Date.now()));
      const started = Date.now();
      await new Promise((r) => setTimeout(r, 600));
      expect(silentClosedAt - started).toBeGreaterThan(0);
      expect(live.readyState).toBe(WebSocket.OPEN);
      live.close();
    } finally {
      await beating.close();
    }
  });

  it('answers to the host names it is given, prints the first in its URL, and refuses a name that is not one', async () => {
    const named = await startWebHost({ station, rendererRoot, hostNames: ['Station-3.Library.local'] });
    try {
      expect(named.url).toMatch(new RegExp(`^http://station-3\\.library\\.local:${named.port}/\\?token=`));
      const status = (hostHeader: string) =>
        new Promise<number>((resolve, reject) => {
          http
            .get({ host: '127.0.0.1', port: named.port, path: '/', headers: { host: hostHeader } }, (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            })
            .on('error', reject);
        });
      expect(await status(`station-3.library.local:${named.port}`)).toBe(200);
      expect(await status(`STATION-3.library.local:${named.port}`)).toBe(200);
      expect(await status(`127.0.0.1:${named.port}`)).toBe(200);
      expect(await status(`station-4.library.local:${named.port}`)).toBe(421);
    } finally {
      await named.close();
    }
    await expect(startWebHost({ station, rendererRoot, hostNames: ['station:8080'] })).rejects.toThrow(
      /Not a host name/,
    );
  });
});

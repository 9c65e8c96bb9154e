import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Result } from '../../electron/station/contract.js';
import { Station } from '../../electron/station/station.js';
import { startWebHost, type WebHost, WebHostConfigError } from '../../electron/station/web/server.js';
import type { WireEvent, WireReply } from '../../electron/station/wire.js';

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
});

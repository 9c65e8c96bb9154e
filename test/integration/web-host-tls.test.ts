import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Station } from '../../electron/station/station.js';
import { startWebHost, type WebHost } from '../../electron/station/web/server.js';

/**
 * The web host on another interface: only with --allow-remote and TLS. 127.0.0.2 is not one of the
 * loopback names the host trusts by default, so it takes the same path as a LAN address would.
 * CI installs openssl, which makes the certificate.
 */
let dir: string;
let station: Station;
let host: WebHost;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-web-tls-'));
  const renderer = path.join(dir, 'renderer');
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>tls</title>');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.2',
      '-addext',
      'subjectAltName=IP:127.0.0.2',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  station = Station.open({ dataDir: path.join(dir, 'data'), host: 'web' });
  host = await startWebHost({
    station,
    rendererRoot: renderer,
    host: '127.0.0.2',
    port: 0,
    allowRemote: true,
    tls: { cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') },
  });
});
afterAll(async () => {
  await host.close();
  await station.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('web host over TLS on another interface', () => {
  it('prints an https URL, serves the screens over TLS, and answers the contract over wss with the token', async () => {
    expect(host.url).toMatch(/^https:\/\/127\.0\.0\.2:\d+\/\?token=/);
    const ca = fs.readFileSync(path.join(dir, 'cert.pem'));
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`https://127.0.0.2:${host.port}/`, { ca }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    expect(body).toContain('<title>tls</title>');

    const ws = new WebSocket(`wss://127.0.0.2:${host.port}/api?token=${host.token}`, {
      ca,
      headers: { origin: `https://127.0.0.2:${host.port}` },
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = await new Promise<{ id: number; result: { ok: boolean } }>((resolve) => {
      ws.once('message', (d) => resolve(JSON.parse(d.toString())));
      ws.send(JSON.stringify({ id: 1, method: 'settings.get', input: {} }));
    });
    expect(reply).toMatchObject({ id: 1, result: { ok: true } });
    ws.close();
  });

  it("bound to all interfaces, answers to its --host-name and the machine's own addresses, not to 0.0.0.0 or another name", async () => {
    const wide = await startWebHost({
      station,
      rendererRoot: path.join(dir, 'renderer'),
      host: '0.0.0.0',
      port: 0,
      allowRemote: true,
      hostNames: ['station.test'],
      tls: { cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') },
    });
    try {
      expect(wide.url).toMatch(new RegExp(`^https://station\\.test:${wide.port}/\\?token=`));
      const status = (hostHeader: string) =>
        new Promise<number>((resolve, reject) => {
          https
            .get(
              {
                host: '127.0.0.1',
                port: wide.port,
                path: '/',
                headers: { host: hostHeader },
                rejectUnauthorized: false,
              },
              (res) => {
                res.resume();
                resolve(res.statusCode ?? 0);
              },
            )
            .on('error', reject);
        });
      expect(await status(`station.test:${wide.port}`)).toBe(200);
      expect(await status(`127.0.0.1:${wide.port}`)).toBe(200);
      const lan = Object.values(os.networkInterfaces())
        .flat()
        .find((info) => info && !info.internal && info.family === 'IPv4');
      if (lan) expect(await status(`${lan.address}:${wide.port}`)).toBe(200);
      expect(await status(`0.0.0.0:${wide.port}`)).toBe(421);
      expect(await status(`evil.example:${wide.port}`)).toBe(421);
    } finally {
      await wide.close();
    }
  });
});

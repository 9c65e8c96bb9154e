import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppHandler, handleAppProtocol, registerAppScheme } from '../../../electron/main/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/station/web/static-files.js';
import { electronFake, resetElectronFake } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).electronFake);

const INDEX = '<!doctype html><title>Bitig</title><script type="module" src="./assets/app.js"></script>';
const SECRET = 'root:x:0:0:secret outside the renderer';
let dir: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-protocol-'));
  root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), INDEX);
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1);');
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(dir, 'passwd'), SECRET);
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
  handler = createAppHandler(root);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(resetElectronFake);

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('registerAppScheme', () => {
  it('registers app as a standard, secure scheme that supports fetch', () => {
    registerAppScheme(electronFake.protocol as never);
    expect(electronFake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('app:// handler', () => {
  it('serves index.html for app://bitig/ with the CSP and an HTML content type', async () => {
    const res = await get('app://bitig/');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their content type and the CSP', async () => {
    const res = await get('app://bitig/assets/app.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1);');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves index.html for client-side routes', async () => {
    const res = await get('app://bitig/operator/jobs');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://bitig/', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(res.headers.get('content-length')).toBe(String(INDEX.length));
  });

  it.each([
    ['plain dot-dot', 'app://bitig/../secret.txt'],
    ['encoded dot-dot-slash', 'app://bitig/%2e%2e%2fsecret.txt'],
    ['encoded dot-dot, encoded slash', 'app://bitig/..%2Fsecret.txt'],
    ['encoded backslash', 'app://bitig/..%5csecret.txt'],
    ['literal backslash', 'app://bitig/..\\secret.txt'],
    ['NUL', 'app://bitig/index.html%00.js'],
    ['symlink out of the root', 'app://bitig/link.txt'],
    ['missing asset', 'app://bitig/assets/missing.js'],
  ])('refuses %s with 404 and never reads outside the root', async (_name, url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never serves a file above the root for app://bitig/../../etc/passwd', async () => {
    // The URL parser folds the dots away (as Chromium does), leaving /etc/passwd inside the root:
    // an extension-less route, so the app shell comes back, not the file.
    for (const url of [
      'app://bitig/../../etc/passwd',
      'app://bitig/../passwd',
      'app://bitig/%2e%2e/passwd',
    ]) {
      const res = await get(url);
      const body = await res.text();
      expect(body, url).not.toContain('root:');
      expect(body, url).toBe(INDEX);
    }
  });

  it('serves only host bitig', async () => {
    const res = await get('app://evil/index.html');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('Bitig');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await get('app://bitig/', 'POST');
    expect(res.status).toBe(405);
  });

  it('answers 404 when the renderer was never built', async () => {
    const missing = createAppHandler(path.join(dir, 'no-such-dir'));
    const res = await missing(new Request('app://bitig/'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('is what handleAppProtocol registers for the app scheme', async () => {
    handleAppProtocol(electronFake.protocol as never, root);
    const registered = electronFake.protocol.handlers.get('app');
    expect(registered).toBeDefined();
    const res = await registered!(new Request('app://bitig/'));
    expect(await res.text()).toBe(INDEX);
  });
});

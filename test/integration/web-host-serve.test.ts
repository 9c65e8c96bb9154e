import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EXIT } from '../../electron/station/cli/exit-codes.js';
import { DATABASE_FILE } from '../../electron/station/store/data-dir.js';
import { bundle, childEnv } from '../helpers/bundle.js';
import { frame, openRaw, upgradeRequest } from '../helpers/raw-websocket.js';

/**
 * `bitig serve` as a child process, attacked the ways that used to end it: each attack runs against
 * the same process, and afterwards it must still be alive and answer the screens.
 */
let dir: string;
let renderer: string;
let cli: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-serve-'));
  renderer = path.join(dir, 'renderer');
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>served</title>');
  cli = await bundle('electron/station/cli/bitig.ts', 'bitig');
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Child {
  process: ChildProcess;
  output: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[]): Child {
  const child = spawn(process.execPath, [cli, ...args], {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, output: () => out + err, stderr: () => err, exited };
}

async function startServe(dataDir: string): Promise<{ child: Child; port: number; token: string }> {
  const child = run(['serve', '--port', '0', '--data-dir', dataDir, '--renderer', renderer]);
  const deadline = Date.now() + 20_000;
  let match: RegExpMatchArray | null = null;
  while (!match && Date.now() < deadline && child.process.exitCode === null) {
    await new Promise((r) => setTimeout(r, 50));
    match = child.output().match(/serving at http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/);
  }
  if (!match) throw new Error(`bitig serve did not start:\n${child.output()}`);
  return { child, port: Number(match[1]), token: match[2]! };
}

function getStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

/** A real client's round trip: connect with the token and read the settings. */
function roundTrip(port: number, token: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`);
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ id: 1, method: 'settings.get', input: {} })));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.id === 1) {
        ws.close();
        resolve(msg.result);
      }
    });
  });
}

describe('bitig serve under attack', () => {
  it('survives a bad UTF-8 frame, an oversized frame, resets after refused upgrades and a flood of connections, then still answers', async () => {
    const { child, port, token } = await startServe(path.join(dir, 'attacked'));
    try {
      // Invalid UTF-8 in a text frame (with the token): the connection is closed as 1007, nothing else.
      const badText = await openRaw(port, `/api?token=${token}`);
      expect(badText.response).toMatch(/^HTTP\/1\.1 101/);
      badText.socket.write(frame(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
      expect(await badText.closed).toBe(1007);

      // A frame announcing more than the largest message (48 MiB): closed as 1009 before any is read.
      const huge = await openRaw(port, `/api?token=${token}`);
      huge.socket.write(frame(Buffer.alloc(16), 1, 64 * 1024 * 1024));
      expect(await huge.closed).toBe(1009);

      // No token, and the client resets the moment it has asked: the refusal is written to a dead socket.
      for (let i = 0; i < 30; i++) {
        await new Promise<void>((resolve) => {
          const socket = net.connect(port, '127.0.0.1', () => {
            socket.write(upgradeRequest(port, '/api'), () => {
              socket.resetAndDestroy();
              resolve();
            });
          });
          socket.on('error', () => {});
        });
      }

      // Many connections that never say anything: past the cap the host drops them at once.
      const flood: net.Socket[] = [];
      let droppedByHost = 0;
      await Promise.all(
        Array.from(
          { length: 300 },
          () =>
            new Promise<void>((resolve) => {
              const socket = net.connect(port, '127.0.0.1', () => resolve());
              socket.on('error', () => resolve());
              socket.on('close', () => {
                droppedByHost += 1;
                resolve();
              });
              flood.push(socket);
            }),
        ),
      );
      await new Promise((r) => setTimeout(r, 500));
      expect(droppedByHost).toBeGreaterThanOrEqual(300 - 256);
      for (const socket of flood) socket.destroy();

      await new Promise((r) => setTimeout(r, 200));
      expect(child.process.exitCode).toBeNull();
      expect(await getStatus(port)).toBe(200);
      expect(await roundTrip(port, token)).toMatchObject({ ok: true });
      expect(child.stderr()).not.toMatch(/ECONNRESET|EPIPE|Error:/);
    } finally {
      child.process.kill('SIGTERM');
    }
    expect(await child.exited).toBe(EXIT.OK);
  }, 60_000);

  it('exits with one line and the unavailable code when the port is taken, leaving nothing running', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const child = run([
        'serve',
        '--port',
        String(port),
        '--data-dir',
        path.join(dir, 'taken'),
        '--renderer',
        renderer,
      ]);
      const code = await Promise.race([
        child.exited,
        new Promise((r) => setTimeout(() => r('still running'), 15_000)),
      ]);
      if (code === 'still running') child.process.kill('SIGKILL');
      expect(code).toBe(EXIT.UNAVAILABLE);
      expect(child.stderr().trim()).toBe(`Port ${port} is in use: is Bitig already running? Try --port.`);
    } finally {
      taken.close();
    }
  }, 30_000);

  it('exits with one line and the database code when the database cannot be read', async () => {
    const dataDir = path.join(dir, 'damaged');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), 'not sqlite at all, not sqlite at all');
    const child = run(['serve', '--port', '0', '--data-dir', dataDir, '--renderer', renderer]);
    const code = await Promise.race([
      child.exited,
      new Promise((r) => setTimeout(() => r('still running'), 15_000)),
    ]);
    if (code === 'still running') child.process.kill('SIGKILL');
    expect(code).toBe(EXIT.STORE);
    expect(child.stderr().trim().split('\n')).toHaveLength(1);
    expect(child.stderr()).toContain('damaged');
    expect(child.output()).not.toContain('serving at');
  }, 30_000);
});

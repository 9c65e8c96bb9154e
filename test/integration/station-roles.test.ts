import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WireEvent, WireReply } from '@contract/wire.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { METHOD_NAMES, methods, type Result, type Role } from '../../electron/station/contract/index.js';
import { Station } from '../../electron/station/station.js';
import { startWebHost, type WebHost } from '../../electron/station/web/server.js';

/**
 * Each contract method belongs to a role (or both): a kiosk refuses the scanning station's methods
 * and a scanning station the kiosk's, with WRONG_ROLE, before looking at the input. Through the web
 * host's WebSocket, against a real station of each role set up over that socket.
 */
interface Running {
  station: Station;
  host: WebHost;
  socket: WebSocket;
  logged: string[];
  nextId: number;
}

let dir: string;
let rendererRoot: string;
const running: Running[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-roles-'));
  rendererRoot = path.join(dir, 'renderer');
  fs.mkdirSync(rendererRoot);
  fs.writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>ok</title>');
});

afterAll(async () => {
  for (const r of running) {
    r.socket.close();
    await r.host.close();
    await r.station.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

async function startStation(name: string): Promise<Running> {
  const logged: string[] = [];
  const station = Station.open({
    dataDir: path.join(dir, name),
    host: 'web',
    log: (message) => logged.push(message),
  });
  const host = await startWebHost({ station, rendererRoot });
  const socket = await new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${encodeURIComponent(host.token)}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
  const r = { station, host, socket, logged, nextId: 1 };
  running.push(r);
  return r;
}

function call(r: Running, method: string, input: unknown = {}): Promise<Result<unknown>> {
  const id = r.nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as WireReply | WireEvent;
      if ('id' in msg && msg.id === id) {
        r.socket.off('message', onMessage);
        resolve(msg.result);
      }
    };
    r.socket.on('message', onMessage);
    r.socket.send(JSON.stringify({ id, method, input }));
  });
}

async function errorCode(r: Running, method: string, input: unknown = {}): Promise<string | null> {
  const result = await call(r, method, input);
  return result.ok ? null : result.error.code;
}

async function setUp(r: Running, role: Role): Promise<void> {
  const result = await call(r, 'setup.complete', { role, language: 'en', mode: 'connected' });
  expect(result.ok).toBe(true);
}

function jobCount(r: Running): number {
  return (r.station.store.db.prepare('SELECT count(*) AS n FROM digitization_jobs').get() as { n: number }).n;
}

describe('methods refused by role', () => {
  let kiosk: Running;
  let scanner: Running;

  beforeAll(async () => {
    kiosk = await startStation('kiosk');
    scanner = await startStation('station');
  });

  it('before first-run setup, a station answers neither role’s methods, and says it is not set up', async () => {
    expect(await errorCode(kiosk, 'kiosk.status')).toBe('NOT_SET_UP');
    expect(await errorCode(kiosk, 'jobs.create', { itemBarcode: '3100001' })).toBe('NOT_SET_UP');
    expect(jobCount(kiosk)).toBe(0);
    // What the setup screen and every role need still works.
    expect(await errorCode(kiosk, 'settings.get')).toBeNull();
    expect(await errorCode(kiosk, 'settings.setLanguage', { language: 'ru' })).toBeNull();
    await setUp(kiosk, 'kiosk');
    await setUp(scanner, 'station');
  });

  it('a kiosk refuses to create a job or capture pages, creates nothing, and says why', async () => {
    const result = await call(kiosk, 'jobs.create', { itemBarcode: '3100001' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'WRONG_ROLE',
        message: 'jobs.create is for a scanning station; this station is a self-service kiosk.',
      },
    });
    expect(await errorCode(kiosk, 'scan.capture', { jobId: 1 })).toBe('WRONG_ROLE');
    expect(await errorCode(kiosk, 'scanProfiles.list')).toBe('WRONG_ROLE');
    expect(jobCount(kiosk)).toBe(0);
    // Its own methods and the shared ones answer.
    expect(await errorCode(kiosk, 'kiosk.status')).toBeNull();
    expect(await errorCode(kiosk, 'sync.status')).toBeNull();
    expect(await errorCode(kiosk, 'devices.list')).toBeNull();
    expect(kiosk.logged).toContain(
      'refused (WRONG_ROLE): jobs.create is for a scanning station; this station is a self-service kiosk.',
    );
  });

  it('a scanning station refuses to identify a patron or take the kiosk’s settings', async () => {
    const result = await call(scanner, 'kiosk.identify', { patronId: '2100001', pin: '1234' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'WRONG_ROLE',
        message: 'kiosk.identify is for a self-service kiosk; this station is a scanning station.',
      },
    });
    expect(await errorCode(scanner, 'admin.saveKioskSettings', { staffPin: '1234' })).toBe('WRONG_ROLE');
    expect(await errorCode(scanner, 'kiosk.setAction', { action: 'checkout' })).toBe('WRONG_ROLE');
    expect(await errorCode(scanner, 'jobs.list')).toBeNull();
    expect(await errorCode(scanner, 'sync.status')).toBeNull();
  });

  it('every method the contract gives to one role is refused on the other, whatever its input; shared ones never are', async () => {
    for (const method of METHOD_NAMES) {
      const owner = methods[method].role;
      if (owner === 'both') {
        expect([method, await errorCode(kiosk, method)]).not.toEqual([method, 'WRONG_ROLE']);
        expect([method, await errorCode(scanner, method)]).not.toEqual([method, 'WRONG_ROLE']);
      } else {
        const other = owner === 'kiosk' ? scanner : kiosk;
        // Garbage input: the role is checked first, so the answer names the role, not a field.
        expect([method, await errorCode(other, method, { nonsense: true })]).toEqual([method, 'WRONG_ROLE']);
      }
    }
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../electron/station/contract/index.js';
import type { ConnectionState } from '../../../renderer/src/api/types.js';
import { backoffDelay, WsClient } from '../../../renderer/src/api/ws-client.js';
import { FakeSocket } from './fake-socket.js';

const SETTINGS: Settings = {
  setupComplete: false,
  role: null,
  mode: null,
  language: 'ru',
  timeZone: 'Asia/Almaty',
};

function client(options: { onListenerError?: (err: unknown) => void } = {}) {
  return new WsClient({
    url: 'ws://127.0.0.1:1/api?token=t',
    createSocket: (url) => new FakeSocket(url),
    backoff: { initialMs: 100, maxMs: 1000, jitter: 0 },
    now: () => Date.now(),
    ...options,
  });
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WsClient calls', () => {
  it('connects to the given URL and reports connecting, then connected', () => {
    const api = client();
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    expect(FakeSocket.last().url).toBe('ws://127.0.0.1:1/api?token=t');
    expect(api.connection.status).toBe('connecting');
    FakeSocket.last().open();
    expect(states).toEqual([{ status: 'connected', retryAt: null }]);
  });

  it('queues calls made while connecting and sends them as {id, method, input} on open', async () => {
    const api = client();
    const pending = api.call('settings.get', {});
    const socket = FakeSocket.last();
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent).toEqual([{ id: 1, method: 'settings.get', input: {} }]);
    socket.receive({ id: 1, result: { ok: true, value: SETTINGS } });
    await expect(pending).resolves.toEqual({ ok: true, value: SETTINGS });
  });

  it('pairs replies with requests by id, in whatever order they come', async () => {
    const api = client();
    FakeSocket.last().open();
    const a = api.call('settings.get', {});
    const b = api.call('settings.setLanguage', { language: 'kk' });
    const socket = FakeSocket.last();
    expect(socket.sent).toEqual([
      { id: 1, method: 'settings.get', input: {} },
      { id: 2, method: 'settings.setLanguage', input: { language: 'kk' } },
    ]);
    socket.receive({ id: 2, result: { ok: true, value: { ...SETTINGS, language: 'kk' } } });
    socket.receive({ id: 1, result: { ok: false, error: { code: 'STORE_CORRUPT', message: 'x' } } });
    await expect(b).resolves.toEqual({ ok: true, value: { ...SETTINGS, language: 'kk' } });
    await expect(a).resolves.toEqual({ ok: false, error: { code: 'STORE_CORRUPT', message: 'x' } });
  });

  it('ignores garbage, unknown ids and duplicate replies; a malformed result is INTERNAL', async () => {
    const api = client();
    const socket = FakeSocket.last();
    socket.open();
    const call = api.call('app.info', {});
    socket.receive('not json');
    socket.receive(42);
    socket.receive({ id: 99, result: { ok: true, value: 1 } });
    socket.receive({ something: 'else' });
    socket.receive({ id: 1, result: { nope: true } });
    socket.receive({ id: 1, result: { ok: true, value: 'late duplicate' } });
    const result = await call;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
  });
});

describe('WsClient events', () => {
  it('dispatches {topic, payload} to the listeners of that topic only, and unsubscribing works', () => {
    const api = client();
    const socket = FakeSocket.last();
    socket.open();
    const seen: unknown[] = [];
    const other: unknown[] = [];
    const off = api.on('settings.changed', (p) => seen.push(p));
    api.on('settings.changed', (p) => other.push(p));
    socket.receive({ topic: 'settings.changed', payload: SETTINGS });
    socket.receive({ topic: 'device.status', payload: { id: 'x' } });
    expect(seen).toEqual([SETTINGS]);
    off();
    off(); // idempotent
    socket.receive({ topic: 'settings.changed', payload: { ...SETTINGS, language: 'en' } });
    expect(seen).toEqual([SETTINGS]);
    expect(other).toEqual([SETTINGS, { ...SETTINGS, language: 'en' }]);
  });

  it('subscribing the same function twice gives two subscriptions, each removable on its own', () => {
    const api = client();
    FakeSocket.last().open();
    const calls: unknown[] = [];
    const listener = (p: unknown) => calls.push(p);
    const off1 = api.on('settings.changed', listener);
    api.on('settings.changed', listener);
    off1();
    FakeSocket.last().receive({ topic: 'settings.changed', payload: SETTINGS });
    expect(calls).toHaveLength(1);
  });

  it('a throwing listener does not keep the event from the others', () => {
    const errors: unknown[] = [];
    const api = client({ onListenerError: (e) => errors.push(e) });
    FakeSocket.last().open();
    const seen: unknown[] = [];
    api.on('settings.changed', () => {
      throw new Error('boom');
    });
    api.on('settings.changed', (p) => seen.push(p));
    FakeSocket.last().receive({ topic: 'settings.changed', payload: SETTINGS });
    expect(seen).toEqual([SETTINGS]);
    expect(errors).toHaveLength(1);
  });
});

describe('WsClient disconnects', () => {
  it('resolves every pending call to DISCONNECTED when the socket closes', async () => {
    const api = client();
    const socket = FakeSocket.last();
    socket.open();
    const a = api.call('settings.get', {});
    const b = api.call('app.info', {});
    socket.drop();
    for (const result of await Promise.all([a, b])) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('DISCONNECTED');
    }
  });

  it('fails calls queued on a socket that never opens', async () => {
    const api = client();
    const call = api.call('settings.get', {});
    FakeSocket.last().drop();
    const result = await call;
    expect(result.ok === false && result.error.code).toBe('DISCONNECTED');
  });

  it('fails calls at once while waiting to reconnect', async () => {
    const api = client();
    FakeSocket.last().open();
    FakeSocket.last().drop();
    const result = await api.call('settings.get', {});
    expect(result.ok === false && result.error.code).toBe('DISCONNECTED');
  });

  it('reconnects with growing, capped backoff, resets it after a good connection, keeps subscriptions', async () => {
    const api = client();
    const states: ConnectionState[] = [];
    api.onConnection((s) => states.push(s));
    const seen: unknown[] = [];
    api.on('settings.changed', (p) => seen.push(p));
    FakeSocket.last().open();

    FakeSocket.last().drop();
    expect(api.connection).toEqual({ status: 'disconnected', retryAt: 1_000_000 + 100 });
    vi.advanceTimersByTime(99);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    expect(api.connection).toEqual({ status: 'disconnected', retryAt: null });

    // Attempts that fail: 200, 400, 800, then capped at 1000.
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = Date.now();
      FakeSocket.last().drop();
      delays.push((api.connection.retryAt ?? 0) - before);
      vi.advanceTimersByTime(api.connection.retryAt! - before);
    }
    expect(delays).toEqual([200, 400, 800, 1000]);

    FakeSocket.last().open();
    expect(api.connection).toEqual({ status: 'connected', retryAt: null });
    FakeSocket.last().receive({ topic: 'settings.changed', payload: SETTINGS });
    expect(seen).toEqual([SETTINGS]);

    const call = api.call('settings.get', {});
    FakeSocket.last().receive({ id: 1, result: { ok: true, value: SETTINGS } });
    await expect(call).resolves.toEqual({ ok: true, value: SETTINGS });

    FakeSocket.last().drop();
    expect((api.connection.retryAt ?? 0) - Date.now()).toBe(100);
    expect(states.map((s) => s.status)).toContain('connected');
  });

  it('ignores events from a socket it has already given up on', () => {
    const api = client();
    const first = FakeSocket.last();
    first.open();
    const seen: unknown[] = [];
    api.on('settings.changed', (p) => seen.push(p));
    const onmessage = first.onmessage;
    first.drop();
    onmessage?.({ data: JSON.stringify({ topic: 'settings.changed', payload: SETTINGS }) });
    expect(seen).toEqual([]);
  });

  it('reconnectNow skips the wait', () => {
    const api = client();
    FakeSocket.last().open();
    FakeSocket.last().drop();
    expect(FakeSocket.all).toHaveLength(1);
    api.reconnectNow();
    expect(FakeSocket.all).toHaveLength(2);
    api.reconnectNow(); // already connecting: no second socket
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('close() fails pending calls and stops reconnecting', async () => {
    const api = client();
    FakeSocket.last().open();
    const call = api.call('settings.get', {});
    api.close();
    expect(FakeSocket.last().closedByClient).toBe(true);
    const result = await call;
    expect(result.ok === false && result.error.code).toBe('DISCONNECTED');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    const after = await api.call('settings.get', {});
    expect(after.ok).toBe(false);
  });

  it('retries when the socket cannot even be created', () => {
    let fail = true;
    const api = new WsClient({
      url: 'ws://x/api',
      createSocket: (url) => {
        if (fail) throw new Error('SyntaxError');
        return new FakeSocket(url);
      },
      backoff: { initialMs: 100, maxMs: 1000, jitter: 0 },
    });
    expect(api.connection.status).toBe('disconnected');
    fail = false;
    vi.advanceTimersByTime(100);
    FakeSocket.last().open();
    expect(api.connection.status).toBe('connected');
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap, spread by the jitter', () => {
    const opts = { initialMs: 500, maxMs: 15_000, jitter: 0.2 };
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((a) => backoffDelay(a, opts, mid))).toEqual([
      500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000,
    ]);
    expect(backoffDelay(0, opts, () => 0)).toBe(400);
    expect(backoffDelay(0, opts, () => 1)).toBe(600);
  });
});

describe('file addresses', () => {
  it("are the socket's host over HTTP(S) with its token", () => {
    const ws = client();
    expect(ws.fileUrl('/packages/3/pdf')).toBe('http://127.0.0.1:1/packages/3/pdf?token=t');
    ws.close();
    const secure = new WsClient({
      url: 'wss://station.example:8443/api?token=a%2Bb',
      createSocket: (url) => new FakeSocket(url),
    });
    expect(secure.fileUrl('/packages/3/pdf')).toBe('https://station.example:8443/packages/3/pdf?token=a%2Bb');
    secure.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { Settings, StationApi } from '../../../electron/station/contract/index.js';
import { createBridgeClient, isStationApi } from '../../../renderer/src/api/bridge.js';
import { createAppInfoStore } from '../../../renderer/src/stores/app-info.js';
import { createConnectionStore, selectOffline } from '../../../renderer/src/stores/connection.js';
import { createSettingsStore } from '../../../renderer/src/stores/settings.js';
import { FakeApi } from './fake-api.js';

const FRESH: Settings = {
  setupComplete: false,
  role: null,
  mode: null,
  language: 'uz-Latn',
  timeZone: 'Asia/Tashkent',
};

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('settings store', () => {
  it('starts in the default language with no settings, then loads them', async () => {
    const api = new FakeApi().handle('settings.get', () => ({
      ok: true,
      value: { ...FRESH, language: 'kk' },
    }));
    const store = createSettingsStore(api);
    expect(store.getState()).toMatchObject({ settings: null, language: 'uz-Latn', loadError: null });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ settings: { language: 'kk' }, language: 'kk' });
  });

  it('keeps the load error (the app shows it unless it is DISCONNECTED)', async () => {
    const api = new FakeApi().handle('settings.get', () => ({
      ok: false,
      error: { code: 'STORE_CORRUPT', message: 'x' },
    }));
    const store = createSettingsStore(api);
    await store.getState().load();
    expect(store.getState().loadError?.code).toBe('STORE_CORRUPT');
  });

  it('follows settings.changed events', () => {
    const api = new FakeApi();
    const store = createSettingsStore(api);
    api.emit('settings.changed', { ...FRESH, language: 'ru' });
    expect(store.getState()).toMatchObject({ settings: { language: 'ru' }, language: 'ru' });
  });

  it('does not let a load reply older than an event undo it', async () => {
    const reply = deferred<{ ok: true; value: Settings }>();
    const api = new FakeApi().handle('settings.get', () => reply.promise);
    const store = createSettingsStore(api);
    const loading = store.getState().load();
    api.emit('settings.changed', { ...FRESH, language: 'en' });
    reply.resolve({ ok: true, value: { ...FRESH, language: 'ru' } });
    await loading;
    expect(store.getState().language).toBe('en');
  });

  it('switches the language at once, and saves it', async () => {
    const reply = deferred<{ ok: true; value: Settings }>();
    const api = new FakeApi().handle('settings.setLanguage', () => reply.promise);
    const store = createSettingsStore(api);
    const switching = store.getState().setLanguage('ru');
    expect(store.getState().language).toBe('ru');
    expect(api.calls).toEqual([{ method: 'settings.setLanguage', input: { language: 'ru' } }]);
    reply.resolve({ ok: true, value: { ...FRESH, language: 'ru' } });
    expect((await switching).ok).toBe(true);
    expect(store.getState().settings?.language).toBe('ru');
  });

  it('keeps the switched language on screen when the core cannot be reached', async () => {
    const api = new FakeApi().handle('settings.setLanguage', () => ({
      ok: false,
      error: { code: 'DISCONNECTED', message: 'x' },
    }));
    const store = createSettingsStore(api);
    const result = await store.getState().setLanguage('kk');
    expect(result.ok).toBe(false);
    expect(store.getState().language).toBe('kk');
  });

  it('completes setup with the chosen role, mode and language', async () => {
    const api = new FakeApi().handle('setup.complete', (input) => ({
      ok: true,
      value: { ...(input as Omit<Settings, 'setupComplete'>), setupComplete: true },
    }));
    const store = createSettingsStore(api);
    const result = await store.getState().completeSetup({ role: 'kiosk', mode: 'demo', language: 'uz-Cyrl' });
    expect(result.ok).toBe(true);
    expect(api.calls[0]).toEqual({
      method: 'setup.complete',
      input: { role: 'kiosk', mode: 'demo', language: 'uz-Cyrl' },
    });
    expect(store.getState().settings).toEqual({
      setupComplete: true,
      role: 'kiosk',
      mode: 'demo',
      language: 'uz-Cyrl',
    });
  });

  it('returns the error of a refused setup and leaves the settings alone', async () => {
    const api = new FakeApi().handle('setup.complete', () => ({
      ok: false,
      error: { code: 'ALREADY_SET_UP', message: 'x' },
    }));
    const store = createSettingsStore(api);
    const result = await store
      .getState()
      .completeSetup({ role: 'station', mode: 'connected', language: 'en' });
    expect(result.ok === false && result.error.code).toBe('ALREADY_SET_UP');
    expect(store.getState().settings).toBeNull();
  });

  it('reloads after a reconnect, not on the first connection', () => {
    const api = new FakeApi().handle('settings.get', () => ({ ok: true, value: FRESH }));
    api.connection = { status: 'connecting', retryAt: null };
    createSettingsStore(api);
    api.setConnection({ status: 'connected', retryAt: null });
    expect(api.calls).toHaveLength(0);
    api.setConnection({ status: 'disconnected', retryAt: 5 });
    api.setConnection({ status: 'disconnected', retryAt: null });
    api.setConnection({ status: 'connected', retryAt: null });
    expect(api.calls.map((c) => c.method)).toEqual(['settings.get']);
  });
});

describe('app info store', () => {
  it('loads app.info and reloads after a reconnect', async () => {
    const info = { name: 'Bitig', version: '0.1.0', host: 'web' as const, schemaVersion: 1, dataDir: '/d' };
    const api = new FakeApi().handle('app.info', () => ({ ok: true, value: info }));
    const store = createAppInfoStore(api);
    await store.getState().load();
    expect(store.getState().info).toEqual(info);
    api.setConnection({ status: 'disconnected', retryAt: 1 });
    api.setConnection({ status: 'connected', retryAt: null });
    expect(api.calls).toHaveLength(2);
  });
});

describe('connection store', () => {
  it('mirrors the client and says when to show the offline banner', () => {
    const api = new FakeApi();
    api.connection = { status: 'connecting', retryAt: null };
    const store = createConnectionStore(api);
    expect(selectOffline(store.getState())).toBe(false);
    api.setConnection({ status: 'disconnected', retryAt: 123 });
    expect(store.getState()).toMatchObject({ status: 'disconnected', retryAt: 123 });
    expect(selectOffline(store.getState())).toBe(true);
    api.setConnection({ status: 'connected', retryAt: null });
    expect(selectOffline(store.getState())).toBe(false);
  });
});

describe('bridge client (Electron preload)', () => {
  it('recognises a bridge by its call and on functions', () => {
    expect(isStationApi({ call: () => {}, on: () => {} })).toBe(true);
    expect(isStationApi({ call: () => {} })).toBe(false);
    expect(isStationApi(undefined)).toBe(false);
  });

  it('passes calls and subscriptions through and is always connected', async () => {
    const offs: string[] = [];
    const bridge: StationApi = {
      call: async () => ({ ok: true, value: FRESH }) as never,
      on: (topic) => () => offs.push(topic),
    };
    const api = createBridgeClient(bridge);
    expect(api.connection.status).toBe('connected');
    await expect(api.call('settings.get', {})).resolves.toEqual({ ok: true, value: FRESH });
    api.on('settings.changed', () => {})();
    expect(offs).toEqual(['settings.changed']);
  });

  it('turns a rejected IPC call into INTERNAL', async () => {
    const bridge: StationApi = {
      call: async () => {
        throw new Error('ipc gone');
      },
      on: () => () => {},
    };
    const result = await createBridgeClient(bridge).call('settings.get', {});
    expect(result.ok === false && result.error.code).toBe('INTERNAL');
  });
});

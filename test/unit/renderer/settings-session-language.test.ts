import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../electron/station/contract/index.js';
import { createSettingsStore } from '../../../renderer/src/stores/settings.js';
import { FakeApi } from './fake-api.js';

/**
 * A kiosk patron's language: shown for their visit, never saved, gone when the visit is wiped; the
 * station's language (the operator's switch, the kiosk's staff screen) saved as before.
 */

const KIOSK: Settings = {
  setupComplete: true,
  role: 'kiosk',
  mode: 'demo',
  language: 'uz-Latn',
  timeZone: 'Asia/Tashkent',
};

function kioskApi() {
  return new FakeApi()
    .handle('settings.get', () => ({ ok: true, value: KIOSK }))
    .handle('settings.setLanguage', (input) => ({
      ok: true,
      value: { ...KIOSK, language: (input as Settings).language },
    }));
}

async function loaded(api: FakeApi) {
  const store = createSettingsStore(api);
  await store.getState().load();
  api.calls.length = 0;
  return store;
}

describe('settings store: a patron’s language for their visit', () => {
  it('shows the patron’s language at once without saving it', async () => {
    const api = kioskApi();
    const store = await loaded(api);
    store.getState().setSessionLanguage('ru');
    expect(store.getState()).toMatchObject({
      language: 'ru',
      sessionLanguage: 'ru',
      settings: { language: 'uz-Latn' },
    });
    expect(api.calls).toEqual([]);
    // Switching again within the visit: still nothing sent.
    store.getState().setSessionLanguage('kk');
    expect(store.getState().language).toBe('kk');
    expect(api.calls.filter((c) => c.method === 'settings.setLanguage')).toEqual([]);
  });

  it('returns to the station’s language when the visit is reset', async () => {
    const store = await loaded(kioskApi());
    store.getState().setSessionLanguage('ru');
    store.getState().resetSessionLanguage();
    expect(store.getState()).toMatchObject({ language: 'uz-Latn', sessionLanguage: null });
  });

  it('returns to the language shown before the settings arrived, when they have not yet', () => {
    const store = createSettingsStore(new FakeApi(), 'kk');
    store.getState().setSessionLanguage('en');
    store.getState().resetSessionLanguage();
    expect(store.getState()).toMatchObject({ language: 'kk', sessionLanguage: null });
  });

  it('keeps the patron’s language through a settings.changed event, and returns to the new station language after', async () => {
    const api = kioskApi();
    const store = await loaded(api);
    store.getState().setSessionLanguage('ru');
    api.emit('settings.changed', { ...KIOSK, language: 'en' });
    expect(store.getState()).toMatchObject({ language: 'ru', settings: { language: 'en' } });
    store.getState().resetSessionLanguage();
    expect(store.getState().language).toBe('en');
  });

  it('keeps the patron’s language through a reload of the settings (as after a reconnect)', async () => {
    const api = kioskApi();
    const store = await loaded(api);
    store.getState().setSessionLanguage('ru');
    await store.getState().load();
    expect(store.getState()).toMatchObject({ language: 'ru', settings: { language: 'uz-Latn' } });
    expect(api.calls.map((c) => c.method)).toEqual(['settings.get']);
  });

  it('follows settings.changed as before when no patron has chosen', async () => {
    const api = kioskApi();
    const store = await loaded(api);
    api.emit('settings.changed', { ...KIOSK, language: 'uz-Cyrl' });
    expect(store.getState()).toMatchObject({ language: 'uz-Cyrl', sessionLanguage: null });
  });

  it('does nothing on a reset when no patron has chosen (an operator’s unsaved switch stays)', async () => {
    const api = new FakeApi().handle('settings.setLanguage', () => ({
      ok: false,
      error: { code: 'DISCONNECTED', message: 'x' },
    }));
    const store = createSettingsStore(api);
    await store.getState().setLanguage('kk');
    store.getState().resetSessionLanguage();
    expect(store.getState().language).toBe('kk');
  });

  it('saves the station’s language from the staff screen during a visit, shown after the reset', async () => {
    const api = kioskApi();
    const store = await loaded(api);
    store.getState().setSessionLanguage('ru');
    const result = await store.getState().setLanguage('kk');
    expect(result.ok).toBe(true);
    expect(api.calls).toEqual([{ method: 'settings.setLanguage', input: { language: 'kk' } }]);
    // The visit's language stays on screen; the kiosk comes back in the new one.
    expect(store.getState()).toMatchObject({ language: 'ru', settings: { language: 'kk' } });
    store.getState().resetSessionLanguage();
    expect(store.getState().language).toBe('kk');
  });

  it('shows a station language saved with no visit under way at once', async () => {
    const store = await loaded(kioskApi());
    const saving = store.getState().setLanguage('en');
    expect(store.getState().language).toBe('en');
    await saving;
    expect(store.getState()).toMatchObject({
      language: 'en',
      sessionLanguage: null,
      settings: { language: 'en' },
    });
  });
});

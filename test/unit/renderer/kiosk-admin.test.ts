import { describe, expect, it, vi } from 'vitest';
import type { KioskSettings, KioskStatus, Result } from '../../../electron/station/contract/index.js';
import { DEFAULT_OFFLINE_POLICY, DEFAULT_PRIVACY_POLICY } from '../../../electron/station/contract/index.js';
import {
  attachAdminShortcut,
  isAdminShortcut,
  TapCounter,
} from '../../../renderer/src/screens/kiosk/admin/secret-gesture.js';
import { closedAdminState, createKioskAdminStore } from '../../../renderer/src/stores/kiosk-admin.js';
import { invalidFields, isStaffPin } from '../../../renderer/src/stores/kiosk-settings-rules.js';
import { createSoundPlayer } from '../../../renderer/src/ui/sounds.js';
import { numberText, parseWholeNumber } from '../../../renderer/src/ui/whole-number.js';
import { FakeApi } from './fake-api.js';

const SETTINGS: KioskSettings = {
  sip2: {
    host: '127.0.0.1',
    port: 6001,
    tls: false,
    tlsInsecure: false,
    institutionId: 'BITIG-DEMO',
    user: 'kiosk',
    location: 'kiosk-1',
    terminalPassword: '',
    encoding: 'utf-8',
    errorDetection: true,
    terminator: 'CR',
    timeoutSeconds: 10,
  },
  actions: { checkout: true, checkin: true, renew: true },
  pinPolicy: 'server',
  typedCardAllowed: true,
  patronIdPattern: '^21\\d{5}$',
  itemIdPattern: '',
  idleTimeoutSeconds: 60,
  idleWarningSeconds: 20,
  sounds: true,
  offline: DEFAULT_OFFLINE_POLICY,
  privacy: DEFAULT_PRIVACY_POLICY,
};

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

function adminApi(staffPin = '2468') {
  return new FakeApi()
    .handle('admin.verifyStaffPin', (input) =>
      (input as { staffPin: string }).staffPin === staffPin
        ? ok({ ok: true as const })
        : { ok: false, error: { code: 'STAFF_PIN_WRONG', message: 'x' } },
    )
    .handle('admin.getKioskSettings', () => ok({ settings: SETTINGS, sip2PasswordSet: true }))
    .handle('admin.saveKioskSettings', () => ok({} as KioskStatus))
    .handle('admin.testConnection', () =>
      ok({ ok: false, failure: 'unreachable' as const, detail: 'ECONNREFUSED' }),
    );
}

const type = (store: ReturnType<typeof createKioskAdminStore>, digits: string) => {
  for (const d of digits) store.getState().typeKey(d);
};

describe('admin store', () => {
  it('on a kiosk with no staff PIN, says how to set one and never sets one itself', async () => {
    const api = adminApi();
    const store = createKioskAdminStore(api);
    store.getState().start(false);
    expect(store.getState()).toMatchObject({ phase: 'notSet', error: { code: 'STAFF_PIN_NOT_SET' } });
    type(store, '1357');
    await store.getState().submitPin();
    expect(store.getState().phase).toBe('notSet');
    expect(api.calls.map((c) => c.method)).toEqual([]);
  });

  it('a PIN removed meanwhile turns the keypad into the same explanation', async () => {
    const api = new FakeApi().handle('admin.verifyStaffPin', () => ({
      ok: false,
      error: { code: 'STAFF_PIN_NOT_SET', message: 'x' },
    }));
    const store = createKioskAdminStore(api);
    store.getState().start(true);
    type(store, '12');
    await store.getState().submitPin();
    expect(store.getState().pinProblem).toBe('short');
    store.getState().clearEntry();
    type(store, '1357');
    await store.getState().submitPin();
    expect(store.getState()).toMatchObject({ phase: 'notSet', error: { code: 'STAFF_PIN_NOT_SET' } });
    expect(api.calls.filter((c) => c.method === 'admin.setStaffPin')).toEqual([]);
  });

  it('shows a locked staff PIN with the time it unlocks, and keeps the keypad for later', async () => {
    const retryAt = { at: '2026-12-07T18:45:00.000Z', timeZone: 'Asia/Tashkent' };
    const api = new FakeApi().handle('admin.verifyStaffPin', () => ({
      ok: false,
      error: { code: 'STAFF_PIN_LOCKED', message: 'x', retryAt },
    }));
    const store = createKioskAdminStore(api);
    store.getState().start(true);
    type(store, '2468');
    await store.getState().submitPin();
    expect(store.getState()).toMatchObject({
      phase: 'pin',
      entry: '',
      busy: false,
      error: { code: 'STAFF_PIN_LOCKED', retryAt },
    });
    expect(store.getState().staffPin).toBeNull();
  });

  it('refuses a wrong staff PIN and clears the keypad', async () => {
    const store = createKioskAdminStore(adminApi());
    store.getState().start(true);
    type(store, '0000');
    await store.getState().submitPin();
    expect(store.getState()).toMatchObject({ phase: 'pin', entry: '', error: { code: 'STAFF_PIN_WRONG' } });
    type(store, '2468');
    await store.getState().submitPin();
    expect(store.getState().phase).toBe('form');
  });

  it('keeps the stored SIP2 password unless a new one is typed, and never shows it', async () => {
    const api = adminApi();
    const store = createKioskAdminStore(api);
    store.getState().start(true);
    type(store, '2468');
    await store.getState().submitPin();
    expect(store.getState().sip2Password).toBe('');
    await store.getState().save();
    expect(api.calls.at(-1)?.input).toEqual({ staffPin: '2468', settings: SETTINGS });
    store.getState().setPassword('kiosk-parol');
    await store.getState().testConnection();
    expect(api.calls.at(-1)?.input).toEqual({
      staffPin: '2468',
      sip2: SETTINGS.sip2,
      sip2Password: 'kiosk-parol',
    });
    expect(store.getState().test).toMatchObject({ ok: false, failure: 'unreachable' });
    await store.getState().save();
    expect(api.calls.at(-1)?.input).toMatchObject({ sip2Password: 'kiosk-parol' });
    expect(store.getState()).toMatchObject({ saved: true, sip2Password: '', sip2PasswordSet: true });
  });

  it('marks invalid fields and does not save them', async () => {
    const api = adminApi();
    const store = createKioskAdminStore(api);
    store.getState().start(true);
    type(store, '2468');
    await store.getState().submitPin();
    store.getState().update((d) => ({ ...d, idleTimeoutSeconds: 5, sip2: { ...d.sip2, port: Number.NaN } }));
    expect(store.getState().invalid).toEqual(['idleTimeoutSeconds', 'sip2.port']);
    const calls = api.calls.length;
    expect(await store.getState().save()).toBeNull();
    expect(api.calls.length).toBe(calls);
  });

  it('forgets the staff PIN and the settings when the screen closes', async () => {
    const store = createKioskAdminStore(adminApi());
    store.getState().start(true);
    type(store, '2468');
    await store.getState().submitPin();
    store.getState().reset();
    const data = Object.fromEntries(
      Object.entries(store.getState()).filter(([, v]) => typeof v !== 'function'),
    );
    expect(data).toEqual(closedAdminState());
    expect(JSON.stringify(data)).not.toContain('2468');
  });
});

describe('admin form helpers', () => {
  it('checks settings with the contract’s schema and compiles the id patterns', () => {
    expect(invalidFields(SETTINGS)).toEqual([]);
    expect(invalidFields({ ...SETTINGS, patronIdPattern: '([' })).toEqual(['patronIdPattern']);
    expect(
      invalidFields({ ...SETTINGS, idleWarningSeconds: 1, sip2: { ...SETTINGS.sip2, host: ' ' } }),
    ).toEqual(['idleWarningSeconds', 'sip2.host']);
    expect(
      invalidFields({
        ...SETTINGS,
        privacy: { ...SETTINGS.privacy, keepCardNumbersDays: 0, keepExportsDays: 1 },
      }),
    ).toEqual(['privacy.keepCardNumbersDays']);
  });

  it('reads whole numbers only, and shows a half-typed one as empty', () => {
    expect(parseWholeNumber(' 15 ')).toBe(15);
    expect(parseWholeNumber('1.5')).toBeNaN();
    expect(parseWholeNumber('')).toBeNaN();
    expect(numberText(Number.NaN)).toBe('');
    expect(numberText(60)).toBe('60');
  });

  it('accepts staff PINs of 4 to 12 digits', () => {
    expect(isStaffPin('1234')).toBe(true);
    expect(isStaffPin('123')).toBe(false);
    expect(isStaffPin('1234567890123')).toBe(false);
    expect(isStaffPin('12a4')).toBe(false);
  });
});

describe('the discreet way into the admin screen', () => {
  it('opens on the fifth tap within three seconds, not on slower taps', () => {
    const taps = new TapCounter();
    expect([0, 400, 800, 1200].map((t) => taps.tap(t))).toEqual([false, false, false, false]);
    expect(taps.tap(1600)).toBe(true);
    const slow = new TapCounter();
    expect([0, 1000, 2000, 3000, 4000, 5000].some((t) => slow.tap(t))).toBe(false);
  });

  it('answers Ctrl+Alt+A by the physical key, whatever the layout', () => {
    expect(isAdminShortcut({ code: 'KeyA', ctrlKey: true, altKey: true })).toBe(true);
    expect(isAdminShortcut({ code: 'KeyA', ctrlKey: true, altKey: false })).toBe(false);
    const listeners: ((e: Event) => void)[] = [];
    const target = {
      addEventListener: (_: string, l: (e: Event) => void) => listeners.push(l),
      removeEventListener: () => listeners.pop(),
    } as unknown as Window;
    const open = vi.fn();
    let allowed = false;
    const stop = attachAdminShortcut(target, () => allowed, open);
    const event = { code: 'KeyA', key: 'ф', ctrlKey: true, altKey: true, preventDefault: vi.fn() };
    listeners[0]?.(event as unknown as Event);
    expect(open).not.toHaveBeenCalled();
    allowed = true;
    listeners[0]?.(event as unknown as Event);
    expect(open).toHaveBeenCalledTimes(1);
    expect(event.preventDefault).toHaveBeenCalled();
    stop();
    expect(listeners).toHaveLength(0);
  });
});

describe('sounds', () => {
  it('fail silently where there is no audio', () => {
    expect(() => createSoundPlayer(() => null).play('success')).not.toThrow();
    expect(() =>
      createSoundPlayer(() => {
        throw new Error('NotAllowedError');
      }).play('failure'),
    ).not.toThrow();
  });

  it('play short tones through an oscillator', () => {
    const started: number[] = [];
    const param = () => ({ value: 0, setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() });
    const context = {
      currentTime: 10,
      destination: {},
      state: 'running',
      resume: vi.fn(),
      createOscillator: () => ({
        type: 'sine',
        frequency: param(),
        connect: vi.fn(),
        start: (t: number) => started.push(t),
        stop: vi.fn(),
      }),
      createGain: () => ({ gain: param(), connect: vi.fn() }),
    };
    createSoundPlayer(() => context as never).play('success');
    expect(started.length).toBe(2);
    expect(started[0]).toBe(10);
  });
});

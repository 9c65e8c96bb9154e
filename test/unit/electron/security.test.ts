import type { App, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isAppUrl, originOf } from '../../../electron/main/origin.js';
import {
  hardenSession,
  hardenWebContents,
  installSecurity,
  mayUsePermission,
  secureWebPreferences,
} from '../../../electron/main/security.js';
import { electronFake, FakeEvent, FakeSession, FakeWebContents, resetElectronFake } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).electronFake);

beforeEach(resetElectronFake);

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

/** Emits a navigation event the way Electron 45 does: details object first, deprecated url second. */
function navigate(contents: FakeWebContents, event: string, url: string): FakeEvent {
  const details = new FakeEvent({ url, isMainFrame: true });
  contents.emit(event, details, url);
  return details;
}

describe('secureWebPreferences', () => {
  it('isolates the page from Node and Electron', () => {
    const prefs = secureWebPreferences({ preload: '/app/dist/main/preload.cjs', devTools: false });
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.preload).toBe('/app/dist/main/preload.cjs');
    expect(prefs.devTools).toBe(false);
  });

  it('passes devTools through as asked', () => {
    expect(secureWebPreferences({ preload: '/p', devTools: true }).devTools).toBe(true);
  });
});

describe('isAppUrl / originOf', () => {
  it('accepts only app://bitig', () => {
    expect(isAppUrl('app://bitig/')).toBe(true);
    expect(isAppUrl('app://bitig/operator/jobs?x=1')).toBe(true);
    expect(isAppUrl('APP://BITIG/x')).toBe(true);
    for (const url of [
      'https://evil.example/',
      'app://bitig.evil/',
      'app://evil/',
      'app://user@bitig/',
      'app://bitig:8080/',
      'file:///etc/passwd',
      'http://bitig/',
      '',
      'not a url',
      null,
      undefined,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('gives app://bitig for our pages, the web origin otherwise', () => {
    expect(originOf('app://bitig/x')).toBe('app://bitig');
    expect(originOf('https://evil.example/a')).toBe('https://evil.example');
    expect(originOf('app://other/x')).toBe('');
    expect(originOf('garbage')).toBe('');
  });
});

describe('hardenWebContents', () => {
  it('prevents navigation to another origin and allows our own', () => {
    const contents = hardened();
    expect(navigate(contents, 'will-navigate', 'https://evil.example').defaultPrevented).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd').defaultPrevented).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://bitig.evil/x').defaultPrevented).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://bitig/x').defaultPrevented).toBe(false);
  });

  it('prevents redirects and subframe navigations off our origin', () => {
    const contents = hardened();
    expect(navigate(contents, 'will-redirect', 'https://evil.example').defaultPrevented).toBe(true);
    expect(navigate(contents, 'will-redirect', 'app://bitig/x').defaultPrevented).toBe(false);
    const frame = new FakeEvent({ url: 'https://evil.example' });
    contents.emit('will-frame-navigate', frame);
    expect(frame.defaultPrevented).toBe(true);
  });

  it('uses the deprecated url argument when the details carry none', () => {
    const contents = hardened();
    const bare = new FakeEvent();
    contents.emit('will-navigate', bare, 'https://evil.example');
    expect(bare.defaultPrevented).toBe(true);
  });

  it('denies window.open', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.windowOpenHandler?.({ url: 'app://bitig/x' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
  });

  it('prevents <webview> from attaching', () => {
    const contents = hardened();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('hardenSession', () => {
  const request = (session: FakeSession, permission: string, details: object): unknown => {
    const callback = vi.fn();
    session.requestHandler?.(
      new FakeWebContents() as never,
      permission as never,
      callback as never,
      details as never,
    );
    expect(callback).toHaveBeenCalledTimes(1);
    return callback.mock.calls[0]![0];
  };

  it('allows the camera (video only) to our own pages and nothing else', () => {
    const session = new FakeSession();
    hardenSession(session as never);
    expect(request(session, 'media', { requestingUrl: 'app://bitig/', mediaTypes: ['video'] })).toBe(true);
    expect(request(session, 'media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(
      false,
    );
    expect(
      request(session, 'media', { requestingUrl: 'http://127.0.0.1:8080/', mediaTypes: ['video'] }),
    ).toBe(false);
    expect(request(session, 'media', { requestingUrl: 'app://bitig/', mediaTypes: ['audio'] })).toBe(false);
    expect(request(session, 'media', { requestingUrl: 'app://bitig/', mediaTypes: ['video', 'audio'] })).toBe(
      false,
    );
    expect(request(session, 'media', { requestingUrl: 'app://bitig/' })).toBe(false);
    expect(mayUsePermission('media', 'app://bitig', ['video'])).toBe(true);
    expect(mayUsePermission('media', 'app://other', ['video'])).toBe(false);
  });

  it('answers camera checks for our origin only', () => {
    const session = new FakeSession();
    hardenSession(session as never);
    const check = (origin: string, mediaType?: string) =>
      session.checkHandler?.(null as never, 'media' as never, origin as never, { mediaType } as never);
    expect(check('app://bitig', 'video')).toBe(true);
    expect(check('app://bitig', 'audio')).toBe(false);
    expect(check('app://bitig', 'unknown')).toBe(false);
    expect(check('https://evil.example', 'video')).toBe(false);
  });

  it('denies every other permission request, even from our own origin', () => {
    const session = new FakeSession();
    hardenSession(session as never);
    for (const permission of [
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'display-capture',
    ]) {
      const callback = vi.fn();
      session.requestHandler?.(
        new FakeWebContents() as never,
        permission as never,
        callback as never,
        { requestingUrl: 'app://bitig/' } as never,
      );
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  it('answers permission checks and device requests with false', () => {
    const session = new FakeSession();
    hardenSession(session as never);
    expect(session.checkHandler?.(null as never, 'media' as never, 'app://bitig' as never)).toBe(false);
    expect(session.deviceHandler?.({} as never)).toBe(false);
  });
});

describe('installSecurity', () => {
  it('hardens every webContents the app creates, and its session', () => {
    installSecurity(electronFake.app as unknown as App);
    const contents = new FakeWebContents();
    electronFake.app.emit('web-contents-created', new FakeEvent(), contents);
    expect(contents.windowOpenHandler?.({})).toEqual({ action: 'deny' });
    expect(navigate(contents, 'will-navigate', 'https://evil.example').defaultPrevented).toBe(true);
    const callback = vi.fn();
    contents.session.requestHandler?.(contents as never, 'media' as never, callback as never, {} as never);
    expect(callback).toHaveBeenCalledWith(false);
  });
});

import { describe, expect, it } from 'vitest';
import { socketUrl, TOKEN_STORAGE_KEY, takeToken } from '../../../renderer/src/api/token.js';

function env(href: string, stored: Record<string, string> = {}, options: { storageThrows?: boolean } = {}) {
  const data = { ...stored };
  const replaced: string[] = [];
  return {
    data,
    replaced,
    location: { href },
    history: {
      state: { keep: true },
      replaceState(_state: unknown, _unused: string, url?: string | URL | null) {
        replaced.push(String(url));
      },
    },
    storage: {
      getItem(key: string) {
        if (options.storageThrows) throw new Error('SecurityError');
        return data[key] ?? null;
      },
      setItem(key: string, value: string) {
        if (options.storageThrows) throw new Error('SecurityError');
        data[key] = value;
      },
    },
  };
}

describe('takeToken', () => {
  it('takes the token from the URL, keeps it in sessionStorage and removes it from the address bar', () => {
    const e = env('http://127.0.0.1:4780/?token=s3cr%2Bt&kiosk=1#top');
    expect(takeToken(e)).toBe('s3cr+t');
    expect(e.data[TOKEN_STORAGE_KEY]).toBe('s3cr+t');
    expect(e.replaced).toEqual(['/?kiosk=1#top']);
  });

  it('leaves a clean path when the token was the only parameter', () => {
    const e = env('http://127.0.0.1:4780/?token=abc');
    takeToken(e);
    expect(e.replaced).toEqual(['/']);
  });

  it('after a reload of / the token comes from sessionStorage', () => {
    const e = env('http://127.0.0.1:4780/', { [TOKEN_STORAGE_KEY]: 'abc' });
    expect(takeToken(e)).toBe('abc');
    expect(e.replaced).toEqual([]);
  });

  it('a new token in the URL replaces the stored one', () => {
    const e = env('http://127.0.0.1:4780/?token=new', { [TOKEN_STORAGE_KEY]: 'old' });
    expect(takeToken(e)).toBe('new');
    expect(e.data[TOKEN_STORAGE_KEY]).toBe('new');
  });

  it('is null when there is none, and survives storage that refuses access', () => {
    expect(takeToken(env('http://127.0.0.1:4780/'))).toBeNull();
    expect(takeToken({ ...env('http://h/'), storage: null })).toBeNull();
    expect(takeToken(env('http://h/', {}, { storageThrows: true }))).toBeNull();
    expect(takeToken(env('http://h/?token=x', {}, { storageThrows: true }))).toBe('x');
  });
});

describe('socketUrl', () => {
  it('uses ws for http and wss for https, on the host that served the page', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4780' }, 'abc')).toBe(
      'ws://127.0.0.1:4780/api?token=abc',
    );
    expect(socketUrl({ protocol: 'https:', host: 'kiosk.lib.uz' }, 'abc')).toBe(
      'wss://kiosk.lib.uz/api?token=abc',
    );
  });

  it('encodes the token and omits the parameter when there is none', () => {
    expect(socketUrl({ protocol: 'http:', host: 'h' }, 'a b&c=d')).toBe('ws://h/api?token=a%20b%26c%3Dd');
    expect(socketUrl({ protocol: 'http:', host: 'h' }, null)).toBe('ws://h/api');
  });
});

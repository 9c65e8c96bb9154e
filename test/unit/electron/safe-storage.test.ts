import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSecretBox } from '../../../electron/main/safe-storage-box.js';
import { KeyFileSecretBox } from '../../../electron/station/store/secrets.js';
import { electronFake } from './fakes.js';

vi.mock('electron', async () => (await import('./fakes.js')).electronFake);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-secrets-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('secrets in the desktop host', () => {
  it('seals with the OS keychain when one is available, and never stores the plain text', () => {
    const box = createSecretBox(electronFake.safeStorage as never, dir);
    const sealed = box.encrypt('kiosk-parol');
    expect(electronFake.safeStorage.encryptString).toHaveBeenCalledWith('kiosk-parol');
    expect(sealed).not.toContain('kiosk-parol');
    expect(box.decrypt(sealed)).toBe('kiosk-parol');
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
  });

  it("falls back to the station's key file where Linux offers only basic_text, and still opens old secrets", () => {
    const oldSecret = new KeyFileSecretBox(dir).encrypt('old-password');
    const weak = { ...electronFake.safeStorage, getSelectedStorageBackend: () => 'basic_text' };
    const box = createSecretBox(weak as never, dir);
    const sealed = box.encrypt('kiosk-parol');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(box.decrypt(sealed)).toBe('kiosk-parol');
    expect(createSecretBox(electronFake.safeStorage as never, dir).decrypt(oldSecret)).toBe('old-password');
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});

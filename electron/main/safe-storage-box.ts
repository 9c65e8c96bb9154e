/**
 * Secrets sealed by the operating system's keychain (Electron's safeStorage: DPAPI on Windows,
 * Keychain on macOS, libsecret/kwallet on Linux). Where no keychain is reachable (a kiosk without a
 * desktop session), Electron would fall back to a hard-coded key, so we use the station's own key
 * file instead, which at least is readable only by the station's user.
 */
import type { SafeStorage } from 'electron';
import { KeyFileSecretBox, type SecretBox } from '../station/store/secrets.js';

const PREFIX = 'os1:';

export function createSecretBox(safeStorage: SafeStorage, dataDir: string): SecretBox {
  const fallback = new KeyFileSecretBox(dataDir);
  const weak =
    !safeStorage.isEncryptionAvailable() ||
    (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
  if (weak) return fallback;
  return {
    encrypt: (plain) => PREFIX + safeStorage.encryptString(plain).toString('base64'),
    // A secret sealed by the key file (written before a keychain was available) still opens.
    decrypt: (sealed) =>
      sealed.startsWith(PREFIX)
        ? safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'))
        : fallback.decrypt(sealed),
  };
}

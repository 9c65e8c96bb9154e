import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from './durable-file.js';

/**
 * Encrypts secrets (the SIP2 password, upload tokens) before they reach the database. The desktop
 * host passes one backed by the OS keychain (Electron's safeStorage); the web host uses a key file
 * readable only by its owner, beside the database.
 */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

const KEY_FILE = 'secret.key';
const PREFIX = 'v1:';

/** AES-256-GCM with a random 32-byte key kept in `<dataDir>/secret.key` (mode 0600). */
export class KeyFileSecretBox implements SecretBox {
  #loaded: Buffer | null = null;

  /** The key is read (or made) on first use, so a station without secrets has no key file. */
  constructor(private readonly dataDir: string) {}

  get #key(): Buffer {
    this.#loaded ??= loadOrCreateKey(path.join(this.dataDir, KEY_FILE));
    return this.#loaded;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('Unknown secret format');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

function loadOrCreateKey(file: string): Buffer {
  try {
    const key = fs.readFileSync(file);
    if (key.length !== 32) throw new Error(`${file} is not a 32-byte key`);
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  writeFileDurably(file, key);
  return key;
}

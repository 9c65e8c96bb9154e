import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SecretBox } from '../store/secrets.js';
import type { SettingsRepo } from '../store/settings.js';

/** The hashing key, sealed by the station's `SecretBox`: useless to whoever has only the database. */
const KEY_SETTING = 'kiosk.cardHashKeySealed';
const DAY_MS = 86_400_000;

/**
 * Cards identified online, remembered as keyed hashes (HMAC-SHA-256) so the offline policy can
 * accept "patrons seen recently, not blocked" without the kiosk keeping a list of card numbers.
 *
 * Card numbers are short (7 digits: ten million guesses), so the hashes are only as safe as their
 * key. The key is kept sealed by the OS keychain (Electron's safeStorage) or the web host's
 * owner-only key file (`../store/secrets.ts`), never in the database in the clear; rows older than
 * the offline window are deleted (`prune`).
 */
export class SeenPatrons {
  #key: Buffer | null = null;
  readonly #upsert: Database.Statement<[string, number, number]>;
  readonly #find: Database.Statement<[string], { seen_at: number; blocked: number }>;
  readonly #prune: Database.Statement<[number]>;
  readonly #clear: Database.Statement<[]>;

  /** The key is unsealed (or made) on first use, so a scanning station never makes one. */
  constructor(
    db: Database.Database,
    private readonly settings: SettingsRepo,
    private readonly secrets: SecretBox,
    /** Whether the site's offline policy uses the list ('seen'); otherwise nothing is recorded. */
    private readonly wanted: () => boolean = () => true,
    private readonly log?: (message: string, err?: unknown) => void,
  ) {
    this.#upsert = db.prepare(
      'INSERT INTO kiosk_patrons_seen (card_hash, seen_at, blocked) VALUES (?, ?, ?) ' +
        'ON CONFLICT (card_hash) DO UPDATE SET seen_at = excluded.seen_at, blocked = excluded.blocked',
    );
    this.#find = db.prepare('SELECT seen_at, blocked FROM kiosk_patrons_seen WHERE card_hash = ?');
    this.#prune = db.prepare('DELETE FROM kiosk_patrons_seen WHERE seen_at < ?');
    this.#clear = db.prepare('DELETE FROM kiosk_patrons_seen');
  }

  record(patronId: string, blocked: boolean, at = Date.now()): void {
    if (!this.wanted()) return;
    this.#upsert.run(this.#hash(patronId), at, blocked ? 1 : 0);
  }

  /** Seen within `days` and not blocked the last time the library system was asked. */
  isTrusted(patronId: string, days: number, now = Date.now()): boolean {
    const row = this.#find.get(this.#hash(patronId));
    return row !== undefined && row.blocked === 0 && now - row.seen_at <= days * DAY_MS;
  }

  /** Forgets cards not seen within `days` (the offline window): they could not be let in anyway. */
  prune(days: number, now = Date.now()): number {
    return this.#prune.run(now - days * DAY_MS).changes;
  }

  #hash(patronId: string): string {
    return createHmac('sha256', this.#loadKey()).update(patronId).digest('hex');
  }

  #loadKey(): Buffer {
    if (this.#key) return this.#key;
    const sealed = this.settings.getValue(KEY_SETTING);
    if (typeof sealed === 'string') {
      try {
        const key = Buffer.from(this.secrets.decrypt(sealed), 'base64');
        if (key.length === 32) {
          this.#key = key;
          return key;
        }
      } catch (err) {
        // The keychain or key file changed (a restored backup, another user): the old hashes
        // cannot be checked any more. Patrons are simply seen again online.
        this.log?.('seen cards: the hashing key could not be unsealed; starting a new list', err);
      }
    }
    const key = randomBytes(32);
    this.#clear.run();
    this.settings.setValue(KEY_SETTING, this.secrets.encrypt(key.toString('base64')));
    this.#key = key;
    return key;
  }
}

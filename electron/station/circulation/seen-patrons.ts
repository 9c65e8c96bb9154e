import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SettingsRepo } from '../store/settings.js';

const KEY_SETTING = 'kiosk.cardHashKey';

/**
 * Cards identified online, remembered as keyed hashes (HMAC-SHA-256 with a per-station key) so the
 * offline policy can accept "patrons seen recently, not blocked" without the kiosk keeping a list
 * of card numbers.
 */
export class SeenPatrons {
  readonly #key: Buffer;
  readonly #upsert: Database.Statement<[string, number, number]>;
  readonly #find: Database.Statement<[string], { seen_at: number; blocked: number }>;

  constructor(db: Database.Database, settings: SettingsRepo) {
    let key = settings.getValue(KEY_SETTING);
    if (typeof key !== 'string') {
      key = randomBytes(32).toString('base64');
      settings.setValue(KEY_SETTING, key);
    }
    this.#key = Buffer.from(key as string, 'base64');
    this.#upsert = db.prepare(
      'INSERT INTO kiosk_patrons_seen (card_hash, seen_at, blocked) VALUES (?, ?, ?) ' +
        'ON CONFLICT (card_hash) DO UPDATE SET seen_at = excluded.seen_at, blocked = excluded.blocked',
    );
    this.#find = db.prepare('SELECT seen_at, blocked FROM kiosk_patrons_seen WHERE card_hash = ?');
  }

  record(patronId: string, blocked: boolean, at = Date.now()): void {
    this.#upsert.run(this.#hash(patronId), at, blocked ? 1 : 0);
  }

  /** Seen within `days` and not blocked the last time the library system was asked. */
  isTrusted(patronId: string, days: number, now = Date.now()): boolean {
    const row = this.#find.get(this.#hash(patronId));
    return row !== undefined && row.blocked === 0 && now - row.seen_at <= days * 86_400_000;
  }

  #hash(patronId: string): string {
    return createHmac('sha256', this.#key).update(patronId).digest('hex');
  }
}

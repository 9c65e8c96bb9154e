import type Database from 'better-sqlite3';
import { LANGUAGES, Settings } from '../contract/index.js';
import { defaultTimeZone } from '../time-zone.js';

/** What a new station has; the zone is read when asked, so `BITIG_TIME_ZONE` set later counts. */
const defaults = (): Settings => ({
  setupComplete: false,
  role: null,
  mode: null,
  language: LANGUAGES[0],
  timeZone: defaultTimeZone(),
});

/** The station's settings, one JSON value per key, so adding a setting needs no migration. */
export class SettingsRepo {
  readonly #select: Database.Statement<[], { key: string; value: string }>;
  readonly #upsert: Database.Statement<[string, string, string]>;
  readonly #selectOne: Database.Statement<[string], { value: string }>;

  constructor(private readonly db: Database.Database) {
    this.#select = db.prepare('SELECT key, value FROM settings');
    this.#selectOne = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.#upsert = db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
  }

  get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of this.#select.all()) stored[row.key] = JSON.parse(row.value);
    // Unknown or invalid stored values fall back to defaults field by field, never failing start-up.
    const merged = defaults();
    for (const key of Object.keys(merged) as (keyof Settings)[]) {
      const field = Settings.shape[key].safeParse(stored[key]);
      if (field.success) (merged as Record<string, unknown>)[key] = field.data;
    }
    return merged;
  }

  /** A value stored under its own key (e.g. the kiosk's configuration), or undefined. */
  getValue(key: string): unknown {
    const row = this.#selectOne.get(key);
    return row ? JSON.parse(row.value) : undefined;
  }

  setValue(key: string, value: unknown): void {
    this.#upsert.run(key, JSON.stringify(value), new Date().toISOString());
  }

  update(patch: Partial<Settings>): Settings {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) this.#upsert.run(key, JSON.stringify(value), now);
      }
    })();
    return this.get();
  }
}

import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  PAGE_SIZE_MAX,
  PageSize,
  type SavedScanProfile,
  SCAN_PROFILES_MAX,
  ScanProfile,
  ScanProfileId,
  ScanProfileName,
  type ScanProfileSaved,
  ScanProfileSaveInput,
} from '../contract/digitization.js';
import { StationError } from '../errors.js';
import type { SettingsRepo } from '../store/settings.js';
import { DigitizationError } from './errors.js';

/** The settings key the station's saved profiles live under (one JSON value, like every setting). */
export const SCAN_PROFILES_KEY = 'scanProfiles';

/**
 * One saved profile as stored. The profile is read with the contract's defaults (no pageSize:
 * max), and fields this version does not know are dropped rather than losing the whole profile.
 */
export const StoredScanProfile = z.object({
  id: ScanProfileId,
  name: ScanProfileName,
  profile: z.object(ScanProfile.shape),
});
export type StoredScanProfile = z.infer<typeof StoredScanProfile>;

export interface StoredScanProfiles {
  profiles: StoredScanProfile[];
  defaultId: string | null;
}

/**
 * The stored value, read leniently: a profile that no longer validates is left out rather than
 * failing the whole list (like the station's other settings, a bad value never stops the screens),
 * so is a second profile with an id or name already read, and a default naming no profile is none.
 */
export function readStoredScanProfiles(value: unknown): StoredScanProfiles {
  const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const profiles: StoredScanProfile[] = [];
  for (const entry of Array.isArray(raw.profiles) ? raw.profiles : []) {
    const parsed = StoredScanProfile.safeParse(entry);
    if (!parsed.success) continue;
    const taken = profiles.some((p) => p.id === parsed.data.id || sameName(p.name, parsed.data.name));
    if (!taken) profiles.push(parsed.data);
  }
  const defaultId =
    typeof raw.defaultId === 'string' && profiles.some((p) => p.id === raw.defaultId) ? raw.defaultId : null;
  return { profiles, defaultId };
}

/** Names are one name whatever their case ("Books A4" and "books a4"). */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The page size a job's recorded profile asks for. Jobs created before page sizes existed have
 * none, and capture scanned the whole area for them: they keep doing so.
 */
export function pageSizeOf(profile: { pageSize?: unknown }): PageSize {
  const parsed = PageSize.safeParse(profile.pageSize ?? PAGE_SIZE_MAX);
  return parsed.success ? parsed.data : PAGE_SIZE_MAX;
}

/**
 * The station's named scan profiles (device, source, mode, resolution, page size), one of which
 * may be the default that new jobs start from. Kept in the station's settings under
 * `scanProfiles`, so they belong to this station and need no migration. Holds no state of its own:
 * every call reads the stored value, and every change is one read-modify-write in a transaction
 * that takes the write lock first (`bitig` commands on the same data directory cannot interleave).
 */
export class ScanProfiles {
  constructor(
    private readonly settings: Pick<SettingsRepo, 'getValue' | 'setValue'>,
    private readonly db?: Pick<Database.Database, 'transaction'>,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Every saved profile, by name. */
  list(): SavedScanProfile[] {
    return present(this.#read());
  }

  /** The profile new jobs start from, or null. */
  defaultProfile(): SavedScanProfile | null {
    return this.list().find((p) => p.isDefault) ?? null;
  }

  get(id: string): SavedScanProfile {
    const found = this.list().find((p) => p.id === id);
    if (!found) throw notFound(id);
    return found;
  }

  /**
   * Creates a profile (no `id`) or changes one. Names are unique on the station whatever their
   * case (SCAN_PROFILE_NAME_TAKEN); an unknown `id` is SCAN_PROFILE_NOT_FOUND; a station holds at
   * most SCAN_PROFILES_MAX (SCAN_PROFILE_LIMIT).
   */
  save(input: z.input<typeof ScanProfileSaveInput>): ScanProfileSaved {
    const parsed = ScanProfileSaveInput.safeParse(input);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(input)'))];
      throw new StationError(
        'VALIDATION',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
        fields,
      );
    }
    const { id, name, profile, makeDefault } = parsed.data;
    let savedId = id ?? '';
    const after = this.#change((stored) => {
      const clash = stored.profiles.find((p) => p.id !== id && sameName(p.name, name));
      if (clash) {
        throw new DigitizationError(
          'SCAN_PROFILE_NAME_TAKEN',
          `This station already has a scan profile named "${clash.name}".`,
        );
      }
      let profiles: StoredScanProfile[];
      if (id === undefined) {
        if (stored.profiles.length >= SCAN_PROFILES_MAX) {
          throw new DigitizationError(
            'SCAN_PROFILE_LIMIT',
            `A station keeps at most ${SCAN_PROFILES_MAX} scan profiles; delete one first.`,
          );
        }
        savedId = this.newId();
        profiles = [...stored.profiles, { id: savedId, name, profile }];
      } else {
        if (!stored.profiles.some((p) => p.id === id)) throw notFound(id);
        profiles = stored.profiles.map((p) => (p.id === id ? { id, name, profile } : p));
      }
      const wasDefault = stored.defaultId !== null && stored.defaultId === savedId;
      const defaultId =
        makeDefault === true ? savedId : makeDefault === false && wasDefault ? null : stored.defaultId;
      return { profiles, defaultId };
    });
    const profiles = present(after);
    return { saved: profiles.find((p) => p.id === savedId)!, profiles };
  }

  /** Deletes a profile. Deleting the default leaves no default: no other profile is promoted unasked. */
  delete(id: string): SavedScanProfile[] {
    return present(
      this.#change((stored) => {
        if (!stored.profiles.some((p) => p.id === id)) throw notFound(id);
        return {
          profiles: stored.profiles.filter((p) => p.id !== id),
          defaultId: stored.defaultId === id ? null : stored.defaultId,
        };
      }),
    );
  }

  /** Makes a profile the default for new jobs; null: no default. */
  setDefault(id: string | null): SavedScanProfile[] {
    return present(
      this.#change((stored) => {
        if (id !== null && !stored.profiles.some((p) => p.id === id)) throw notFound(id);
        return { ...stored, defaultId: id };
      }),
    );
  }

  #read(): StoredScanProfiles {
    return readStoredScanProfiles(this.settings.getValue(SCAN_PROFILES_KEY));
  }

  #change(change: (stored: StoredScanProfiles) => StoredScanProfiles): StoredScanProfiles {
    const run = () => {
      const next = change(this.#read());
      this.settings.setValue(SCAN_PROFILES_KEY, next);
      return next;
    };
    return this.db ? this.db.transaction(run).immediate() : run();
  }
}

function present(stored: StoredScanProfiles): SavedScanProfile[] {
  return stored.profiles
    .map((p) => ({ id: p.id, name: p.name, profile: p.profile, isDefault: p.id === stored.defaultId }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

function notFound(id: string): DigitizationError {
  return new DigitizationError('SCAN_PROFILE_NOT_FOUND', `There is no scan profile ${id}.`);
}

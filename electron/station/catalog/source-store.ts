import { z } from 'zod';
import { StationError } from '../errors.js';
import type { SecretBox } from '../store/secrets.js';
import type { SettingsRepo } from '../store/settings.js';
import { CatalogError } from './errors.js';
import { CatalogSource } from './types.js';

/** One settings value holds the list, so its order (the order sources are tried) is saved whole. */
const KEY = 'catalog.sources';

const Stored = z.array(
  z.object({
    source: CatalogSource,
    user: z.string().nullable(),
    /** The password sealed by the station's SecretBox; never stored or sent in clear. */
    sealedPassword: z.string().nullable(),
  }),
);
type Stored = z.infer<typeof Stored>[number];

/** A source with its login, as a lookup needs it. */
export interface SourceWithLogin {
  source: CatalogSource;
  credentials?: { user: string; password: string };
}

/** A login change: absent keeps the stored one, null removes it; no password keeps the stored password. */
export type LoginChange = { user: string; password?: string } | null | undefined;

/**
 * The site's catalog sources in the order they are tried, with their logins encrypted like the SIP2
 * password. Names are unique regardless of case, since the CLI and the screens name sources by them.
 */
export class CatalogSourceStore {
  constructor(
    private readonly settings: SettingsRepo,
    private readonly secrets: SecretBox,
  ) {}

  #read(): Stored[] {
    const parsed = Stored.safeParse(this.settings.getValue(KEY) ?? []);
    // A value this version cannot read is not thrown away: it stays until staff save the list again.
    return parsed.success ? parsed.data : [];
  }

  #write(list: Stored[]): void {
    this.settings.setValue(KEY, list);
  }

  /** The sources as the screens see them: the login's user and whether a password is kept. */
  list(): { source: CatalogSource; user: string | null; passwordSet: boolean }[] {
    return this.#read().map((s) => ({
      source: s.source,
      user: s.user,
      passwordSet: s.sealedPassword !== null,
    }));
  }

  /** The sources with their logins opened, for lookups. */
  withLogins(): SourceWithLogin[] {
    return this.#read().map((s) => this.#open(s));
  }

  /** One saved source with its login, or undefined. */
  find(name: string): SourceWithLogin | undefined {
    const found = this.#read().find((s) => sameName(s.source.name, name));
    return found && this.#open(found);
  }

  /**
   * Adds a source (no `replaces`) at the end, or changes the one named `replaces` in its place.
   * The login follows LoginChange; a renamed source keeps its login unless told otherwise.
   */
  save(source: CatalogSource, replaces: string | undefined, login: LoginChange): void {
    const list = this.#read();
    const at = replaces === undefined ? -1 : list.findIndex((s) => sameName(s.source.name, replaces));
    if (replaces !== undefined && at < 0) throw notFound(replaces);
    if (list.some((s, i) => i !== at && sameName(s.source.name, source.name))) {
      throw new CatalogError('CATALOG_SOURCE_NAME_TAKEN', `There is already a source named ${source.name}`);
    }
    const before = at >= 0 ? list[at]! : { user: null, sealedPassword: null };
    const entry: Stored = { source, user: before.user, sealedPassword: before.sealedPassword };
    if (login === null) {
      entry.user = null;
      entry.sealedPassword = null;
    } else if (login !== undefined) {
      entry.user = login.user;
      if (login.password !== undefined) entry.sealedPassword = this.secrets.encrypt(login.password);
    }
    if (at >= 0) list[at] = entry;
    else list.push(entry);
    this.#write(list);
  }

  remove(name: string): void {
    const list = this.#read();
    const next = list.filter((s) => !sameName(s.source.name, name));
    if (next.length === list.length) throw notFound(name);
    this.#write(next);
  }

  /** Puts the sources in the order of `names`, which must name each saved source once. */
  reorder(names: string[]): void {
    const list = this.#read();
    const ordered = names.map((name) => {
      const found = list.find((s) => sameName(s.source.name, name));
      if (!found) throw notFound(name);
      return found;
    });
    if (new Set(ordered).size !== list.length || ordered.length !== list.length) {
      throw new StationError('VALIDATION', 'Give every saved source once to reorder them', ['names']);
    }
    this.#write(ordered);
  }

  /**
   * The login a test of an unsaved or edited source uses: the change given, else the stored one of
   * the source it replaces.
   */
  loginFor(replaces: string | undefined, login: LoginChange): SourceWithLogin['credentials'] {
    const stored = replaces === undefined ? undefined : this.find(replaces)?.credentials;
    if (login === null) return undefined;
    if (login === undefined) return stored;
    return { user: login.user, password: login.password ?? stored?.password ?? '' };
  }

  #open(s: Stored): SourceWithLogin {
    if (s.user === null) return { source: s.source };
    const password = s.sealedPassword === null ? '' : this.secrets.decrypt(s.sealedPassword);
    return { source: s.source, credentials: { user: s.user, password } };
  }
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('und') === b.trim().toLocaleLowerCase('und');
}

function notFound(name: string): CatalogError {
  return new CatalogError('CATALOG_SOURCE_NOT_FOUND', `There is no source named ${name}`);
}

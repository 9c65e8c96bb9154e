import { PackageSettings } from '../../contract/packaging.js';
import type { SettingsRepo } from '../../store/settings.js';

const KEY = 'packaging';

/** The site's package settings, one settings value; a value this version cannot read gives the defaults. */
export class PackageSettingsStore {
  constructor(private readonly settings: SettingsRepo) {}

  get(): PackageSettings {
    const parsed = PackageSettings.safeParse(this.settings.getValue(KEY) ?? {});
    return parsed.success ? parsed.data : PackageSettings.parse({});
  }

  save(next: PackageSettings): PackageSettings {
    const parsed = PackageSettings.parse(next);
    this.settings.setValue(KEY, parsed);
    return parsed;
  }
}

import { describe, expect, it } from 'vitest';
import type { ContractError, PackageSettings, Result } from '../../../electron/station/contract/index.js';
import { createI18n } from '../../../renderer/i18n/index.js';
import { createCatalogSourcesStore } from '../../../renderer/src/stores/catalog-sources.js';
import { createPackageSettingsStore } from '../../../renderer/src/stores/package-settings.js';
import {
  checkSettingsDraft,
  settingsDraft,
  withFormat,
} from '../../../renderer/src/stores/package-settings-form.js';
import { FakeApi } from './fake-api.js';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const PIN = '2468';

const DEFAULTS: PackageSettings = {
  formats: ['mets', 'alto', 'pdf', 'iiif', 'bagit'],
  layout: 'bag',
  pdfa: false,
  tiffInPdf: 'lossless',
  iiifBaseUrl: 'https://repository.example.org/iiif/{id}/',
  rights: null,
};

const RIGHTS = {
  owner: 'Alisher Navoiy nomidagi Oʻzbekiston Milliy kutubxonasi',
  ownerLogo: 'https://natlib.uz/logo.png',
  ownerSiteURL: 'https://natlib.uz/',
  ownerContact: 'info@natlib.uz',
  license: '',
  sponsor: '',
  reference: 'https://catalog.natlib.uz/record/{id}',
  presentation: '',
};

function setup(pin: string | null = PIN) {
  const api = new FakeApi();
  api.handle('packaging.settings', () => ok(DEFAULTS));
  api.handle('packaging.saveSettings', (input) => ok((input as { settings: PackageSettings }).settings));
  const refused: ContractError[] = [];
  const store = createPackageSettingsStore(api, {
    staffPin: () => pin,
    onPinRefused: (e) => refused.push(e),
  });
  return { api, store, refused, saves: () => api.calls.filter((c) => c.method === 'packaging.saveSettings') };
}

describe('the package settings form, pure', () => {
  it('keeps the formats in the contract’s order, whatever order they are ticked in', () => {
    expect(withFormat(['pdf'], 'mets', true)).toEqual(['mets', 'pdf']);
    expect(withFormat(['mets', 'pdf'], 'mets', false)).toEqual(['pdf']);
  });

  it('takes no rights fields as no statement, and a partial one as fields to fill in', () => {
    const draft = settingsDraft(DEFAULTS);
    expect(checkSettingsDraft(draft)).toEqual({ settings: DEFAULTS, problems: {} });
    const partial = checkSettingsDraft({ ...draft, rights: { ...draft.rights, sponsor: 'UNESCO' } });
    expect(partial.settings).toBeNull();
    expect(partial.problems).toMatchObject({
      'rights.owner': { kind: 'required' },
      'rights.ownerLogo': { kind: 'url' },
      'rights.ownerSiteURL': { kind: 'url' },
      'rights.ownerContact': { kind: 'required' },
    });
  });

  it('refuses no format, and a IIIF base that is no web address', () => {
    const draft = settingsDraft(DEFAULTS);
    const { problems } = checkSettingsDraft({ ...draft, formats: [], iiifBaseUrl: 'ftp://x/' });
    expect(problems).toEqual({ formats: { kind: 'required' }, iiifBaseUrl: { kind: 'url' } });
  });
});

describe('Settings → Packages', () => {
  it('a logo that is no web address: a translated problem next to the field, and no call', async () => {
    const t = setup();
    await t.store.getState().load();
    t.store.getState().update((d) => ({ ...d, rights: { ...RIGHTS, ownerLogo: 'logo.png' } }));
    expect(await t.store.getState().save()).toBe(false);
    expect(t.saves()).toEqual([]);
    const problem = t.store.getState().problems['rights.ownerLogo'];
    expect(problem).toEqual({ kind: 'url' });
    const ru = createI18n('ru').t(($) => $.operator.sources.problem.url, {
      http: 'http://',
      https: 'https://',
    });
    expect(ru).toContain('веб-адрес');
    // Fixed as the operator types: the problem goes at once.
    t.store.getState().update((d) => ({ ...d, rights: { ...d.rights, ownerLogo: RIGHTS.ownerLogo } }));
    expect(t.store.getState().problems).toEqual({});
  });

  it('saves the settings with the staff PIN, empty optional fields as none', async () => {
    const t = setup();
    await t.store.getState().load();
    const st = t.store.getState();
    st.update((d) => ({
      ...d,
      formats: ['mets', 'pdf'],
      layout: 'goobi',
      pdfa: true,
      tiffInPdf: 'jpeg',
      rights: RIGHTS,
    }));
    expect(await t.store.getState().save()).toBe(true);
    expect(t.saves().map((c) => c.input)).toEqual([
      {
        staffPin: PIN,
        settings: {
          ...DEFAULTS,
          formats: ['mets', 'pdf'],
          layout: 'goobi',
          pdfa: true,
          tiffInPdf: 'jpeg',
          rights: { ...RIGHTS, license: null, sponsor: null, presentation: null },
        },
      },
    ]);
    expect(t.store.getState().saved).toBe(true);
  });

  it('a refused PIN locks the Settings section; another refusal shows in the part', async () => {
    const t = setup();
    await t.store.getState().load();
    const wrong: ContractError = { code: 'STAFF_PIN_WRONG', message: 'wrong' };
    t.api.handle('packaging.saveSettings', () => ({ ok: false, error: wrong }));
    await t.store.getState().save();
    expect(t.refused).toEqual([wrong]);
    expect(t.store.getState().saveError).toBeNull();

    const other: ContractError = { code: 'VALIDATION', message: 'bad' };
    t.api.handle('packaging.saveSettings', () => ({ ok: false, error: other }));
    await t.store.getState().save();
    expect(t.store.getState().saveError).toEqual(other);
  });

  it('the catalog sources’ gate goes back to asking the PIN when another part had it refused', () => {
    const sources = createCatalogSourcesStore(new FakeApi());
    sources.setState({ phase: 'ready', staffPin: PIN });
    const locked: ContractError = { code: 'STAFF_PIN_LOCKED', message: 'locked' };
    sources.getState().pinRefused(locked);
    expect(sources.getState()).toMatchObject({ phase: 'pin', staffPin: null, pinError: locked });
  });

  it('sends nothing while the section is locked', async () => {
    const t = setup(null);
    await t.store.getState().load();
    expect(await t.store.getState().save()).toBe(false);
    expect(t.saves()).toEqual([]);
  });
});

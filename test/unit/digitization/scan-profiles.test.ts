import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parsePageSize } from '../../../electron/station/cli/commands/scan.js';
import {
  JobCreateInput,
  METHOD_NAMES,
  PageSize,
  SCAN_PROFILES_MAX,
  ScanProfile,
  ScanProfileName,
  ScanProfileSaveInput,
} from '../../../electron/station/contract/index.js';
import {
  pageSizeOf,
  readStoredScanProfiles,
  SCAN_PROFILES_KEY,
  ScanProfiles,
} from '../../../electron/station/digitization/scan-profiles.js';
import { StationError } from '../../../electron/station/errors.js';

/** The settings table's API over a Map (values go through JSON, as in SQLite). */
function memorySettings() {
  const values = new Map<string, string>();
  return {
    values,
    getValue: (key: string) => (values.has(key) ? JSON.parse(values.get(key)!) : undefined),
    setValue: (key: string, value: unknown) => void values.set(key, JSON.stringify(value)),
  };
}

function messages(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

function refusal(fn: () => unknown): StationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  }
  throw new Error('expected a refusal');
}

const A4_GRAY = { source: 'flatbed', mode: 'gray', resolution: 300, pageSize: 'a4' } as const;

describe('the job profile’s page size', () => {
  it('reads a profile without a page size as max (jobs made before page sizes)', () => {
    expect(ScanProfile.parse({ source: 'adf', mode: 'gray', resolution: 300 })).toEqual({
      source: 'adf',
      mode: 'gray',
      resolution: 300,
      pageSize: 'max',
    });
    expect(JobCreateInput.parse({ itemBarcode: '3100009' }).profile.pageSize).toBe('max');
    expect(pageSizeOf({})).toBe('max');
    expect(pageSizeOf({ pageSize: 'a5' })).toBe('a5');
    // A recorded value this version cannot read is scanned as before page sizes existed.
    expect(pageSizeOf({ pageSize: 'a0' })).toBe('max');
  });

  it('takes every named size, max and a custom size in millimetres', () => {
    for (const size of ['a3', 'a4', 'a5', 'b5', 'letter', 'legal', 'max'])
      expect(PageSize.parse(size)).toBe(size);
    expect(PageSize.parse({ widthMm: 215.9, heightMm: 279.4 })).toEqual({ widthMm: 215.9, heightMm: 279.4 });
  });

  it('refuses bad custom sizes, saying which edge and why', () => {
    expect(messages(PageSize.safeParse({ widthMm: 5, heightMm: 297 }))).toEqual([
      'widthMm: widthMm must be at least 10 mm',
    ]);
    expect(messages(PageSize.safeParse({ widthMm: 210, heightMm: 6000 }))).toEqual([
      'heightMm: heightMm must be at most 5000 mm',
    ]);
    expect(messages(PageSize.safeParse({ widthMm: 1200, heightMm: -1 }))).toEqual([
      'widthMm: widthMm must be at most 1000 mm',
      'heightMm: heightMm must be at least 10 mm',
    ]);
    // Not a number at all: not a size of any kind, and the message says what sizes are.
    expect(messages(PageSize.safeParse({ widthMm: '210', heightMm: 297 }))).toEqual([
      ': a page size is one of a4, a3, a5, b5, letter, legal, max, or { widthMm, heightMm }',
    ]);
    expect(messages(PageSize.safeParse('a0'))[0]).toMatch(
      /a page size is one of a4, a3, a5, b5, letter, legal, max/,
    );
    expect(PageSize.safeParse({ widthMm: 210, heightMm: 297, depthMm: 1 }).success).toBe(false);
  });
});

describe('saved profile names', () => {
  it('are trimmed, with runs of white space made one', () => {
    expect(ScanProfileName.parse('  Books   A4\tgrey ')).toBe('Books A4 grey');
    expect(ScanProfileName.parse('Kitoblar Oʻzbek A4')).toBe('Kitoblar Oʻzbek A4');
  });

  it('refuses empty, long and control-character names with a clear message', () => {
    expect(messages(ScanProfileName.safeParse('   '))).toEqual([': name must not be empty']);
    expect(messages(ScanProfileName.safeParse('x'.repeat(61)))).toEqual([
      ': name must be at most 60 characters',
    ]);
    expect(ScanProfileName.safeParse(` ${'x'.repeat(60)} `).success).toBe(true);
    expect(messages(ScanProfileName.safeParse('Books\u0000A4'))).toEqual([
      ': name must not contain control characters',
    ]);
    expect(messages(ScanProfileName.safeParse(42))).toEqual([': name must be text']);
  });

  it('are checked as part of the save input, with the field named', () => {
    const result = ScanProfileSaveInput.safeParse({ name: '', profile: A4_GRAY });
    expect(messages(result)).toEqual(['name: name must not be empty']);
    const size = ScanProfileSaveInput.safeParse({
      name: 'Maps',
      profile: { ...A4_GRAY, pageSize: { widthMm: 0, heightMm: 100 } },
    });
    expect(messages(size)).toEqual(['profile.pageSize.widthMm: widthMm must be at least 10 mm']);
  });

  it('has its contract methods named', () => {
    for (const m of [
      'scanProfiles.list',
      'scanProfiles.save',
      'scanProfiles.delete',
      'scanProfiles.setDefault',
    ])
      expect(METHOD_NAMES).toContain(m);
  });
});

describe('the station’s saved profiles', () => {
  let n = 0;
  const newId = () => `p${++n}`;

  it('refuses a duplicate name whatever its case, on create and on rename', () => {
    const profiles = new ScanProfiles(memorySettings(), undefined, newId);
    profiles.save({ name: 'Books A4', profile: A4_GRAY });
    const other = profiles.save({ name: 'Maps', profile: { ...A4_GRAY, pageSize: 'a3' } }).saved;
    const dup = refusal(() => profiles.save({ name: '  books   a4 ', profile: A4_GRAY }));
    expect(dup.code).toBe('SCAN_PROFILE_NAME_TAKEN');
    expect(dup.message).toBe('This station already has a scan profile named "Books A4".');
    expect(refusal(() => profiles.save({ id: other.id, name: 'BOOKS A4', profile: A4_GRAY })).code).toBe(
      'SCAN_PROFILE_NAME_TAKEN',
    );
    // Its own name, in another case, is no clash.
    expect(profiles.save({ id: other.id, name: 'MAPS', profile: A4_GRAY }).saved.name).toBe('MAPS');
    expect(profiles.list().map((p) => p.name)).toEqual(['Books A4', 'MAPS']);
  });

  it('refuses bad input with VALIDATION and the fields, even when not called through the contract', () => {
    const profiles = new ScanProfiles(memorySettings(), undefined, newId);
    const err = refusal(() =>
      profiles.save({ name: ' ', profile: { ...A4_GRAY, pageSize: { widthMm: 3, heightMm: 3 } } }),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.fields).toEqual(['name', 'profile.pageSize.widthMm', 'profile.pageSize.heightMm']);
    expect(err.message).toContain('name: name must not be empty');
    expect(err.message).toContain('profile.pageSize.widthMm: widthMm must be at least 10 mm');
  });

  it('refuses unknown ids and more than the most a station keeps', () => {
    const profiles = new ScanProfiles(memorySettings(), undefined, newId);
    expect(refusal(() => profiles.delete('nope')).code).toBe('SCAN_PROFILE_NOT_FOUND');
    expect(refusal(() => profiles.setDefault('nope')).code).toBe('SCAN_PROFILE_NOT_FOUND');
    expect(refusal(() => profiles.save({ id: 'nope', name: 'X', profile: A4_GRAY })).code).toBe(
      'SCAN_PROFILE_NOT_FOUND',
    );
    for (let i = 0; i < SCAN_PROFILES_MAX; i++) profiles.save({ name: `Profile ${i}`, profile: A4_GRAY });
    expect(refusal(() => profiles.save({ name: 'One more', profile: A4_GRAY })).code).toBe(
      'SCAN_PROFILE_LIMIT',
    );
    // Listed by name as people read numbers: 2 before 10.
    expect(
      profiles
        .list()
        .slice(0, 3)
        .map((p) => p.name),
    ).toEqual(['Profile 0', 'Profile 1', 'Profile 2']);
  });

  it('reads a stored profile without a page size as max, and skips what does not validate', () => {
    const settings = memorySettings();
    settings.setValue(SCAN_PROFILES_KEY, {
      profiles: [
        { id: 'old', name: 'Before page sizes', profile: { source: 'adf', mode: 'gray', resolution: 300 } },
        { id: 'bad', name: '', profile: A4_GRAY },
        { id: 'twin', name: 'before PAGE sizes', profile: A4_GRAY },
        { id: 'future', name: 'Later', profile: { ...A4_GRAY, format: 'png' } },
      ],
      defaultId: 'bad',
    });
    const list = new ScanProfiles(settings).list();
    expect(list).toEqual([
      {
        id: 'old',
        name: 'Before page sizes',
        profile: { source: 'adf', mode: 'gray', resolution: 300, pageSize: 'max' },
        isDefault: false,
      },
      { id: 'future', name: 'Later', profile: A4_GRAY, isDefault: false },
    ]);
    expect(readStoredScanProfiles('garbage')).toEqual({ profiles: [], defaultId: null });
  });

  it('keeps one default: set, moved, cleared by unticking, and gone with its profile', () => {
    const profiles = new ScanProfiles(memorySettings(), undefined, newId);
    const a = profiles.save({ name: 'A', profile: A4_GRAY, makeDefault: true }).saved;
    expect(a.isDefault).toBe(true);
    const b = profiles.save({ name: 'B', profile: A4_GRAY }).saved;
    expect(profiles.defaultProfile()?.id).toBe(a.id);
    expect(
      profiles
        .setDefault(b.id)
        .filter((p) => p.isDefault)
        .map((p) => p.id),
    ).toEqual([b.id]);
    // Saving A without a word about the default leaves B the default; makeDefault: false on B clears it.
    profiles.save({ id: a.id, name: 'A', profile: A4_GRAY });
    expect(profiles.defaultProfile()?.id).toBe(b.id);
    profiles.save({ id: a.id, name: 'A', profile: A4_GRAY, makeDefault: false });
    expect(profiles.defaultProfile()?.id).toBe(b.id);
    profiles.save({ id: b.id, name: 'B', profile: A4_GRAY, makeDefault: false });
    expect(profiles.defaultProfile()).toBeNull();
    profiles.setDefault(a.id);
    expect(profiles.delete(a.id).map((p) => [p.name, p.isDefault])).toEqual([['B', false]]);
    expect(profiles.defaultProfile()).toBeNull();
    expect(profiles.setDefault(null).every((p) => !p.isDefault)).toBe(true);
  });
});

describe('bitig scan --page-size', () => {
  it('takes the named sizes, max and <W>x<H>mm', () => {
    expect(parsePageSize('A4')).toBe('a4');
    expect(parsePageSize('letter')).toBe('letter');
    expect(parsePageSize('max')).toBe('max');
    expect(parsePageSize('200x280mm')).toEqual({ widthMm: 200, heightMm: 280 });
    expect(parsePageSize('215.9x279.4mm')).toEqual({ widthMm: 215.9, heightMm: 279.4 });
  });

  it('refuses what is not one, saying why', () => {
    expect(() => parsePageSize('a0')).toThrow(InvalidArgumentError);
    expect(() => parsePageSize('a0')).toThrow(/not a page size: use a4, a3, a5, b5, letter, legal, max/);
    expect(() => parsePageSize('210x297')).toThrow(/not a page size/);
    expect(() => parsePageSize('5x297mm')).toThrow('widthMm must be at least 10 mm');
    expect(() => parsePageSize('210x9000mm')).toThrow('heightMm must be at most 5000 mm');
  });
});

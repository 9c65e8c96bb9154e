import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ContractError,
  MethodName,
  Result,
  SavedScanProfile,
  ScanProfileSaved,
} from '../../../electron/station/contract/index.js';
import { SCAN_PROFILES_KEY } from '../../../electron/station/digitization/scan-profiles.js';
import { Station } from '../../../electron/station/station.js';

/**
 * Saved scan profiles through the contract, on a real SQLite store: they are the station's own
 * (its settings table), outlive the station object, and keep at most one default.
 */
let dir: string;
let station: Station;

function open(): Station {
  return Station.open({ dataDir: dir, host: 'web' });
}

async function call<T>(method: MethodName, input: unknown = {}): Promise<Result<T>> {
  return (await station.dispatch(method, input)) as Result<T>;
}

async function ok<T>(method: MethodName, input: unknown = {}): Promise<T> {
  const result = await call<T>(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function refused(method: MethodName, input: unknown): Promise<ContractError> {
  const result = await call(method, input);
  if (result.ok) throw new Error(`${method} was expected to fail`);
  return result.error;
}

const BOOKS = { device: 'demo:feeder', source: 'adf', mode: 'gray', resolution: 300, pageSize: 'a4' };
const MAPS = { source: 'flatbed', mode: 'color', resolution: 600, pageSize: { widthMm: 200, heightMm: 280 } };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-profiles-'));
  station = open();
  // Saved profiles are a scanning station's: a station not set up refuses them (NOT_SET_UP).
  station.settings.update({ setupComplete: true, role: 'station', mode: 'demo' });
});
afterEach(async () => {
  await station.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('saved scan profiles', () => {
  it('are kept in the station’s settings and survive a restart of the station', async () => {
    expect(await ok('scanProfiles.list')).toEqual([]);
    const books = await ok<ScanProfileSaved>('scanProfiles.save', {
      name: '  Books  A4 ',
      profile: BOOKS,
      makeDefault: true,
    });
    expect(books.saved).toMatchObject({ name: 'Books A4', profile: BOOKS, isDefault: true });
    expect(books.saved.id).toMatch(/^[0-9a-f-]{36}$/);
    await ok('scanProfiles.save', { name: 'Maps', profile: MAPS });

    await station.close();
    station = open();
    const list = await ok<SavedScanProfile[]>('scanProfiles.list');
    expect(list).toEqual([
      { id: books.saved.id, name: 'Books A4', profile: BOOKS, isDefault: true },
      { id: expect.any(String), name: 'Maps', profile: MAPS, isDefault: false },
    ]);
    // One JSON value under one key, as every setting.
    const row = station.store.db
      .prepare('SELECT value FROM settings WHERE key = ?')
      .get(SCAN_PROFILES_KEY) as {
      value: string;
    };
    expect(JSON.parse(row.value)).toMatchObject({ defaultId: books.saved.id });
  });

  it('fill in the contract’s defaults: a profile saved with only a source scans the whole area', async () => {
    const { saved } = await ok<ScanProfileSaved>('scanProfiles.save', {
      name: 'Feeder',
      profile: { source: 'adf' },
    });
    expect(saved.profile).toEqual({ source: 'adf', mode: 'gray', resolution: 300, pageSize: 'max' });
  });

  it('refuse a second profile of the same name (any case) with a typed error', async () => {
    await ok('scanProfiles.save', { name: 'Books A4', profile: BOOKS });
    const err = await refused('scanProfiles.save', { name: 'BOOKS a4', profile: MAPS });
    expect(err).toEqual({
      code: 'SCAN_PROFILE_NAME_TAKEN',
      message: 'This station already has a scan profile named "Books A4".',
    });
    expect(await ok<SavedScanProfile[]>('scanProfiles.list')).toHaveLength(1);
  });

  it('refuse bad names and sizes as VALIDATION naming the fields', async () => {
    expect(await refused('scanProfiles.save', { name: ' ', profile: BOOKS })).toMatchObject({
      code: 'VALIDATION',
      fields: ['name'],
    });
    expect(
      await refused('scanProfiles.save', {
        name: 'Tiny',
        profile: { ...BOOKS, pageSize: { widthMm: 2, heightMm: 300 } },
      }),
    ).toMatchObject({ code: 'VALIDATION', fields: ['profile.pageSize.widthMm'] });
    expect(await refused('scanProfiles.save', { name: 'x'.repeat(61), profile: BOOKS })).toMatchObject({
      code: 'VALIDATION',
      fields: ['name'],
    });
  });

  it('change a profile in place, keeping its id and whether it is the default', async () => {
    const { saved } = await ok<ScanProfileSaved>('scanProfiles.save', {
      name: 'Books',
      profile: BOOKS,
      makeDefault: true,
    });
    const changed = await ok<ScanProfileSaved>('scanProfiles.save', {
      id: saved.id,
      name: 'Books A5',
      profile: { ...BOOKS, pageSize: 'a5' },
    });
    expect(changed.saved).toEqual({
      id: saved.id,
      name: 'Books A5',
      profile: { ...BOOKS, pageSize: 'a5' },
      isDefault: true,
    });
    expect(changed.profiles).toHaveLength(1);
    expect(await refused('scanProfiles.save', { id: 'gone', name: 'X', profile: BOOKS })).toMatchObject({
      code: 'SCAN_PROFILE_NOT_FOUND',
    });
  });

  it('keep at most one default, and deleting the default leaves none', async () => {
    const a = (
      await ok<ScanProfileSaved>('scanProfiles.save', { name: 'A', profile: BOOKS, makeDefault: true })
    ).saved;
    const b = (
      await ok<ScanProfileSaved>('scanProfiles.save', { name: 'B', profile: MAPS, makeDefault: true })
    ).saved;
    let list = await ok<SavedScanProfile[]>('scanProfiles.list');
    expect(list.map((p) => [p.name, p.isDefault])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    list = await ok<SavedScanProfile[]>('scanProfiles.setDefault', { id: a.id });
    expect(list.map((p) => [p.name, p.isDefault])).toEqual([
      ['A', true],
      ['B', false],
    ]);

    // Deleting the default: no other profile is promoted unasked, and that holds after a restart.
    list = await ok<SavedScanProfile[]>('scanProfiles.delete', { id: a.id });
    expect(list).toEqual([{ id: b.id, name: 'B', profile: MAPS, isDefault: false }]);
    await station.close();
    station = open();
    expect((await ok<SavedScanProfile[]>('scanProfiles.list')).some((p) => p.isDefault)).toBe(false);

    expect(await refused('scanProfiles.delete', { id: a.id })).toMatchObject({
      code: 'SCAN_PROFILE_NOT_FOUND',
    });
    expect(await refused('scanProfiles.setDefault', { id: a.id })).toMatchObject({
      code: 'SCAN_PROFILE_NOT_FOUND',
    });
    await ok('scanProfiles.setDefault', { id: b.id });
    expect(await ok<SavedScanProfile[]>('scanProfiles.setDefault', { id: null })).toEqual([
      { id: b.id, name: 'B', profile: MAPS, isDefault: false },
    ]);
  });

  it('are the same whichever process writes them (another station object on the same data directory)', async () => {
    const other = open();
    try {
      await other.dispatch('scanProfiles.save', { name: 'From the command line', profile: BOOKS });
      expect((await ok<SavedScanProfile[]>('scanProfiles.list')).map((p) => p.name)).toEqual([
        'From the command line',
      ]);
      const result = (await other.dispatch('scanProfiles.save', {
        name: 'from the COMMAND line',
        profile: MAPS,
      })) as Result<unknown>;
      expect(result.ok ? null : result.error.code).toBe('SCAN_PROFILE_NAME_TAKEN');
    } finally {
      await other.close();
    }
  });
});

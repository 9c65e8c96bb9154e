import { describe, expect, it } from 'vitest';
import type { Result, SavedScanProfile } from '../../../electron/station/contract/index.js';
import { profileOf } from '../../../renderer/src/stores/jobs/capture.js';
import { createJobsStore } from '../../../renderer/src/stores/jobs.js';
import {
  millimetres,
  nameProblem,
  pageSizeChoice,
  pageSizeFor,
  pageSizeValid,
  sameProfile,
} from '../../../renderer/src/stores/profile-fields.js';
import { createScanProfilesStore } from '../../../renderer/src/stores/scan-profiles.js';
import { FakeApi } from './fake-api.js';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

const BOOKS: SavedScanProfile = {
  id: 'b',
  name: 'Books A4',
  profile: { device: 'demo:feeder', source: 'adf', mode: 'gray', resolution: 300, pageSize: 'a4' },
  isDefault: true,
};
const MAPS: SavedScanProfile = {
  id: 'm',
  name: 'Maps',
  profile: { source: 'flatbed', mode: 'color', resolution: 600, pageSize: { widthMm: 200, heightMm: 280 } },
  isDefault: false,
};

describe('profile fields', () => {
  it('name problems as the contract sees them', () => {
    expect(nameProblem('Books')).toBeNull();
    expect(nameProblem('   ')).toBe('empty');
    expect(nameProblem('x'.repeat(61))).toBe('long');
    expect(nameProblem('a\u0007b')).toBe('invalid');
  });

  it('page size choices and custom sizes being typed', () => {
    expect(pageSizeChoice(undefined)).toBe('max');
    expect(pageSizeChoice({ widthMm: 1, heightMm: 2 })).toBe('custom');
    expect(pageSizeFor('custom', 'a4')).toEqual({ widthMm: 210, heightMm: 297 });
    expect(pageSizeFor('custom', { widthMm: 100, heightMm: 150 })).toEqual({ widthMm: 100, heightMm: 150 });
    expect(pageSizeFor('a5', { widthMm: 100, heightMm: 150 })).toBe('a5');
    expect(millimetres(' 215,9 ')).toBe(215.9);
    expect(millimetres('')).toBeNaN();
    expect(pageSizeValid({ widthMm: Number.NaN, heightMm: 100 })).toBe(false);
    expect(pageSizeValid({ widthMm: 9, heightMm: 100 })).toBe(false);
    expect(pageSizeValid({ widthMm: 100, heightMm: 100 })).toBe(true);
    expect(
      sameProfile({ ...MAPS.profile }, { ...MAPS.profile, pageSize: { widthMm: 200, heightMm: 280 } }),
    ).toBe(true);
    expect(
      sameProfile(
        { source: 'adf', mode: 'gray', resolution: 300 },
        { ...BOOKS.profile, device: undefined, pageSize: 'max' },
      ),
    ).toBe(true);
  });

  it('a job recorded before page sizes is sent back without one', () => {
    const old = { source: 'adf', mode: 'gray', resolution: 300 };
    expect(profileOf({ profile: old }, BOOKS.profile)).toEqual(old);
    expect(profileOf({ profile: BOOKS.profile }, MAPS.profile)).toEqual(BOOKS.profile);
  });
});

describe('the new-job screen’s saved profiles', () => {
  function setup(list: SavedScanProfile[]) {
    const api = new FakeApi();
    api.handle('scanners.list', () => ok([]));
    api.handle('scanProfiles.list', () => ok(list));
    api.handle('jobs.create', (input) =>
      ok({
        id: 7,
        itemBarcode: '3100009',
        state: 'created',
        failedFrom: null,
        pageCount: 0,
        qcCounts: {},
        flaggedPages: 0,
        pendingPages: 0,
        createdAt: '2025-11-02T10:00:00Z',
        updatedAt: '2025-11-02T10:00:00Z',
        numbering: null,
        pages: [],
        undo: null,
        profile: (input as { profile: unknown }).profile,
        catalogRecord: null,
        events: [],
        allowedTransitions: ['capturing', 'rejected'],
        editable: true,
      }),
    );
    api.handle('jobs.get', () => ({ ok: false, error: { code: 'JOB_NOT_FOUND', message: 'x' } }));
    return { api, store: createJobsStore(api, { refreshDelayMs: 0 }) };
  }

  it('preselects the station’s default, fills its fields, and creates the job with its page size', async () => {
    const { api, store } = setup([BOOKS, MAPS]);
    store.getState().newJob();
    await settle();
    expect(store.getState().savedProfileId).toBe('b');
    expect(store.getState().profile).toEqual(BOOKS.profile);

    // Another saved profile, then a field changed for this job only.
    store.getState().chooseSavedProfile('m');
    expect(store.getState().profile).toEqual(MAPS.profile);
    store.getState().setProfile({ resolution: 400 });
    expect(store.getState().savedProfileId).toBe('m');
    expect(sameProfile(store.getState().profile, MAPS.profile)).toBe(false);
    // The saved profile itself is untouched.
    expect(MAPS.profile.resolution).toBe(600);

    await store.getState().createJob('3100009');
    expect(api.calls.find((c) => c.method === 'jobs.create')?.input).toEqual({
      itemBarcode: '3100009',
      profile: { ...MAPS.profile, resolution: 400 },
    });
  });

  it('keeps the last profile used when the station has no default, and what the operator began', async () => {
    const { store } = setup([{ ...BOOKS, isDefault: false }]);
    const before = store.getState().profile;
    store.getState().newJob();
    await settle();
    expect(store.getState().profile).toEqual(before);
    expect(store.getState().savedProfileId).toBeNull();

    const late = setup([BOOKS]);
    late.store.getState().newJob();
    late.store.getState().setProfile({ mode: 'color' }); // before the list arrives
    await settle();
    expect(late.store.getState().profile.mode).toBe('color');
    expect(late.store.getState().savedProfiles).toHaveLength(1);
  });

  it('sends nothing while a custom size is out of bounds', async () => {
    const { api, store } = setup([]);
    store.getState().setProfile({ pageSize: { widthMm: 5, heightMm: 297 } });
    await store.getState().createJob('3100009');
    expect(api.calls.some((c) => c.method === 'jobs.create')).toBe(false);
  });
});

describe('the Scan profiles screen', () => {
  function setup() {
    const api = new FakeApi();
    let list: SavedScanProfile[] = [];
    api.handle('scanners.list', () => ok([]));
    api.handle('scanProfiles.list', () => ok(list));
    api.handle('scanProfiles.save', (input) => {
      const { id, name, profile, makeDefault } = input as {
        id?: string;
        name: string;
        profile: SavedScanProfile['profile'];
        makeDefault?: boolean;
      };
      if (list.some((p) => p.name.toLowerCase() === name.trim().toLowerCase() && p.id !== id))
        return { ok: false, error: { code: 'SCAN_PROFILE_NAME_TAKEN', message: 'taken' } };
      const saved = { id: id ?? `p${list.length + 1}`, name: name.trim(), profile, isDefault: !!makeDefault };
      list = [
        ...list.filter((p) => p.id !== saved.id).map((p) => (makeDefault ? { ...p, isDefault: false } : p)),
        saved,
      ];
      return ok({ saved, profiles: list });
    });
    api.handle('scanProfiles.delete', (input) => {
      list = list.filter((p) => p.id !== (input as { id: string }).id);
      return ok(list);
    });
    api.handle('scanProfiles.setDefault', (input) => {
      list = list.map((p) => ({ ...p, isDefault: p.id === (input as { id: string | null }).id }));
      return ok(list);
    });
    return { api, store: createScanProfilesStore(api) };
  }

  it('checks the name before sending, then saves, ticking the first profile as the default', async () => {
    const { api, store } = setup();
    await store.getState().load();
    store.getState().startNew();
    expect(store.getState().draft).toMatchObject({ id: null, name: '', isDefault: true });
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().draftChecked).toBe(true);
    expect(api.calls.some((c) => c.method === 'scanProfiles.save')).toBe(false);

    store.getState().setName('Books A4');
    store.getState().setDraftProfile({ pageSize: 'a5', device: 'demo:feeder' });
    expect(await store.getState().save()).toBe(true);
    expect(api.calls.find((c) => c.method === 'scanProfiles.save')?.input).toEqual({
      name: 'Books A4',
      profile: { source: 'adf', mode: 'gray', resolution: 300, pageSize: 'a5', device: 'demo:feeder' },
      makeDefault: true,
    });
    expect(store.getState()).toMatchObject({ draft: null, notice: { kind: 'saved', name: 'Books A4' } });
    expect(store.getState().profiles.map((p) => [p.name, p.isDefault])).toEqual([['Books A4', true]]);
  });

  it('keeps the editor open with the station’s refusal when the name is taken', async () => {
    const { store } = setup();
    store.getState().startNew();
    store.getState().setName('Books');
    await store.getState().save();
    store.getState().startNew();
    expect(store.getState().draft?.isDefault).toBe(false);
    store.getState().setName('BOOKS');
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().saveError?.code).toBe('SCAN_PROFILE_NAME_TAKEN');
    expect(store.getState().draft?.name).toBe('BOOKS');
    // Typing again clears the refusal.
    store.getState().setName('Books 2');
    expect(store.getState().saveError).toBeNull();
  });

  it('edits a copy, deletes only after confirmation, and moves the default', async () => {
    const { api, store } = setup();
    store.getState().startNew();
    store.getState().setName('A');
    await store.getState().save();
    store.getState().startNew();
    store.getState().setName('B');
    store.getState().setDraftProfile({ pageSize: { widthMm: 100, heightMm: 150 } });
    await store.getState().save();
    const [a, b] = store.getState().profiles;

    store.getState().startEdit(b!.id);
    store.getState().setDraftProfile({ pageSize: { widthMm: 120, heightMm: 150 } });
    expect(b!.profile.pageSize).toEqual({ widthMm: 100, heightMm: 150 });
    store.getState().cancelEdit();

    await store.getState().setDefault(b!.id);
    expect(store.getState().notice).toEqual({ kind: 'default', name: 'B' });
    expect(store.getState().profiles.find((p) => p.isDefault)?.id).toBe(b!.id);

    store.getState().askDelete(a!.id);
    expect(store.getState().removing?.name).toBe('A');
    store.getState().cancelDelete();
    expect(api.calls.some((c) => c.method === 'scanProfiles.delete')).toBe(false);
    store.getState().askDelete(a!.id);
    await store.getState().confirmDelete();
    expect(store.getState()).toMatchObject({ removing: null, notice: { kind: 'deleted', name: 'A' } });
    expect(store.getState().profiles.map((p) => p.name)).toEqual(['B']);

    await store.getState().setDefault(null);
    expect(store.getState().notice).toEqual({ kind: 'noDefault', name: 'B' });
  });
});

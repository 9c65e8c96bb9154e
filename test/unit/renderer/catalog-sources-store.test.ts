import { describe, expect, it } from 'vitest';
import type {
  CatalogSourceTestResult,
  ContractError,
  Result,
  SavedCatalogSource,
} from '../../../electron/station/contract/index.js';
import { createI18n, knownErrorCode } from '../../../renderer/i18n/index.js';
import {
  addressOf,
  checkDraft,
  draftOf,
  movedNames,
  RECORD_CHARSETS,
} from '../../../renderer/src/stores/catalog-source-form.js';
import { createCatalogSourcesStore } from '../../../renderer/src/stores/catalog-sources.js';
import { errorValues } from '../../../renderer/src/ui/error-values.js';
import { FakeApi } from './fake-api.js';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const PIN = '2468';
const WRONG: ContractError = { code: 'STAFF_PIN_WRONG', message: 'Wrong staff PIN.' };

const NATLIB: SavedCatalogSource = {
  source: {
    name: 'National library',
    protocol: 'sru',
    url: 'https://sru.natlib.uz/sru',
    version: '1.2',
    recordSchema: 'marcxml',
    format: 'auto',
    queries: {},
    extraParams: {},
    maxRecords: 20,
    timeoutSeconds: 15,
  },
  user: null,
  passwordSet: false,
  builtIn: false,
};
const UNION: SavedCatalogSource = {
  source: {
    name: 'Union catalogue',
    protocol: 'z3950',
    host: 'z.union.kz',
    port: 210,
    database: 'books',
    syntax: 'unimarc',
    elementSet: 'F',
    charset: 'cp1251',
    termCharset: 'cp1251',
    format: 'unimarc',
    queries: { barcode: { template: '@attr 1=1016 {value}', prefix: 'KZ-', stripPrefix: '' } },
    maxRecords: 10,
    timeoutSeconds: 30,
  },
  user: 'station',
  passwordSet: true,
  builtIn: false,
};

/** A station with a staff PIN, whose list is what the last change made it. */
function sourcesApi(initial: SavedCatalogSource[] = [NATLIB, UNION]) {
  let list = initial;
  const pinned = (answer: (input: Record<string, unknown>) => Result<unknown>) => (input: unknown) =>
    (input as { staffPin: string }).staffPin === PIN
      ? answer(input as Record<string, unknown>)
      : { ok: false as const, error: WRONG };
  return new FakeApi()
    .handle(
      'admin.verifyStaffPin',
      pinned(() => ok({ ok: true })),
    )
    .handle('catalogSources.list', () => ok(list))
    .handle(
      'catalogSources.save',
      pinned((input) => {
        const source = input.source as SavedCatalogSource['source'];
        const credentials = input.credentials as { user: string; password?: string } | undefined;
        list = [
          ...list,
          {
            source,
            user: credentials?.user ?? null,
            passwordSet: credentials?.password !== undefined,
            builtIn: false,
          },
        ];
        return ok(list);
      }),
    )
    .handle(
      'catalogSources.reorder',
      pinned((input) => {
        const names = input.names as string[];
        list = names.map((n) => list.find((s) => s.source.name === n) as SavedCatalogSource);
        return ok(list);
      }),
    );
}

async function openWith(api: FakeApi, pin = PIN) {
  const store = createCatalogSourcesStore(api);
  store.getState().typePin(pin);
  await store.getState().submitPin();
  return store;
}

describe('catalog sources store', () => {
  it('asks the staff PIN first, then lists the sources in the order they are tried', async () => {
    const api = sourcesApi();
    const store = await openWith(api);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().sources.map((s) => s.source.name)).toEqual([
      'National library',
      'Union catalogue',
    ]);
    expect(api.calls.map((c) => c.method)).toEqual(['admin.verifyStaffPin', 'catalogSources.list']);
    expect(addressOf(UNION.source)).toBe('z.union.kz:210/books');
    expect(addressOf(NATLIB.source)).toBe('https://sru.natlib.uz/sru');
  });

  it('a wrong PIN stays at the gate and says so in the operator’s language, nothing listed', async () => {
    const api = sourcesApi();
    const store = await openWith(api, '1111');
    const { phase, pinError, staffPin, sources } = store.getState();
    expect(phase).toBe('pin');
    expect(staffPin).toBeNull();
    expect(sources).toEqual([]);
    expect(pinError?.code).toBe('STAFF_PIN_WRONG');
    expect(api.calls.map((c) => c.method)).toEqual(['admin.verifyStaffPin']);
    // What ErrorMessage shows: the code's sentence, not the English message from the station.
    expect(knownErrorCode(pinError?.code ?? '')).toBe('STAFF_PIN_WRONG');
    const ru = createI18n('ru').t(($) => $.error.STAFF_PIN_WRONG, errorValues(WRONG, 'ru'));
    expect(ru).toBe('Неверный ПИН-код сотрудника.');
    expect(ru).not.toBe(WRONG.message);
  });

  it('a PIN too short is said before asking the station', async () => {
    const api = sourcesApi();
    const store = await openWith(api, '12');
    expect(store.getState().pinShort).toBe(true);
    expect(api.calls).toEqual([]);
  });

  it('adds a source with a login; the list is the station’s answer', async () => {
    const api = sourcesApi();
    const store = await openWith(api);
    const st = store.getState();
    st.startNew();
    st.update((d) => ({
      ...d,
      name: 'Koha',
      url: 'https://koha.example.uz/sru/biblios',
      extraParams: [{ key: 'x-username', value: 'bitig' }],
      login: { user: 'bitig', password: 's3cret', remove: false },
    }));
    expect(await store.getState().save()).toBe(true);
    const save = api.calls.find((c) => c.method === 'catalogSources.save');
    expect(save?.input).toMatchObject({
      staffPin: PIN,
      source: {
        name: 'Koha',
        protocol: 'sru',
        url: 'https://koha.example.uz/sru/biblios',
        extraParams: { 'x-username': 'bitig' },
      },
      credentials: { user: 'bitig', password: 's3cret' },
    });
    expect(save?.input).not.toHaveProperty('replaces');
    const after = store.getState();
    expect(after.draft).toBeNull();
    expect(after.sources.map((s) => s.source.name)).toEqual(['National library', 'Union catalogue', 'Koha']);
    expect(after.sources[2]).toMatchObject({ user: 'bitig', passwordSet: true });
    expect(after.notice).toEqual({ kind: 'saved', name: 'Koha' });
  });

  it('never shows a saved password; an empty password field sends the user alone', async () => {
    const api = sourcesApi();
    const store = await openWith(api);
    store.getState().startEdit('Union catalogue');
    const draft = store.getState().draft;
    expect(draft?.login).toEqual({ user: 'station', password: '', remove: false });
    expect(draft?.passwordSet).toBe(true);
    expect(JSON.stringify(draft)).not.toMatch(/password":"[^"]/);
    await store.getState().save();
    const save = api.calls.find((c) => c.method === 'catalogSources.save')?.input as Record<string, unknown>;
    expect(save.replaces).toBe('Union catalogue');
    expect(save.credentials).toEqual({ user: 'station' });
    expect(save.credentials).not.toHaveProperty('password');
    // What was saved comes back unchanged: the barcode template with its prefix, the charsets.
    expect(save.source).toMatchObject({
      charset: 'cp1251',
      queries: { barcode: { template: '@attr 1=1016 {value}', prefix: 'KZ-', stripPrefix: '' } },
    });
  });

  it('removing the login sends null; no user on a source without one sends nothing', () => {
    const union = draftOf(UNION);
    expect(checkDraft({ ...union, login: { ...union.login, remove: true } }).request?.credentials).toBeNull();
    const natlib = checkDraft(draftOf(NATLIB)).request;
    expect(natlib).not.toBeNull();
    expect(natlib).not.toHaveProperty('credentials');
  });

  it('an invalid URL is a translated field problem and nothing is sent', async () => {
    const api = sourcesApi();
    const store = await openWith(api);
    store.getState().startNew();
    store.getState().update((d) => ({ ...d, name: 'Broken', url: 'ftp://catalog.example.uz' }));
    expect(await store.getState().save()).toBe(false);
    expect(api.calls.some((c) => c.method === 'catalogSources.save')).toBe(false);
    const problem = store.getState().problems.url;
    expect(problem).toEqual({ kind: 'url' });
    expect(store.getState().draft).not.toBeNull();
    const kind = problem?.kind ?? 'invalid';
    const ru = createI18n('ru').t(($) => $.operator.sources.problem[kind]);
    expect(ru).toContain('веб-адрес');
    expect(createI18n('uz-Latn').t(($) => $.operator.sources.problem[kind])).toContain('veb-manzil');
    // Fixing it clears the problem as the operator types.
    store.getState().update((d) => ({ ...d, url: 'https://catalog.example.uz/sru' }));
    expect(store.getState().problems).toEqual({});
  });

  it('other refusals by the schema land on their fields with the contract’s bounds', () => {
    const z = { ...draftOf(UNION), host: ' ', port: 70000, maxRecords: Number.NaN };
    z.queries = { ...z.queries, barcode: { template: '', prefix: 'KZ-', stripPrefix: '' } };
    const { request, problems } = checkDraft(z);
    expect(request).toBeNull();
    expect(problems).toEqual({
      host: { kind: 'required' },
      port: { kind: 'range', min: 1, max: 65535 },
      maxRecords: { kind: 'number' },
      'queries.barcode': { kind: 'templateRequired' },
    });
    // A prefix for a kind with a default writes the default out (the contract needs a template).
    const isbn = { ...draftOf(NATLIB) };
    isbn.queries = { ...isbn.queries, isbn: { template: '', prefix: '', stripPrefix: 'ISBN' } };
    expect(checkDraft(isbn).request?.source.queries).toEqual({
      isbn: { template: 'bath.isbn={isbn}', prefix: '', stripPrefix: 'ISBN' },
    });
    expect(RECORD_CHARSETS).toContain('cp1251');
  });

  it('moving a source sends every name in the new order', async () => {
    const api = sourcesApi();
    const store = await openWith(api);
    await store.getState().move('Union catalogue', -1);
    const reorder = api.calls.find((c) => c.method === 'catalogSources.reorder');
    expect(reorder?.input).toEqual({ staffPin: PIN, names: ['Union catalogue', 'National library'] });
    expect(store.getState().sources.map((s) => s.source.name)).toEqual([
      'Union catalogue',
      'National library',
    ]);
    // Already first: nothing to send.
    await store.getState().move('Union catalogue', -1);
    expect(api.calls.filter((c) => c.method === 'catalogSources.reorder')).toHaveLength(1);
    expect(movedNames(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(movedNames(['a', 'b', 'c'], 'c', 1)).toBeNull();
  });

  it('a test runs the source as typed and keeps the server’s raw answer', async () => {
    const raw = '<searchRetrieveResponse><numberOfRecords>0</numberOfRecords></searchRetrieveResponse>';
    const answer: CatalogSourceTestResult = {
      ok: true,
      total: 0,
      records: [],
      raw,
      error: null,
      elapsedMs: 412,
    };
    const api = sourcesApi().handle('catalogSources.test', () => ok(answer));
    const store = await openWith(api);
    store.getState().startEdit('National library');
    store.getState().update((d) => ({ ...d, recordSchema: 'marc21' }));
    store.getState().setTestQuery({ value: ' 978-9943-01-234-5 ' });
    await store.getState().runTest();
    const test = api.calls.find((c) => c.method === 'catalogSources.test')?.input;
    expect(test).toMatchObject({
      staffPin: PIN,
      replaces: 'National library',
      source: { recordSchema: 'marc21' },
      query: { kind: 'isbn', value: '978-9943-01-234-5' },
    });
    expect(store.getState().testResult?.raw).toBe(raw);
    expect(store.getState().testing).toBe(false);
  });

  it('a test without a value is a field problem, not a call', async () => {
    const api = sourcesApi().handle('catalogSources.test', () => ok({}));
    const store = await openWith(api);
    store.getState().startEdit('National library');
    await store.getState().runTest();
    expect(store.getState().problems.testValue).toEqual({ kind: 'required' });
    expect(api.calls.some((c) => c.method === 'catalogSources.test')).toBe(false);
    store.getState().setTestQuery({ value: '9789943012345' });
    expect(store.getState().problems).toEqual({});
  });

  it('deletes only after the operator’s yes, by name, with the PIN', async () => {
    const api = sourcesApi().handle('catalogSources.delete', () => ok([UNION]));
    const store = await openWith(api);
    store.getState().askDelete('National library');
    expect(store.getState().removing?.source.name).toBe('National library');
    expect(api.calls.some((c) => c.method === 'catalogSources.delete')).toBe(false);
    store.getState().cancelDelete();
    expect(store.getState().removing).toBeNull();
    store.getState().askDelete('National library');
    await store.getState().confirmDelete();
    expect(api.calls.find((c) => c.method === 'catalogSources.delete')?.input).toEqual({
      staffPin: PIN,
      name: 'National library',
    });
    expect(store.getState()).toMatchObject({
      removing: null,
      notice: { kind: 'deleted', name: 'National library' },
    });
    expect(store.getState().sources).toEqual([UNION]);
  });

  it('a PIN changed meanwhile sends the operator back to the gate; leaving forgets the PIN', async () => {
    let pinGood = true;
    const api = sourcesApi().handle('catalogSources.reorder', () =>
      pinGood ? ok([]) : { ok: false, error: WRONG },
    );
    const store = await openWith(api);
    pinGood = false;
    await store.getState().move('Union catalogue', -1);
    expect(store.getState()).toMatchObject({
      phase: 'pin',
      staffPin: null,
      pinError: { code: 'STAFF_PIN_WRONG' },
    });

    const again = await openWith(sourcesApi());
    expect(again.getState().staffPin).toBe(PIN);
    again.getState().reset();
    expect(again.getState()).toMatchObject({ phase: 'pin', staffPin: null, sources: [] });
  });
});

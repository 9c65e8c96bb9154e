import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMarcXml } from '../../../electron/station/catalog/demo/records.js';
import {
  CatalogError,
  type CatalogQuery,
  CatalogSource,
  DEMO_BOOKS,
  DEMO_PAGE_SIZE,
  type DemoCatalogue,
  demoCatalogueSource,
  isbnDigits,
  type LookupOptions,
  searchSource,
  startDemoCatalogue,
  toIsbn10,
} from '../../../electron/station/catalog/index.js';

/** The demo catalogue, asked through the real SRU client over real loopback sockets. */

let demo: DemoCatalogue;
let source: CatalogSource;
beforeAll(async () => {
  demo = await startDemoCatalogue();
  source = CatalogSource.parse(demoCatalogueSource(demo.url));
});
afterAll(async () => {
  await demo.close();
});

const search = (query: CatalogQuery, options?: LookupOptions, s = source) => searchSource(s, query, options);
const book = (barcode: string) => DEMO_BOOKS.find((b) => b.barcode === barcode)!;

async function failure(p: Promise<unknown>): Promise<CatalogError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CatalogError);
  return err as CatalogError;
}

/** Sends bytes on a raw socket and returns everything the server sent until it closed. */
function raw(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.setTimeout(5000, () => socket.destroy());
  });
}

describe('demo books', () => {
  it('have valid, distinct ISBN-13s, ids and inventory numbers', () => {
    expect(DEMO_BOOKS.length).toBeGreaterThanOrEqual(12);
    for (const b of DEMO_BOOKS) {
      expect(isbnDigits(b.isbn), b.isbn).toHaveLength(13);
      expect(b.isbn).toMatch(/^97[89]/);
      expect(b.barcode).toMatch(/^DEMO-\d{4}$/);
    }
    const distinct = (xs: string[]) => new Set(xs).size;
    expect(distinct(DEMO_BOOKS.map((b) => isbnDigits(b.isbn)!))).toBe(DEMO_BOOKS.length);
    expect(distinct(DEMO_BOOKS.map((b) => b.id))).toBe(DEMO_BOOKS.length);
    expect(distinct(DEMO_BOOKS.map((b) => b.barcode))).toBe(DEMO_BOOKS.length);
    // Some printed with hyphens, some without; both formats; the languages of the region.
    expect(DEMO_BOOKS.some((b) => b.isbn.includes('-'))).toBe(true);
    expect(DEMO_BOOKS.some((b) => !b.isbn.includes('-'))).toBe(true);
    expect(new Set(DEMO_BOOKS.map((b) => b.format))).toEqual(new Set(['marc21', 'unimarc']));
    expect(new Set(DEMO_BOOKS.map((b) => b.language))).toEqual(new Set(['uzb', 'kaz', 'rus', 'eng']));
  });

  it('write Uzbek Latin with ʻ (U+02BB) and ʼ (U+02BC), never a typewriter apostrophe', () => {
    const text = DEMO_BOOKS.flatMap((b) => [b.title, b.subtitle ?? '', b.publisher, ...b.subjects]).join(' ');
    expect(text).toContain('Oʻ');
    expect(text).toContain('Gʻ');
    expect(text).toContain('\u02BC');
    expect(text).not.toMatch(/['‘’`]/);
  });

  it('are MARCXML in the MARC 21 slim namespace, UNIMARC ones too', () => {
    for (const b of DEMO_BOOKS) {
      const xml = demoMarcXml(b);
      expect(xml).toMatch(/^<record xmlns="http:\/\/www\.loc\.gov\/MARC21\/slim">/);
      expect(xml).toContain(b.barcode);
      expect(xml).toContain(`tag="${b.format === 'marc21' ? '245' : '200'}"`);
    }
  });
});

describe('demo catalogue through the SRU client', () => {
  it.each(DEMO_BOOKS.map((b) => [b.barcode, b.format, b.title, b]))(
    '%s (%s, %s): found by its ISBN with and without hyphens, mapped as catalogued',
    async (_barcode, _format, _title, b) => {
      const forms = [b.isbn, isbnDigits(b.isbn)!, b.isbn.replace(/-/g, ' ')];
      for (const value of forms) {
        const r = await search({ kind: 'isbn', value });
        expect(r.total, value).toBe(1);
        expect(r.records).toHaveLength(1);
        const rec = r.records[0]!;
        expect(rec).toMatchObject({
          format: b.format,
          title: b.title,
          subtitle: b.subtitle ?? null,
          recordId: b.id,
          source: 'Demo catalogue',
          isbns: [b.isbn],
          publication: { place: b.place, publisher: b.publisher, date: b.year },
          edition: b.edition ?? null,
        });
        expect(rec.languages[0]).toBe(b.language);
        expect(rec.creators.map((c) => [c.name, c.role])).toEqual(b.authors.map((a) => [a.name, a.role]));
        expect(rec.creators[0]!.primary).toBe(true);
        expect(rec.subjects).toEqual(b.subjects);
      }
    },
  );

  it('an ISBN-10 finds the book catalogued with its ISBN-13', async () => {
    const b = book('DEMO-0001');
    const isbn10 = toIsbn10(b.isbn)!;
    expect(isbn10).toHaveLength(10);
    const r = await search({ kind: 'isbn', value: isbn10 });
    expect(r.records.map((x) => x.title)).toEqual(['Oʻtkan kunlar']);
    const kazakh = book('DEMO-0007');
    const k = await search({ kind: 'isbn', value: toIsbn10(kazakh.isbn)! });
    expect(k.records[0]).toMatchObject({ format: 'unimarc', title: 'Абай жолы', subtitle: 'роман-эпопея' });
    expect(k.records[0]!.creators[0]).toEqual({ name: 'Әуезов, Мұхтар', role: 'aut', primary: true });
  });

  it('an ISBN not held finds nothing (no error)', async () => {
    const r = await search({ kind: 'isbn', value: '978-0-306-40615-7' });
    expect(r).toMatchObject({ total: 0, records: [], skipped: [] });
  });

  it('title words match with any apostrophe and in any case, Latin and Cyrillic apart', async () => {
    for (const value of ["O'tkan kunlar", 'O‘tkan KUNLAR', 'oʼtkan kunlar', 'kunlar oʻtkan']) {
      const r = await search({ kind: 'title', value });
      expect(
        r.records.map((x) => x.title),
        value,
      ).toEqual(['Oʻtkan kunlar']);
    }
    const cyr = await search({ kind: 'title', value: 'ўткан кунлар' });
    expect(cyr.records.map((x) => [x.format, x.title])).toEqual([['unimarc', 'Ўткан кунлар']]);
    // "all": every word must be there.
    expect((await search({ kind: 'title', value: 'Oʻtkan kecha' })).total).toBe(0);
  });

  it('author words match the names and the statement of responsibility', async () => {
    const ru = await search({ kind: 'author', value: 'айтматов' });
    expect(ru.records.map((x) => x.title)).toEqual(['Белый пароход']);
    const en = await search({ kind: 'author', value: 'Chingiz Aitmatov' });
    expect(en.records.map((x) => x.title)).toEqual(['Jamilia']);
    const translator = await search({ kind: 'author', value: 'Пеньковский' });
    expect(translator.records[0]!.creators[1]).toEqual({
      name: 'Пеньковский, Лев',
      role: 'trl',
      primary: false,
    });
    const uz = await search({ kind: 'author', value: "Cho'lpon" });
    expect(uz.records.map((x) => x.title)).toEqual(['Kecha va kunduz']);
  });

  it('an inventory number (barcode) and a record id find their book', async () => {
    const r = await search({ kind: 'barcode', value: 'DEMO-0008' });
    expect(r.records.map((x) => [x.title, x.creators[0]!.name])).toEqual([
      ['Қара сөздер', 'Құнанбайұлы, Абай'],
    ]);
    expect((await search({ kind: 'barcode', value: 'demo-0008' })).total).toBe(1);
    expect((await search({ kind: 'barcode', value: 'DEMO-9999' })).total).toBe(0);
    const id = await search({ kind: 'id', value: 'demo-ru-0009' });
    expect(id.records.map((x) => x.title)).toEqual(['Белый пароход']);
  });

  it('clauses joined by and / or / not, in parentheses', async () => {
    const r = await search({ kind: 'cql', query: 'dc.creator all "Qodiriy" and dc.title all "kunlar"' });
    expect(r.records.map((x) => x.recordId)).toEqual(['demo-uz-0001']);
    const or = await search({
      kind: 'cql',
      query: '(local.barcode="DEMO-0003" or local.barcode="DEMO-0005")',
    });
    expect(or.records.map((x) => x.recordId)).toEqual(['demo-uz-0003', 'demo-uz-0005']);
    const not = await search({
      kind: 'cql',
      query: 'dc.title any "kunlar kunduz" not dc.creator all "Choʻlpon"',
    });
    expect(not.records.map((x) => x.recordId)).toEqual(['demo-uz-0001']);
    // Quoted terms carry the escapes cqlQuote writes: \" is read back as a quote (punctuation, not
    // a word), \* is a literal star, not a truncation.
    expect((await search({ kind: 'title', value: 'Oʻtkan "kunlar"' })).total).toBe(1);
    expect((await search({ kind: 'title', value: 'Oʻtkan kun*' })).total).toBe(0);
    expect((await search({ kind: 'cql', query: 'dc.title all "O\\ʻtkan \\"kunlar\\""' })).total).toBe(1);
  });

  it('pages: maxRecords below the hits, and past the server’s page size with nextRecordPosition', async () => {
    const five = await search({ kind: 'cql', query: 'cql.allRecords=1' }, { maxRecords: 5 });
    expect(five.total).toBe(DEMO_BOOKS.length);
    expect(five.records.map((x) => x.recordId)).toEqual(DEMO_BOOKS.slice(0, 5).map((b) => b.id));
    // The server gives 10 a page: all twelve take two requests.
    const all = await search({ kind: 'cql', query: 'cql.allRecords=1' }, { maxRecords: 50 });
    expect(all.records.map((x) => x.recordId)).toEqual(DEMO_BOOKS.map((b) => b.id));
  });

  it('answers startRecord / maximumRecords with numberOfRecords and nextRecordPosition', async () => {
    const ask = async (params: string) =>
      (
        await fetch(`${demo.url}?version=1.2&operation=searchRetrieve&query=cql.allRecords%3D1&${params}`)
      ).text();
    const middle = await ask('startRecord=3&maximumRecords=2');
    expect(middle).toContain(`<numberOfRecords>${DEMO_BOOKS.length}</numberOfRecords>`);
    expect(middle.match(/<recordPosition>(\d+)</g)).toEqual(['<recordPosition>3<', '<recordPosition>4<']);
    expect(middle).toContain('<nextRecordPosition>5</nextRecordPosition>');
    const last = await ask(`startRecord=${DEMO_BOOKS.length}&maximumRecords=5`);
    expect(last.match(/<recordPosition>/g)).toHaveLength(1);
    expect(last).not.toContain('nextRecordPosition');
    // The server's page size caps what one request gets; the rest is one nextRecordPosition away.
    const capped = await ask('maximumRecords=50');
    expect(capped.match(/<recordPosition>/g)).toHaveLength(DEMO_PAGE_SIZE);
    expect(capped).toContain(`<nextRecordPosition>${DEMO_PAGE_SIZE + 1}</nextRecordPosition>`);
    const none = await ask('maximumRecords=0');
    expect(none).toContain(`<numberOfRecords>${DEMO_BOOKS.length}</numberOfRecords>`);
    expect(none).not.toContain('<record>');
    expect(await ask(`startRecord=${DEMO_BOOKS.length + 1}`)).toContain('info:srw/diagnostic/1/61');
    expect(await ask('startRecord=abc')).toContain('info:srw/diagnostic/1/6');
  });

  it('an unknown index is diagnostic 16, a broken query 10, another record schema 66', async () => {
    const unknown = await failure(search({ kind: 'cql', query: 'dc.subject all "roman"' }));
    expect(unknown.code).toBe('CATALOG_DIAGNOSTIC');
    expect(unknown.diagnostic).toMatchObject({ uri: 'info:srw/diagnostic/1/16', details: 'dc.subject' });
    for (const query of ['dc.title all "unclosed', 'dc.title all', '(dc.title all "a"', 'dc.title =/x "a"']) {
      const broken = await failure(search({ kind: 'cql', query }));
      expect(broken.code, query).toBe('CATALOG_DIAGNOSTIC');
      expect(broken.diagnostic?.uri, query).toBe('info:srw/diagnostic/1/10');
    }
    const deep = await failure(search({ kind: 'cql', query: `${'('.repeat(500)}x${')'.repeat(500)}` }));
    expect(deep.diagnostic?.uri).toBe('info:srw/diagnostic/1/10');
    const dc = CatalogSource.parse({ ...demoCatalogueSource(demo.url), recordSchema: 'dc' });
    const schema = await failure(search({ kind: 'isbn', value: DEMO_BOOKS[0]!.isbn }, {}, dc));
    expect(schema.code).toBe('CATALOG_DIAGNOSTIC');
    expect(schema.diagnostic?.uri).toBe('info:srw/diagnostic/1/66');
  });

  it('sends records as escaped strings when asked (recordPacking=string)', async () => {
    const res = await fetch(
      `${demo.url}?version=1.2&operation=searchRetrieve&query=rec.id%3Ddemo-uz-0001&recordPacking=string`,
    );
    const text = await res.text();
    expect(text).toContain('&lt;record xmlns=&quot;http://www.loc.gov/MARC21/slim&quot;&gt;');
  });

  it('answers explain', async () => {
    const res = await fetch(demo.url);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('<explainResponse');
    expect(text).toContain('<name set="local">barcode</name>');
  });
});

describe('switching the demo catalogue off and on', () => {
  it('off: CATALOG_UNREACHABLE, open connections cut too; on again: answers at the same URL', async () => {
    const own = await startDemoCatalogue();
    try {
      const s = CatalogSource.parse(demoCatalogueSource(own.url));
      const q: CatalogQuery = { kind: 'barcode', value: 'DEMO-0002' };
      expect((await search(q, {}, s)).total).toBe(1);
      own.setAvailable(false);
      expect(own.available).toBe(false);
      for (let i = 0; i < 3; i++) {
        const err = await failure(search(q, {}, s));
        expect(err.code).toBe('CATALOG_UNREACHABLE');
      }
      own.setAvailable(true);
      expect(own.available).toBe(true);
      const back = await search(q, {}, s);
      expect(back.records.map((r) => r.title)).toEqual(['Ўткан кунлар']);
    } finally {
      await own.close();
    }
  });

  it('listens on the loopback only', async () => {
    await expect(startDemoCatalogue({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    const alias = await startDemoCatalogue({ host: '127.0.0.2' }).catch(() => null);
    if (alias) {
      expect(alias.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/demo$/);
      await alias.close();
    }
  });

  it('closed: unreachable', async () => {
    const own = await startDemoCatalogue();
    const s = CatalogSource.parse(demoCatalogueSource(own.url));
    await own.close();
    expect((await failure(search({ kind: 'id', value: 'x' }, {}, s))).code).toBe('CATALOG_UNREACHABLE');
  });
});

describe('hostile requests', () => {
  const stillAnswers = async () => {
    const r = await search({ kind: 'barcode', value: 'DEMO-0012' });
    expect(r.records.map((x) => x.title)).toEqual(['The Baburnama']);
  };

  it('a long URL gets 400', async () => {
    const res = await fetch(`${demo.url}?operation=searchRetrieve&query=${'a'.repeat(6000)}`);
    expect(res.status).toBe(400);
    await stillAnswers();
  });

  it('a huge request line, garbage and a body get 400 and the server answers on', async () => {
    const huge = await raw(demo.url, `GET /demo?query=${'x'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 400 /);
    const garbage = await raw(demo.url, '\u0000\u0001\u00ff NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    const headers = await raw(
      demo.url,
      `GET /demo HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(40_000)}\r\n\r\n`,
    );
    expect(headers).toMatch(/^HTTP\/1\.1 400 /);
    const body = await raw(demo.url, 'POST /demo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello');
    expect(body).toMatch(/^HTTP\/1\.1 400 /);
    const put = await raw(demo.url, 'DELETE /demo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(put).toMatch(/^HTTP\/1\.1 400 /);
    await stillAnswers();
  });

  it('odd parameters are SRU diagnostics or 404, never a crash', async () => {
    const odd: Array<[string, string]> = [
      ['?operation=searchRetrieve&query=%E0%A4%A', '<numberOfRecords>0</numberOfRecords>'],
      ['?operation=searchRetrieve&query=%FF%FE&maximumRecords=-1', 'info:srw/diagnostic/1/6<'],
      ['?operation=scan&scanClause=x', 'info:srw/diagnostic/1/4<'],
      ['?version=9.9&operation=searchRetrieve&query=x', 'info:srw/diagnostic/1/5<'],
      ['?operation=searchRetrieve', 'info:srw/diagnostic/1/7<'],
      ['?operation=searchRetrieve&query=dc.title%3D%22%22', 'info:srw/diagnostic/1/27<'],
      ['?operation=searchRetrieve&query=dc.title%20within%20%22a%22', 'info:srw/diagnostic/1/19<'],
    ];
    for (const [q, expected] of odd) {
      const res = await fetch(`${demo.url}${q}`);
      expect(res.status, q).toBe(200);
      expect(await res.text(), q).toContain(expected);
    }
    expect((await fetch(demo.url.replace('/demo', '/other'))).status).toBe(404);
    await stillAnswers();
  });
});

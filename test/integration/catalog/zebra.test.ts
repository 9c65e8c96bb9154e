import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogError,
  type CatalogQuery,
  CatalogSource,
  type CatalogSourceInput,
  searchSource,
  searchSources,
} from '../../../electron/station/catalog/index.js';
import { EXIT } from '../../../electron/station/cli/exit-codes.js';
import { runCli } from '../../../electron/station/cli/program.js';
import { bundle, childEnv } from '../../helpers/bundle.js';
import { ISBN, MARC21, pagingRecords, UNIMARC } from './fixtures.js';
import { startZebra, type Zebra, zebraMissing } from './zebra.js';

const missing = zebraMissing();
if (missing) console.warn(`Catalog tests against Zebra skipped: ${missing}`);

let zebra: Zebra;
beforeAll(async () => {
  if (missing) return;
  zebra = await startZebra({ marc21: [...MARC21, ...pagingRecords(500)], unimarc: UNIMARC });
});
afterAll(async () => {
  await zebra?.stop();
});

function sru(db: string, extra: Partial<CatalogSourceInput> = {}): CatalogSource {
  return CatalogSource.parse({
    name: `sru-${db}`,
    protocol: 'sru',
    url: `http://127.0.0.1:${zebra.port}/${db}`,
    ...extra,
  });
}
function z3950(db: string, extra: Partial<CatalogSourceInput> = {}): CatalogSource {
  return CatalogSource.parse({
    name: `z-${db}`,
    protocol: 'z3950',
    host: '127.0.0.1',
    port: zebra.port,
    database: db,
    ...extra,
  });
}
async function fails(source: CatalogSource, query: CatalogQuery): Promise<CatalogError> {
  const err = await searchSource(source, query).then(
    () => null,
    (e: unknown) => e as CatalogError,
  );
  if (!err) throw new Error('the lookup was expected to fail');
  return err;
}

describe.skipIf(missing !== null)('catalog lookups against Zebra', () => {
  it('SRU 1.2: an ISBN typed with hyphens finds the Uzbek Latin MARC 21 record, every field mapped as catalogued', async () => {
    const r = await searchSource(sru('marc21'), { kind: 'isbn', value: ISBN.qodiriyLatin });
    expect(r.total).toBe(1);
    const rec = r.records[0]!;
    expect(rec).toMatchObject({
      format: 'marc21',
      title: 'Oʻtkan kunlar',
      subtitle: 'roman',
      responsibility: 'Abdulla Qodiriy ; soʻzboshi muallifi N. Karimov',
      creators: [
        { name: 'Qodiriy, Abdulla', role: 'author', primary: true },
        { name: 'Karimov, Naim', role: 'aui', primary: false },
      ],
      publication: { place: 'Toshkent', publisher: 'Gʻafur Gʻulom nomidagi nashriyot', date: '2019' },
      isbns: [ISBN.qodiriyLatin],
      recordId: 'uz-0001',
      source: 'sru-marc21',
      languages: ['uzb'],
      extent: '416 b. ; 21 sm',
      subjects: ['Oʻzbek adabiyoti -- 20-asr'],
      edition: '3-nashri',
      series: ['Oʻzbek romanchiligi durdonalari ; 5'],
    });
    // U+02BB kept, not folded to an ASCII apostrophe; the MARCXML kept for packages has it too.
    expect(rec.title).toContain('\u02BB');
    expect(rec.marcxml).toContain('<subfield code="a">Oʻtkan kunlar :</subfield>');
    expect(rec.marcxml).toContain('xmlns="http://www.loc.gov/MARC21/slim"');
  });

  it('SRU 2.0 (its own namespace): a Kazakh UNIMARC record by title, Kazakh letters intact', async () => {
    const r = await searchSource(sru('unimarc', { version: '2.0' }), { kind: 'title', value: 'абай жолы' });
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({
      format: 'unimarc',
      title: 'Абай жолы',
      subtitle: 'роман-эпопея',
      responsibility: 'Мұхтар Әуезов',
      creators: [{ name: 'Әуезов, Мұхтар', role: 'aut', primary: true }],
      publication: { place: 'Алматы', publisher: 'Жазушы', date: '2017' },
      languages: ['kaz'],
      subjects: ['Қазақ әдебиеті'],
    });
  });

  it('SRU 1.1, 1.2 and 2.0: an Uzbek Cyrillic author finds the MARC 21 record in Cyrillic (264 publication)', async () => {
    for (const version of ['1.1', '1.2', '2.0'] as const) {
      const r = await searchSource(sru('marc21', { version }), { kind: 'author', value: 'Қодирий' });
      expect(r.records.map((x) => x.title)).toEqual(['Ўткан кунлар']);
      expect(r.records[0]!.publication).toEqual({ place: 'Тошкент', publisher: 'Шарқ', date: '2014' });
    }
  });

  it('Z39.50 USMARC (ISO 2709, UTF-8): title search, records read from ISO 2709', async () => {
    const r = await searchSource(z3950('marc21'), { kind: 'title', value: 'kunlar' });
    expect(r.records.map((x) => x.recordId)).toEqual(['uz-0001']);
    expect(r.records[0]!.creators[0]).toEqual({ name: 'Qodiriy, Abdulla', role: 'author', primary: true });
  });

  it('Z39.50 UNIMARC in CP1251: read right when the source says cp1251 or auto; as UTF-8 it would be garbage', async () => {
    const q: CatalogQuery = { kind: 'author', value: 'Толстой' };
    for (const charset of ['cp1251', 'auto'] as const) {
      const r = await searchSource(z3950('unimarc', { syntax: 'unimarc', elementSet: 'cp1251', charset }), q);
      expect(r.records[0]).toMatchObject({
        format: 'unimarc',
        title: 'Война и мир',
        creators: [{ name: 'Толстой, Лев Николаевич', role: 'aut', primary: true }],
        edition: 'Изд. 2-е',
        extent: '1248 с. 21 см',
        series: ['Русская классика ; 12'],
        recordId: 'RU\\NLR\\bibl\\0001',
      });
    }
    const wrong = await searchSource(
      z3950('unimarc', { syntax: 'unimarc', elementSet: 'cp1251', charset: 'utf-8' }),
      q,
    );
    expect(wrong.records[0]!.title).not.toBe('Война и мир');
  });

  it('Z39.50 XML syntax: UNIMARC in MARCXML, an ISBN-10 with X found, roles from UNIMARC codes', async () => {
    const r = await searchSource(z3950('unimarc', { syntax: 'xml', elementSet: 'marcxml' }), {
      kind: 'isbn',
      value: '5-640-00102-x',
    });
    expect(r.records[0]).toMatchObject({
      format: 'unimarc',
      title: 'Boburnoma',
      creators: [
        { name: 'Bobur, Zahiriddin Muhammad', role: 'aut', primary: true },
        { name: 'Gʻulomov, A.', role: 'edt', primary: false },
      ],
      subjects: ['Oʻzbekiston tarixi'],
    });
  });

  it('Z39.50 PQF: @and narrows, @or widens (Uzbek in both scripts)', async () => {
    const and = await searchSource(z3950('marc21'), {
      kind: 'pqf',
      query: '@and @attr 1=4 война @attr 1=1003 толстой',
    });
    expect(and.records.map((x) => x.recordId)).toEqual(['ru-0001']);
    const none = await searchSource(z3950('marc21'), {
      kind: 'pqf',
      query: '@and @attr 1=4 война @attr 1=1003 qodiriy',
    });
    expect(none.total).toBe(0);
    const or = await searchSource(z3950('unimarc'), {
      kind: 'pqf',
      query: '@or @attr 1=4 boburnoma @attr 1=4 бобурнома',
    });
    expect(or.records.map((x) => x.title).sort()).toEqual(['Boburnoma', 'Бобурнома']);
  });

  it('per-source templates: ISBN-13 finds a record catalogued with ISBN-10; a barcode with prefixes', async () => {
    const byIsbn = {
      queries: { isbn: { template: '@or @attr 1=7 {isbn10} @attr 1=7 {isbn13}' } },
    };
    const r = await searchSource(z3950('marc21', byIsbn), { kind: 'isbn', value: ISBN.tolstoyUnimarc });
    expect(r.records.map((x) => x.isbns)).toEqual([[ISBN.tolstoyMarc21]]);
    const viaSru = await searchSource(
      sru('marc21', { queries: { isbn: { template: 'bath.isbn={isbn10} or bath.isbn={isbn13}' } } }),
      { kind: 'isbn', value: '9785699120147' },
    );
    expect(viaSru.records.map((x) => x.recordId)).toEqual(['ru-0001']);
    // The scanner adds an AIM symbology prefix; the library's inventory numbers carry "INV-".
    const barcode = {
      queries: { barcode: { template: '@attr 1=1028 {value}', stripPrefix: ']C1', prefix: 'INV-' } },
    };
    const b = await searchSource(z3950('marc21', barcode), { kind: 'barcode', value: ']C1000456' });
    expect(b.records.map((x) => x.recordId)).toEqual(['ru-0001']);
    // No template for barcodes and no common index: the source says so instead of guessing.
    const err = await fails(z3950('marc21'), { kind: 'barcode', value: '000456' });
    expect(err.code).toBe('CATALOG_BAD_QUERY');
    expect(err.message).toMatch(/no query template for barcode/);
  });

  it('diagnostics become CATALOG_DIAGNOSTIC with the server’s code: an unknown index, use attribute, database', async () => {
    const e1 = await fails(sru('marc21'), { kind: 'cql', query: 'dc.nosuchindex=x' });
    expect(e1.code).toBe('CATALOG_DIAGNOSTIC');
    expect(e1.diagnostic?.uri).toMatch(/^info:srw\/diagnostic\/1\/\d+$/);
    expect(e1.message).toMatch(/^sru-marc21: the server refused the query/);
    const e2 = await fails(z3950('marc21'), { kind: 'pqf', query: '@attr 1=9999 x' });
    expect(e2.code).toBe('CATALOG_DIAGNOSTIC');
    expect(e2.diagnostic?.uri).toBe('bib1:114');
    expect(e2.message).toContain('unsupported use attribute');
    const e3 = await fails(z3950('nosuchdb'), { kind: 'title', value: 'x' });
    expect(e3.code).toBe('CATALOG_DIAGNOSTIC');
    expect(e3.diagnostic?.uri).toMatch(/^bib1:(109|235)$/);
  });

  it('500 hits are paged through over SRU and Z39.50: every record once, in order', async () => {
    const titles = Array.from({ length: 500 }, (_, i) => `Sinov toʻplami ${i + 1}`).sort();
    for (const source of [sru('marc21', { maxRecords: 500 }), z3950('marc21', { maxRecords: 500 })]) {
      const r = await searchSource(source, { kind: 'title', value: 'toʻplami' });
      expect(r.total).toBe(500);
      expect(r.records).toHaveLength(500);
      expect(r.records.map((x) => x.title).sort()).toEqual(titles);
    }
    const capped = await searchSource(
      sru('marc21'),
      { kind: 'title', value: 'toʻplami' },
      { maxRecords: 120 },
    );
    expect([capped.total, capped.records.length]).toEqual([500, 120]);
  });

  it('several sources at once: each answer as it comes, both protocols, both formats', async () => {
    const sources = [sru('marc21'), z3950('unimarc', { syntax: 'unimarc' })];
    const seen: string[] = [];
    for await (const o of searchSources(sources, { kind: 'title', value: 'война' })) {
      expect(o.ok).toBe(true);
      if (o.ok) seen.push(`${o.source}:${o.result.records[0]!.format}`);
    }
    expect(seen.sort()).toEqual(['sru-marc21:marc21', 'z-unimarc:unimarc']);
  });

  it('bitig catalog search prints records (JSON) and ends a diagnostic with one line and exit 5', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} };
    const z = `127.0.0.1:${zebra.port}/unimarc`;
    expect(
      await runCli(
        ['catalog', 'search', '--z3950', z, '--title', 'Абай', '--syntax', 'unimarc', '--json'],
        io,
      ),
    ).toBe(EXIT.OK);
    const records = JSON.parse(out.join('\n'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ format: 'unimarc', title: 'Абай жолы', languages: ['kaz'] });
    expect(records[0].marcxml).toContain('Мұхтар Әуезов');

    out.length = 0;
    const url = `http://127.0.0.1:${zebra.port}/marc21`;
    expect(await runCli(['catalog', 'search', '--sru', url, '--isbn', ISBN.qodiriyCyrillic], io)).toBe(
      EXIT.OK,
    );
    expect(out.join('\n')).toContain('1. Ўткан кунлар : роман / Абдулла Қодирий');

    out.length = 0;
    const zm = `127.0.0.1:${zebra.port}/marc21`;
    const barcode = [
      '--barcode',
      '000123',
      '--template',
      '@attr 1=1028 {value}',
      '--prefix',
      'INV-',
      '--json',
    ];
    expect(await runCli(['catalog', 'search', '--z3950', zm, ...barcode], io)).toBe(EXIT.OK);
    expect(JSON.parse(out.join('\n')).map((r: { recordId: string }) => r.recordId)).toEqual(['uz-0001']);
    expect(await runCli(['catalog', 'search', '--z3950', zm, '--barcode', '000123'], io)).toBe(EXIT.USAGE);
    expect(err.pop()).toMatch(/no query template for barcode lookups.*\[CATALOG_BAD_QUERY\]$/);

    expect(await runCli(['catalog', 'search', '--sru', url, '--cql', 'dc.nosuchindex=x'], io)).toBe(
      EXIT.REFUSED,
    );
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^bitig catalog: .*refused the query.*\[CATALOG_DIAGNOSTIC\]$/);
  });

  it('the bundled bitig command, as a child process: records as JSON on stdout; a diagnostic on stderr, exit 5', async () => {
    const cli = await bundle('electron/station/cli/bitig.ts', 'bitig');
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [cli, ...args],
          { env: childEnv(), timeout: 20_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const z = `127.0.0.1:${zebra.port}/marc21`;
    const ok = await run([
      'catalog',
      'search',
      '--z3950',
      z,
      '--isbn',
      ISBN.qodiriyLatin.replace(/-/g, ''),
      '--json',
    ]);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(JSON.parse(ok.stdout).map((r: { title: string }) => r.title)).toEqual(['Oʻtkan kunlar']);
    const refused = await run(['catalog', 'search', '--z3950', z, '--pqf', '@attr 1=9999 x']);
    expect(refused.code).toBe(EXIT.REFUSED);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('unsupported use attribute (bib1:114: 9999) [CATALOG_DIAGNOSTIC]');
  });
});

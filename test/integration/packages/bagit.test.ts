import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBag } from '../../../electron/station/packages/bagit/verify.js';
import {
  BAGIT_TXT,
  BagError,
  type BagFile,
  removePartialBags,
  writeBag,
} from '../../../electron/station/packages/bagit/writer.js';
import { packagePaths, safeFileName } from '../../../electron/station/packages/layout.js';
import { bundle, childEnv } from '../../helpers/bundle.js';

let dir: string;
let sources: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-bagit-'));
  sources = path.join(dir, 'sources');
  fs.mkdirSync(sources);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const INFO = {
  sourceOrganization: 'Alisher Navoiy nomidagi Oʻzbekiston Milliy kutubxonasi',
  externalIdentifier: 'bitig-12-3100009',
  externalDescription: 'Ўзбек тили грамматикаси,\nбиринчи жилд',
  baggingDate: '2025-03-21',
  extra: { 'Contact-Name': 'Digitization desk' },
};

/** Source files as a station has them: names in Cyrillic, with ʻ, spaces. */
function sourceFile(name: string, bytes: number): string {
  const file = path.join(sources, name);
  fs.writeFileSync(file, randomBytes(bytes));
  return file;
}

/** The payload of a three-page book in a layout, read from source files with unsafe names. */
function bookFiles(layout: 'bag' | 'goobi', name: string): BagFile[] {
  const paths = packagePaths(layout, name, [
    { order: 1, masterMimeType: 'image/tiff' },
    { order: 2, masterMimeType: 'image/tiff' },
    { order: 3, masterMimeType: 'image/tiff' },
  ]);
  const files: BagFile[] = [];
  for (const page of paths.pages) {
    const stem = `${layout} Саҳифа ʻ${page.order}`;
    files.push({ path: page.master, source: sourceFile(`${stem} master.tif`, 300_000 + page.order) });
    files.push({ path: page.view, source: sourceFile(`${stem} кўриш.jpg`, 120_000 + page.order) });
    files.push({ path: page.thumb, source: sourceFile(`${stem} ё.jpg`, 9_000 + page.order) });
    files.push({ path: page.alto, content: `<alto><!-- Страница ${page.order} --></alto>\n` });
  }
  files.push({ path: paths.pdf, source: sourceFile(`${layout} Китоб ʻOʻzbek.pdf`, 700_000) });
  files.push({ path: paths.mets, content: '<mets:mets/>\n' });
  files.push({ path: paths.iiif, content: '{"type":"Manifest"}\n' });
  files.push({ path: paths.marc, content: Buffer.from('<record/>\n') });
  return files;
}

const sh = (script: string, cwd: string) => execFileSync('sh', ['-c', script], { cwd, encoding: 'utf8' });

function copyBag(from: string, name: string): string {
  const to = path.join(dir, name);
  fs.cpSync(from, to, { recursive: true });
  return to;
}

describe('layout', () => {
  it('makes names safe ASCII, the same for composed and decomposed spellings', () => {
    // Uzbek Cyrillic as the Uzbek Latin alphabet writes it (Ў = Oʻ), the ʻ dropped.
    expect(safeFileName('Ўзбек китоби ʻOʻzbekiston')).toBe('Ozbek_kitobi_Ozbekiston');
    expect(safeFileName('Щёлково – Ёлка №5')).toBe('Shchyolkovo_Yolka_No5');
    expect(safeFileName('Café'.normalize('NFC'))).toBe(safeFileName('Café'.normalize('NFD')));
    expect(safeFileName('Ёж'.normalize('NFD'))).toBe('Yozh');
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName('ʻʻʻ')).toBe('package');
    expect(safeFileName('CON')).toBe('_CON');
    for (const name of ['Ўзбек китоби ʻOʻzbekiston', 'Ёж', '日本語の本', 'a/b\\c:d*e?f"g<h>i|j'])
      expect(safeFileName(name)).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
  });

  it('puts the plain layout under data/ by kind, pages padded to 8 digits', () => {
    const paths = packagePaths('bag', 'Китоб ʻ1', [
      { order: 1 },
      { order: 12, masterMimeType: 'image/tiff' },
    ]);
    expect(paths.name).toBe('Kitob_1');
    expect(paths.page(12)).toEqual({
      order: 12,
      master: 'masters/00000012.tif',
      view: 'images/00000012.jpg',
      thumb: 'thumbs/00000012.jpg',
      alto: 'alto/00000012.xml',
    });
    expect(paths.page(1).master).toBe('masters/00000001.jpg');
    expect([paths.pdf, paths.mets, paths.iiif, paths.marc]).toEqual([
      'Kitob_1.pdf',
      'mets.xml',
      'manifest.json',
      'marc.xml',
    ]);
    expect(() => packagePaths('bag', 'x', [{ order: 1 }, { order: 1 }])).toThrow(/twice/);
    expect(() => packagePaths('bag', 'x', [{ order: 0 }])).toThrow(RangeError);
  });

  it('puts the Goobi layout where a Goobi process folder has it', () => {
    const paths = packagePaths('goobi', 'bitig-12-3100009', [{ order: 3, masterMimeType: 'image/tiff' }], {
      thumbSize: 600,
    });
    expect(paths.page(3)).toEqual({
      order: 3,
      master: 'images/bitig-12-3100009_master/00000003.tif',
      view: 'images/bitig-12-3100009_media/00000003.jpg',
      thumb: 'thumbs/bitig-12-3100009_media_600/00000003.jpg',
      alto: 'ocr/bitig-12-3100009_alto/00000003.xml',
    });
    expect([paths.mets, paths.pdf, paths.iiif, paths.marc]).toEqual([
      'meta.xml',
      'export/bitig-12-3100009.pdf',
      'export/manifest.json',
      'import/marc.xml',
    ]);
  });
});

describe('writeBag', () => {
  let bag: string;
  let written: Awaited<ReturnType<typeof writeBag>>;
  const progress: [number, number, number][] = [];
  beforeAll(async () => {
    bag = path.join(dir, 'Ўзбек китоби');
    const files = bookFiles('bag', 'Ўзбек китоби ʻOʻzbekiston');
    // Non-ASCII payload names pass through the writer and sha256sum as they are.
    files.push({ path: 'notes/изоҳ ʻ1.txt', content: 'Саҳифа 2 йиртилган\n' });
    written = await writeBag(bag, files, INFO, { onFile: (...args) => progress.push(args) });
  });

  it('passes sha256sum on the payload and tag manifests, run in the bag', () => {
    const payload = sh('sha256sum --check --strict manifest-sha256.txt', bag);
    expect(payload.trim().split('\n')).toHaveLength(written.files);
    expect(payload).not.toMatch(/FAILED/);
    expect(payload).toContain('data/Ozbek_kitobi_Ozbekiston.pdf: OK');
    expect(payload).toContain('data/notes/изоҳ ʻ1.txt: OK');
    const tags = sh('sha256sum --check --strict tagmanifest-sha256.txt', bag);
    expect(tags.trim().split('\n').sort()).toEqual([
      'bag-info.txt: OK',
      'bagit.txt: OK',
      'manifest-sha256.txt: OK',
    ]);
    // Every payload file listed: the shell's list of files under data/ is the manifest's.
    const found = sh('find data -type f | LC_ALL=C sort', bag);
    const listed = sh("cut -d' ' -f3- manifest-sha256.txt | LC_ALL=C sort", bag);
    expect(listed).toBe(found);
  });

  it('gives a Payload-Oxum that the shell recomputes', () => {
    const bytes = sh("find data -type f -exec stat -c %s {} + | awk '{s+=$1} END {print s}'", bag).trim();
    const count = sh('find data -type f | wc -l', bag).trim();
    expect(written.payloadOxum).toBe(`${bytes}.${count}`);
    expect(sh('grep ^Payload-Oxum: bag-info.txt', bag).trim()).toBe(`Payload-Oxum: ${bytes}.${count}`);
    expect(progress.at(-1)).toEqual([written.files, written.files, written.bytes]);
  });

  it('writes bagit.txt byte for byte and bag-info.txt with the elements given', () => {
    expect(fs.readFileSync(path.join(bag, 'bagit.txt'))).toEqual(
      Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n', 'ascii'),
    );
    expect(
      sh('wc -l < bagit.txt; head -c 3 bagit.txt | od -An -tx1', bag).split(/\s+/).filter(Boolean),
    ).toEqual(['2', '42', '61', '67']);
    const info = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    expect(info).toBe(
      `Payload-Oxum: ${written.payloadOxum}\n` +
        'Bagging-Date: 2025-03-21\n' +
        'Source-Organization: Alisher Navoiy nomidagi Oʻzbekiston Milliy kutubxonasi\n' +
        'External-Identifier: bitig-12-3100009\n' +
        'External-Description: Ўзбек тили грамматикаси,\n  биринчи жилд\n' +
        `Bag-Software-Agent: Bitig ${JSON.parse(fs.readFileSync('package.json', 'utf8')).version}\n` +
        'Contact-Name: Digitization desk\n',
    );
    expect(fs.readdirSync(dir).filter((n) => n.includes('.partial-'))).toEqual([]);
  });

  it('passes verifyBag, which finds a changed byte, a missing file, an extra file and a wrong Oxum', async () => {
    expect(await verifyBag(bag)).toEqual({ ok: true, problems: [] });

    const changed = copyBag(bag, 'changed');
    const view = path.join(changed, 'data/images/00000002.jpg');
    const bytes = fs.readFileSync(view);
    bytes[1000] = bytes[1000]! ^ 1;
    fs.writeFileSync(view, bytes);
    const changedCheck = await verifyBag(changed);
    expect(changedCheck.ok).toBe(false);
    expect(changedCheck.problems).toEqual([
      expect.stringMatching(/^data\/images\/00000002\.jpg: sha256 is /),
    ]);
    // The external check agrees.
    expect(() => sh('sha256sum --check --quiet manifest-sha256.txt 2>/dev/null', changed)).toThrow();

    const missing = copyBag(bag, 'missing');
    fs.rmSync(path.join(missing, 'data/thumbs/00000001.jpg'));
    const missingCheck = await verifyBag(missing);
    expect(missingCheck.problems).toContain('data/thumbs/00000001.jpg is in manifest-sha256.txt but missing');
    expect(missingCheck.problems.some((p) => p.startsWith('Payload-Oxum says'))).toBe(true);

    const extra = copyBag(bag, 'extra');
    fs.writeFileSync(path.join(extra, 'data/images/stray.jpg'), 'x');
    const extraCheck = await verifyBag(extra);
    expect(extraCheck.problems).toContain('data/images/stray.jpg is not in manifest-sha256.txt');

    // An Oxum off by one byte, with the tag manifest made to match so only the Oxum is wrong.
    const oxum = copyBag(bag, 'oxum');
    const [b, n] = written.payloadOxum.split('.').map(Number);
    const infoFile = path.join(oxum, 'bag-info.txt');
    fs.writeFileSync(
      infoFile,
      fs.readFileSync(infoFile, 'utf8').replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${b! + 1}.${n}`),
    );
    sh('sha256sum bagit.txt bag-info.txt manifest-sha256.txt > tagmanifest-sha256.txt', oxum);
    expect(await verifyBag(oxum)).toEqual({
      ok: false,
      problems: [`Payload-Oxum says ${b! + 1}.${n}, the payload is ${written.payloadOxum}`],
    });

    const tag = copyBag(bag, 'tag');
    fs.appendFileSync(path.join(tag, 'bag-info.txt'), 'Internal-Sender-Description: changed afterwards\n');
    expect((await verifyBag(tag)).problems).toEqual([expect.stringMatching(/^bag-info\.txt: sha256 is /)]);

    const bom = copyBag(bag, 'bom');
    fs.writeFileSync(path.join(bom, 'bagit.txt'), `\uFEFF${BAGIT_TXT}extra line\n`);
    expect((await verifyBag(bom)).problems).toEqual(
      expect.arrayContaining(['bagit.txt starts with a byte order mark', 'bagit.txt has 3 lines, not 2']),
    );

    const escaping = copyBag(bag, 'escaping');
    fs.appendFileSync(path.join(escaping, 'manifest-sha256.txt'), `${'0'.repeat(64)}  data/../bagit.txt\n`);
    expect((await verifyBag(escaping)).problems).toContain(
      'manifest-sha256.txt: "data/../bagit.txt" escapes the bag or is not a plain relative path',
    );
  });

  it('percent-encodes %, CR and LF in manifest paths, and verifyBag reads them back', async () => {
    const odd = path.join(dir, 'odd');
    await writeBag(
      odd,
      [
        { path: '100% done.txt', content: 'a' },
        { path: 'two\nlines.txt', content: 'b' },
        { path: 'carriage\rreturn.txt', content: 'c' },
      ],
      INFO,
    );
    const manifest = fs.readFileSync(path.join(odd, 'manifest-sha256.txt'), 'utf8');
    expect(manifest).toContain('  data/100%25 done.txt\n');
    expect(manifest).toContain('  data/two%0Alines.txt\n');
    expect(manifest).toContain('  data/carriage%0Dreturn.txt\n');
    expect(manifest.split('\n')).toHaveLength(4);
    expect(await verifyBag(odd)).toEqual({ ok: true, problems: [] });
  });

  it('puts the Goobi layout where documented, and the bag checks', async () => {
    const goobi = path.join(dir, 'goobi');
    const result = await writeBag(goobi, bookFiles('goobi', 'bitig-12-3100009'), INFO);
    const files = sh('find data -type f | LC_ALL=C sort', goobi).trim().split('\n');
    expect(files).toEqual([
      'data/export/bitig-12-3100009.pdf',
      'data/export/manifest.json',
      'data/images/bitig-12-3100009_master/00000001.tif',
      'data/images/bitig-12-3100009_master/00000002.tif',
      'data/images/bitig-12-3100009_master/00000003.tif',
      'data/images/bitig-12-3100009_media/00000001.jpg',
      'data/images/bitig-12-3100009_media/00000002.jpg',
      'data/images/bitig-12-3100009_media/00000003.jpg',
      'data/import/marc.xml',
      'data/meta.xml',
      'data/ocr/bitig-12-3100009_alto/00000001.xml',
      'data/ocr/bitig-12-3100009_alto/00000002.xml',
      'data/ocr/bitig-12-3100009_alto/00000003.xml',
      'data/thumbs/bitig-12-3100009_media_400/00000001.jpg',
      'data/thumbs/bitig-12-3100009_media_400/00000002.jpg',
      'data/thumbs/bitig-12-3100009_media_400/00000003.jpg',
    ]);
    expect(result.files).toBe(16);
    sh('sha256sum --check --strict --quiet manifest-sha256.txt tagmanifest-sha256.txt', goobi);
    expect(await verifyBag(goobi)).toEqual({ ok: true, problems: [] });
  });
});

describe('writeBag refuses', () => {
  it('an existing target, and leaves it untouched', async () => {
    const target = path.join(dir, 'existing');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'mine');
    const empty = path.join(dir, 'existing-empty');
    fs.mkdirSync(empty);
    // A link to nowhere is there too: a rename would replace it.
    const link = path.join(dir, 'existing-link');
    fs.symlinkSync(path.join(dir, 'nowhere'), link);
    for (const t of [target, empty, link]) {
      const error = await writeBag(t, [{ path: 'a.txt', content: 'a' }], INFO).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BagError);
      expect((error as BagError).reason).toBe('exists');
      expect((error as BagError).message).toMatch(/exists already/);
    }
    expect(fs.readdirSync(target)).toEqual(['keep.txt']);
    expect(fs.readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('mine');
    expect(fs.readdirSync(empty)).toEqual([]);
    expect(fs.readlinkSync(link)).toBe(path.join(dir, 'nowhere'));
    expect(fs.readdirSync(dir).filter((n) => n.includes('.partial-'))).toEqual([]);
  });

  it('paths escaping data/, and names that collide after normalisation', async () => {
    const target = path.join(dir, 'refused');
    const cases: [string, RegExp][] = [
      ['../outside.txt', /escapes data\/ \(\.\.\)/],
      ['images/../../outside.txt', /escapes data\//],
      ['/etc/passwd', /is absolute/],
      ['C:/x.txt', /is absolute/],
      ['images\\a.jpg', /backslash/],
      ['images//a.jpg', /empty or "\." segment/],
      ['', /is empty/],
    ];
    for (const [p, message] of cases) {
      const error = await writeBag(target, [{ path: p, content: 'x' }], INFO).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BagError);
      expect((error as BagError).reason).toBe('path');
      expect((error as BagError).message).toMatch(message);
    }
    const collide = await writeBag(
      target,
      [
        { path: 'Ёлка.txt'.normalize('NFC'), content: 'a' },
        { path: 'Ёлка.txt'.normalize('NFD'), content: 'b' },
      ],
      INFO,
    ).catch((e: unknown) => e);
    expect((collide as BagError).message).toMatch(/same name as .* after Unicode normalisation/);
    await expect(
      writeBag(
        target,
        [
          { path: 'a', content: 'a' },
          { path: 'a/b', content: 'b' },
        ],
        INFO,
      ),
    ).rejects.toThrow(/is a file and a folder/);
    await expect(
      writeBag(target, [{ path: 'a', content: 'a' }], { ...INFO, baggingDate: '21.03.2025' }),
    ).rejects.toThrow(/Bagging-Date/);
    await expect(
      writeBag(target, [{ path: 'a', content: 'a' }], { ...INFO, extra: { 'Payload-Oxum': '1.1' } }),
    ).rejects.toThrow(/set by the writer/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.partial-'))).toEqual([]);
  });

  it('a source that is not there, leaving nothing behind', async () => {
    const target = path.join(dir, 'no-source');
    const error = await writeBag(
      target,
      [{ path: 'a.jpg', source: path.join(dir, 'nowhere.jpg') }],
      INFO,
    ).catch((e: unknown) => e);
    expect((error as BagError).reason).toBe('source');
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.partial-'))).toEqual([]);
  });
});

describe('stopped half way', () => {
  const many = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      path: `images/${String(i + 1).padStart(8, '0')}.jpg`,
      source: sourceFile(`страница ${i}.jpg`, 1_000_000 + i),
    }));

  it('cancelled: no bag and no partial; the abort reason is what it throws', async () => {
    const target = path.join(dir, 'cancelled');
    const controller = new AbortController();
    const files = many(20);
    const error = await writeBag(target, files, INFO, {
      signal: controller.signal,
      onFile: (done) => {
        if (done === 10) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.partial-'))).toEqual([]);
  });

  it('killed: no bag, only a partial, which removePartialBags removes', async () => {
    const parent = path.join(dir, 'crash');
    fs.mkdirSync(parent);
    const target = path.join(parent, 'bitig-12-3100009');
    const filesJson = path.join(dir, 'crash-files.json');
    fs.writeFileSync(filesJson, JSON.stringify(many(40)));
    const child = await bundle('test/integration/packages/bagit-crash-child.ts', 'bagit-crash-child');
    const lines = await new Promise<string[]>((resolve, reject) => {
      const proc = spawn(process.execPath, [child, target, filesJson], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: childEnv(),
      });
      const seen: string[] = [];
      let stderr = '';
      proc.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      proc.stdout.on('data', (chunk: Buffer) => {
        seen.push(...chunk.toString().split('\n').filter(Boolean));
        if (seen.includes('20/40')) proc.kill('SIGKILL');
      });
      proc.on('error', reject);
      proc.on('exit', (code, signal) =>
        signal === 'SIGKILL'
          ? resolve(seen)
          : reject(new Error(`the child ended by itself (${code}): ${stderr}`)),
      );
    });
    expect(lines).not.toContain('done');
    expect(fs.existsSync(target)).toBe(false);
    const left = fs.readdirSync(parent);
    expect(left).toEqual([expect.stringMatching(/^\.bitig-12-3100009\.partial-[0-9a-f]{12}$/)]);
    // A bag beside it, and a folder merely named like one, are not touched.
    await writeBag(path.join(parent, 'kept'), [{ path: 'a.txt', content: 'a' }], INFO);
    fs.mkdirSync(path.join(parent, 'not.partial-bag'));
    expect(await removePartialBags(parent)).toEqual([path.join(parent, left[0]!)]);
    expect(fs.readdirSync(parent).sort()).toEqual(['kept', 'not.partial-bag']);
    expect(await removePartialBags(path.join(dir, 'no-such-folder'))).toEqual([]);
  });
});

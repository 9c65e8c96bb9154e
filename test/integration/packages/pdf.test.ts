import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackagePage } from '../../../electron/station/packages/package-input.js';
import { writePdf } from '../../../electron/station/packages/pdf/index.js';
import { describeFile, packageInput, page, tesseractTextLayer, textPage } from './pdf-iiif-fixtures.js';

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
const WORDS = ['Москва', 'библиотека', 'рукопись'];
let dir: string;
let pages: PackagePage[];
let textLayers: Map<number, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-pdf-'));
  const text = await textPage([
    'Москва — древний город.',
    'Национальная библиотека',
    'хранит старую рукопись.',
  ]);
  // 1: a JPEG master (150 dpi), 2: a PNG master, 3: a 16-bit TIFF master, turned and cropped.
  const jpg = path.join(dir, '0001.jpg');
  await text.clone().jpeg({ quality: 85 }).withMetadata({ density: 150 }).toFile(jpg);
  const png = path.join(dir, '0002.png');
  await text.clone().png().toFile(png);
  const tif = path.join(dir, '0003.tif');
  await text.clone().toColourspace('rgb16').tiff({ compression: 'lzw' }).toFile(tif);
  const ocrImage = path.join(dir, 'ocr.png');
  await text.clone().png().withMetadata({ density: 150 }).toFile(ocrImage);
  const layer = tesseractTextLayer(ocrImage, path.join(dir, 'ocr'));
  const view = (n: number) =>
    describeFile(jpg, `images/${String(n).padStart(4, '0')}.jpg`, 'image/jpeg', 1240, 1754);
  pages = [
    page(1, { ...describeFile(jpg, 'masters/0001.jpg', 'image/jpeg', 1240, 1754), resolution: 150 }, view(1)),
    page(2, { ...describeFile(png, 'masters/0002.png', 'image/png', 1240, 1754), resolution: null }, view(2)),
    page(
      3,
      { ...describeFile(tif, 'masters/0003.tif', 'image/tiff', 1240, 1754), resolution: 300 },
      view(3),
      {
        rotation: 90,
        crop: { x: 100, y: 150, width: 1000, height: 1400 },
      },
    ),
  ];
  // Page 3's text layer comes from its view: the crop, turned 90° clockwise.
  const view3 = path.join(dir, 'view3.png');
  await text
    .clone()
    .extract({ left: 100, top: 150, width: 1000, height: 1400 })
    .rotate(90)
    .png()
    .withMetadata({ density: 150 })
    .toFile(view3);
  const layer3 = tesseractTextLayer(view3, path.join(dir, 'ocr3'));
  textLayers = new Map([
    [1, layer],
    [3, layer3],
  ]);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writePdf', () => {
  it('writes a valid PDF with the JPEG master unchanged, the OCR text and the metadata', async () => {
    const file = path.join(dir, 'book.pdf');
    const progress: number[] = [];
    const result = await writePdf(packageInput(pages), {
      file,
      textLayers,
      tiff: 'lossless',
      onPage: (done) => progress.push(done),
    });
    expect(result.pages).toBe(3);
    expect(progress).toEqual([1, 2, 3]);
    const bytes = fs.readFileSync(file);
    expect(result.bytes).toBe(bytes.length);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);

    expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors found');

    const list = run('pdfimages', ['-list', file]).trim().split('\n').slice(2);
    const rows = list.map((l) => l.trim().split(/\s+/));
    // page num type width height color comp bpc enc …
    // The master's ICC profile (sharp writes sRGB) goes with it as /ICCBased.
    expect(rows[0]?.slice(0, 9)).toEqual(['1', '0', 'image', '1240', '1754', 'icc', '3', '8', 'jpeg']);
    expect(rows[1]?.[8]).toBe('image'); // PNG data as is (Flate + predictor)
    expect(rows[2]?.slice(3, 5)).toEqual(['1240', '1754']);
    expect(rows[2]?.[7]).toBe('16'); // the TIFF's 16 bits kept
    const extracted = path.join(dir, 'extract');
    run('pdfimages', ['-j', '-f', '1', '-l', '1', file, extracted]);
    expect(fs.readFileSync(`${extracted}-000.jpg`).equals(fs.readFileSync(pages[0]!.master.source))).toBe(
      true,
    );

    const text = run('pdftotext', ['-f', '1', '-l', '1', file, '-']);
    for (const word of WORDS) expect(text).toContain(word);
    // Laid over the turned, cropped page, the view's text still reads as lines.
    const turned = run('pdftotext', ['-f', '3', '-l', '3', file, '-']);
    for (const word of WORDS) expect(turned).toContain(word);

    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/Title:\s+Война и мир : роман/);
    expect(info).toMatch(/Author:\s+Толстой, Лев Николаевич/);
    expect(info).toMatch(/Subject:\s+Русская литература; Роман/);
    expect(info).toMatch(/Keywords:\s+Русская литература, Роман/);
    expect(info).toMatch(/Creator:\s+Bitig 0\.1\.0/);
    expect(info).toMatch(/Pages:\s+3/);
    // 1240 px at 150 dpi = 595.2 pt: A4.
    expect(info).toMatch(/Page size:\s+595\.2 x 841\.92 pts/);
    const dates = run('pdfinfo', ['-isodates', file]);
    expect(dates).toMatch(/CreationDate:\s+2025-03-01T14:30:00\+05/);

    const json = JSON.parse(run('qpdf', ['--json', file])) as {
      pages: { object: string }[];
      objects?: Record<string, { value?: Record<string, unknown> }>;
      qpdf?: [unknown, Record<string, { value?: Record<string, unknown> }>];
    };
    const objects = json.qpdf?.[1] ?? json.objects ?? {};
    const pageDict = (i: number) => objects[`obj:${json.pages[i]!.object}`]?.value as Record<string, unknown>;
    // PNG without a resolution: 300 dpi.
    expect(pageDict(1)['/MediaBox']).toEqual([0, 0, 297.6, 420.96]);
    expect(pageDict(2)['/Rotate']).toBe(90);
    expect(pageDict(2)['/CropBox']).toEqual([24, 48.96, 264, 384.96]);
    const catalog = Object.values(objects).find((o) => o.value?.['/Type'] === '/Catalog')?.value;
    expect(catalog?.['/Lang']).toBe('u:ru');
  });

  it('gives TIFF masters as JPEG at quality 90 when asked', async () => {
    const file = path.join(dir, 'tiff-jpeg.pdf');
    await writePdf(packageInput([pages[2]!]), { file, tiff: 'jpeg' });
    expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors found');
    const row = run('pdfimages', ['-list', file]).trim().split('\n')[2]!.trim().split(/\s+/);
    expect(row[8]).toBe('jpeg');
  });

  it('writes PDF/A-2b: XMP, an sRGB output intent and a document ID', async () => {
    const file = path.join(dir, 'book-a.pdf');
    await writePdf(packageInput(pages), { file, textLayers, tiff: 'lossless', pdfa: true });
    expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors found');
    const head = fs.readFileSync(file).subarray(0, 15);
    expect(head.subarray(0, 9).toString('latin1')).toBe('%PDF-1.7\n');
    expect([...head.subarray(10, 14)].every((b) => b > 127)).toBe(true);

    const json = JSON.parse(run('qpdf', ['--json', '--json-stream-data=inline', file])) as {
      qpdf: [
        unknown,
        Record<
          string,
          { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown>; data?: string } }
        >,
      ];
    };
    const objects = json.qpdf[1];
    const trailer = objects.trailer?.value as Record<string, unknown>;
    const id = trailer['/ID'] as string[];
    expect(id).toHaveLength(2);
    expect(id[0]).toMatch(/^b:[0-9a-f]{32}$/);
    const catalog = objects[String(trailer['/Root']).replace(/^(\d+) (\d+) R$/, 'obj:$1 $2 R')]
      ?.value as Record<string, string | string[]>;
    const metadata = objects[`obj:${catalog['/Metadata']}`]?.stream;
    expect(metadata?.dict['/Subtype']).toBe('/XML');
    expect(metadata?.dict['/Filter']).toBeUndefined();
    const xmp = Buffer.from(metadata?.data ?? '', 'base64').toString('utf8');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Война и мир : роман</rdf:li>');
    expect(xmp).toContain('<rdf:li>Толстой, Лев Николаевич</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2025-03-01T14:30:00+05:00</xmp:CreateDate>');
    const intent = objects[`obj:${(catalog['/OutputIntents'] as string[])[0]}`]?.value as Record<
      string,
      string
    >;
    expect(intent['/S']).toBe('/GTS_PDFA1');
    const profile = objects[`obj:${intent['/DestOutputProfile']}`]?.stream;
    expect(profile?.dict['/N']).toBe(3);
    const icc = Buffer.from(profile?.data ?? '', 'base64');
    expect(icc.toString('latin1', 36, 40)).toBe('acsp');
    expect(icc.toString('latin1', 16, 20)).toBe('RGB ');
    // The XMP says what the Info dictionary says.
    const info = run('pdfinfo', ['-meta', file]);
    expect(info).toContain('xmp:CreatorTool>Bitig 0.1.0<');
  });

  it('refuses a corrupt master and leaves no file behind', async () => {
    const bad = path.join(dir, 'bad.jpg');
    fs.writeFileSync(bad, fs.readFileSync(pages[0]!.master.source).subarray(0, 5000));
    const garbage = path.join(dir, 'garbage.jpg');
    fs.writeFileSync(garbage, 'not an image at all');
    for (const source of [bad, garbage]) {
      const file = path.join(dir, `bad-${path.basename(source)}.pdf`);
      const broken = {
        ...pages[0]!,
        order: 2,
        master: { ...pages[0]!.master, source, path: 'masters/0002.jpg' },
      };
      await expect(writePdf(packageInput([pages[0]!, broken]), { file, tiff: 'jpeg' })).rejects.toThrow(
        /Page 2: the master masters\/0002\.jpg cannot be used/,
      );
      expect(fs.existsSync(file)).toBe(false);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    }
  });

  it('stops when aborted and leaves no file behind', async () => {
    const file = path.join(dir, 'aborted.pdf');
    const controller = new AbortController();
    await expect(
      writePdf(packageInput(pages), {
        file,
        tiff: 'jpeg',
        signal: controller.signal,
        onPage: () => controller.abort(),
      }),
    ).rejects.toThrow();
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});

import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isUzbek, normaliseUzbekApostrophes } from '../../../electron/station/packages/ocr/apostrophes.js';
import { normaliseTextPdf } from '../../../electron/station/packages/ocr/text-pdf.js';

const TURNED = '\u02BB'; // ʻ
const APOSTROPHE = '\u02BC'; // ʼ

describe('normaliseUzbekApostrophes', () => {
  it.each(["'", '`', '\u2018', '\u2019', TURNED, APOSTROPHE])(
    'o and g followed by %s take U+02BB',
    (mark) => {
      expect(normaliseUzbekApostrophes(`O${mark}zbekiston`)).toBe(`O${TURNED}zbekiston`);
      expect(normaliseUzbekApostrophes(`o${mark}qituvchi`)).toBe(`o${TURNED}qituvchi`);
      expect(normaliseUzbekApostrophes(`G${mark}afur G${mark}ulom`)).toBe(`G${TURNED}afur G${TURNED}ulom`);
      expect(normaliseUzbekApostrophes(`tog${mark}`)).toBe(`tog${TURNED}`);
    },
  );

  it.each(["'", '`', '\u2018', '\u2019', TURNED, APOSTROPHE])(
    '%s between other letters is the tutuq belgisi U+02BC',
    (mark) => {
      expect(normaliseUzbekApostrophes(`ma${mark}naviyat va san${mark}at`)).toBe(
        `ma${APOSTROPHE}naviyat va san${APOSTROPHE}at`,
      );
      expect(normaliseUzbekApostrophes(`Qur${mark}on`)).toBe(`Qur${APOSTROPHE}on`);
    },
  );

  it('leaves quotation marks that are not between letters, and text already right', () => {
    expect(normaliseUzbekApostrophes('‘Kitob’ va "daftar"')).toBe('‘Kitob’ va "daftar"');
    expect(normaliseUzbekApostrophes("'salom'")).toBe("'salom'");
    const right = `O${TURNED}zbekiston, ma${APOSTROPHE}no, bog${TURNED}`;
    expect(normaliseUzbekApostrophes(right)).toBe(right);
  });

  it('touches only the Latin o and g: Cyrillic о and г before an apostrophe are letters like any other', () => {
    expect(normaliseUzbekApostrophes("о'т г'ул")).toBe(`о${APOSTROPHE}т г${APOSTROPHE}ул`);
  });

  it('is for Uzbek in either script', () => {
    expect(isUzbek(['uzb'])).toBe(true);
    expect(isUzbek(['rus', 'uzb_cyrl'])).toBe(true);
    expect(isUzbek(['rus', 'kaz'])).toBe(false);
  });
});

describe("normaliseTextPdf: the text-only PDF page's words as the ALTO has them", () => {
  /** A page laid out as Tesseract 5 writes it: words as UTF-16BE hex, the contents Flate-compressed. */
  function tesseractPdf(words: string[]): Buffer {
    const hex = (w: string) => Buffer.from(w, 'utf16le').swap16().toString('hex').toUpperCase();
    const content = zlib.deflateSync(
      Buffer.from(`BT\n3 Tr ${words.map((w) => `[ <${hex(w)}> ] TJ 10 0 Td`).join(' ')}\nET\n`, 'latin1'),
    );
    const parts: (string | Buffer)[] = ['%PDF-1.5\n'];
    const offsets: number[] = [];
    const size = () => parts.reduce((n, p) => n + Buffer.byteLength(p as string), 0);
    const obj = (n: number, body: string | Buffer[]) => {
      offsets[n] = size();
      parts.push(`${n} 0 obj\n`);
      if (typeof body === 'string') parts.push(body);
      else parts.push(...body);
      parts.push('\nendobj\n');
    };
    obj(1, '<<\n  /Type /Catalog\n  /Pages 2 0 R\n>>');
    obj(3, '<<\n  /Type /Page\n  /Parent 2 0 R\n  /Contents 4 0 R\n>>');
    obj(4, [
      Buffer.from(`<<\n  /Length ${content.length} /Filter /FlateDecode\n>>\nstream\n`),
      content,
      Buffer.from('\nendstream'),
    ]);
    obj(2, '<<\n  /Type /Pages\n  /Kids [ 3 0 R ]\n  /Count 1\n>>');
    obj(5, '<<\n  /Producer (Tesseract 5.3.0)\n>>');
    const xref = size();
    const rows = [1, 2, 3, 4, 5].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`).join('');
    parts.push(
      `xref\n0 6\n0000000000 65535 f \n${rows}trailer\n<<\n  /Size 6\n  /Root 1 0 R\n>>\nstartxref\n${xref}\n%%EOF\n`,
    );
    return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));
  }

  function words(pdf: Buffer): string[] {
    const text = pdf.toString('latin1');
    const start = text.indexOf('stream\n') + 7;
    const length = Number(/\/Length (\d+) \/Filter/.exec(text)![1]);
    const content = zlib.inflateSync(pdf.subarray(start, start + length)).toString('latin1');
    return [...content.matchAll(/<([0-9A-F]+)>/g)].map((m) =>
      Buffer.from(m[1]!, 'hex').swap16().toString('utf16le'),
    );
  }

  /** Every xref offset points at its object, and startxref at the xref. */
  function expectConsistent(pdf: Buffer): void {
    const text = pdf.toString('latin1');
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
    const rows = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n/gm)].map((m) => Number(m[1]));
    for (const [i, offset] of rows.entries())
      expect(text.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true);
  }

  it("rewrites the words and moves the xref's offsets with them", () => {
    const before = tesseractPdf(["O'zbekiston", 'Respublikasi', "ma'naviyat", "tog'"]);
    expectConsistent(before);
    const after = normaliseTextPdf(before);
    expect(words(after)).toEqual([
      `O${TURNED}zbekiston`,
      'Respublikasi',
      `ma${APOSTROPHE}naviyat`,
      `tog${TURNED}`,
    ]);
    expectConsistent(after);
  });

  it('returns the same bytes when there is nothing to change, or the PDF is not laid out as Tesseract writes it', () => {
    const plain = tesseractPdf(['Toshkent', 'shahri.']);
    expect(normaliseTextPdf(plain)).toBe(plain);
    const other = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
    expect(normaliseTextPdf(other)).toBe(other);
  });
});

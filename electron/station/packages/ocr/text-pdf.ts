import zlib from 'node:zlib';
import { normaliseUzbekApostrophes } from './apostrophes.js';

/**
 * Tesseract's text-only PDF page with Uzbek apostrophes normalised, as its ALTO is. The page's
 * text is one Flate stream of `[ <hex> ] TJ` words, each UTF-16BE (the GlyphLessFont maps CIDs to
 * Unicode one to one); the stream is rewritten, and the offsets after it in the xref shifted. A
 * PDF not laid out as Tesseract 4–5 writes it comes back unchanged.
 */
export function normaliseTextPdf(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const contents = /\/Contents (\d+) 0 R/.exec(text);
  if (!contents) return pdf;
  const start = text.indexOf(`\n${contents[1]} 0 obj`);
  if (start < 0) return pdf;
  const header = /^\n\d+ 0 obj\s*<<\s*\/Length (\d+) \/Filter \/FlateDecode\s*>>\s*stream\r?\n/.exec(
    text.slice(start, start + 200),
  );
  if (!header) return pdf;
  const dataStart = start + header[0].length;
  const length = Number(header[1]);
  const dataEnd = dataStart + length;
  if (!/^(\r?\n)?endstream/.test(text.slice(dataEnd, dataEnd + 12))) return pdf;
  let stream: string;
  try {
    stream = zlib.inflateSync(pdf.subarray(dataStart, dataEnd)).toString('latin1');
  } catch {
    return pdf;
  }
  const rewritten = stream.replace(/\[ <([0-9A-Fa-f]*)> \] TJ/g, (whole, hex: string) => {
    const word = Buffer.from(hex, 'hex').swap16().toString('utf16le');
    const normal = normaliseUzbekApostrophes(word);
    if (normal === word) return whole;
    return `[ <${Buffer.from(normal, 'utf16le').swap16().toString('hex').toUpperCase()}> ] TJ`;
  });
  if (rewritten === stream) return pdf;
  const data = zlib.deflateSync(Buffer.from(rewritten, 'latin1'));
  const newHeader = header[0].replace(`/Length ${length}`, `/Length ${data.length}`);
  const before = Buffer.from(text.slice(0, start) + newHeader, 'latin1');
  const delta = before.length + data.length - dataEnd;
  const after = text.slice(dataEnd);
  // Every object after the stream moves by delta: the xref entries past it and startxref follow.
  const shifted = after
    .replace(/^(\d{10}) (\d{5}) n(\s)/gm, (whole, offset: string, gen: string, end: string) =>
      Number(offset) > dataStart
        ? `${String(Number(offset) + delta).padStart(10, '0')} ${gen} n${end}`
        : whole,
    )
    .replace(/startxref\s+(\d+)/, (_, offset: string) => `startxref\n${Number(offset) + delta}`);
  return Buffer.concat([before, data, Buffer.from(shifted, 'latin1')]);
}

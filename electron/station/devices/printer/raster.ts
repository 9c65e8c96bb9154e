import sharp from 'sharp';
import { type Bitmap, blit, emptyBitmap } from './bitmap.js';
import type { ReceiptFonts } from './fonts.js';

export type Align = 'left' | 'center' | 'right';
export type Mark = 'ok' | 'failed';

export interface RasterTextOptions {
  /** Printable width in dots. */
  width: number;
  fonts: ReceiptFonts;
  /** Em size in dots; 22 matches the height of the printer's own font A line. */
  fontPx?: number;
  bold?: boolean;
  align?: Align;
  /** Left margin in dots. */
  indent?: number;
  mark?: Mark;
}

/** Below this grey level (of 255) a pixel of anti-aliased text prints black. */
const THRESHOLD = 110;

/**
 * Renders a line of text as a 1-bit image with the receipt font, for text no code page carries.
 * Pango (through sharp/libvips) shapes the text with the given font file, so the result does not
 * depend on the system's fonts; it wraps the text at the printable width.
 */
export async function renderTextBitmap(text: string, o: RasterTextOptions): Promise<Bitmap> {
  const fontPx = o.fontPx ?? 22;
  const indent = o.indent ?? 0;
  const markWidth = o.mark ? Math.round(fontPx * 1.1) : 0;
  const available = Math.max(fontPx, o.width - indent - markWidth);
  const glyphs = await renderText(text, available, fontPx, o.bold ?? false, o.fonts, o.align ?? 'left');
  const bitmap = emptyBitmap(o.width, Math.max(glyphs.height, glyphs.lines * glyphs.pitch));
  let x = indent + markWidth;
  if (o.align === 'center') x += Math.max(0, Math.floor((available - glyphs.width) / 2));
  if (o.align === 'right') x += Math.max(0, available - glyphs.width);
  blit(bitmap, glyphs.data, glyphs.width, glyphs.height, x, 0, (v) => v > 255 - THRESHOLD);
  if (o.mark) {
    const mark = await renderMark(o.mark, fontPx);
    // The line's top is the top of an accented capital; the mark sits on the cap-height band.
    blit(bitmap, mark.data, mark.size, mark.size, indent, Math.round(fontPx * 0.22), (v) => v < THRESHOLD);
  }
  return bitmap;
}

interface Grey {
  data: Uint8Array;
  width: number;
  height: number;
}

/*
 * libvips crops rendered text to its ink, so "ace" and "Ёд" would come out with different tops and
 * lines would not share a baseline. An invisible first line (alpha 1 of 65535) reaching from the
 * accent of Й to the foot of | pins the top: the text's own lines start one line pitch below it.
 */
const STRUT = '<span alpha="1">Й|</span>';

interface LineMetrics {
  /** Distance between consecutive baselines. */
  pitch: number;
}

const metricsCache = new Map<string, Promise<LineMetrics>>();

function lineMetrics(fontPx: number, bold: boolean, fonts: ReceiptFonts): Promise<LineMetrics> {
  const key = `${fontPx}/${bold}/${bold ? fonts.bold : fonts.regular}`;
  let metrics = metricsCache.get(key);
  if (!metrics) {
    metrics = (async () => {
      const one = await renderMarkup(STRUT, 10_000, fontPx, bold, fonts, 'left');
      const two = await renderMarkup(`${STRUT}\n${STRUT}`, 10_000, fontPx, bold, fonts, 'left');
      return { pitch: two.height - one.height };
    })();
    metricsCache.set(key, metrics);
  }
  return metrics;
}

async function renderText(
  text: string,
  width: number,
  fontPx: number,
  bold: boolean,
  fonts: ReceiptFonts,
  align: Align,
): Promise<Grey & { lines: number; pitch: number }> {
  const { pitch } = await lineMetrics(fontPx, bold, fonts);
  if (text.trim() === '') return { data: new Uint8Array(0), width: 0, height: 0, lines: 1, pitch };
  const raw = await renderMarkup(`${STRUT}\n${escapeMarkup(text)}`, width, fontPx, bold, fonts, align);
  const height = Math.max(0, raw.height - pitch);
  const data = raw.data.subarray(pitch * raw.width);
  // Every text line is one pitch high; the last may have no descender, so round to whole lines.
  const lines = Math.max(1, Math.ceil(height / pitch - 0.2));
  return { data, width: raw.width, height, lines, pitch };
}

/** Pango markup rendered with the receipt font; returns the coverage (alpha), 0–255 per pixel. */
async function renderMarkup(
  markup: string,
  width: number,
  fontPx: number,
  bold: boolean,
  fonts: ReceiptFonts,
  align: Align,
): Promise<Grey> {
  const { data, info } = await sharp({
    text: {
      text: markup,
      font: `Noto Sans${bold ? ' Bold' : ''} ${fontPx}px`,
      fontfile: bold ? fonts.bold : fonts.regular,
      width,
      align: align === 'center' ? 'centre' : align,
      wrap: 'word-char',
      dpi: 72,
      rgba: true,
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const alpha = new Uint8Array(info.width * info.height);
  for (let i = 0; i < alpha.length; i++) alpha[i] = data[i * info.channels + info.channels - 1]!;
  return { data: alpha, width: info.width, height: info.height };
}

/** ✓ and ✗ drawn as paths: Noto Sans has no glyph for them, and system fonts vary. */
async function renderMark(mark: Mark, fontPx: number): Promise<Grey & { size: number }> {
  const size = Math.round(fontPx * 0.8);
  const stroke = Math.max(2, Math.round(fontPx / 9));
  const path =
    mark === 'ok'
      ? `M ${size * 0.12} ${size * 0.55} L ${size * 0.4} ${size * 0.85} L ${size * 0.9} ${size * 0.12}`
      : `M ${size * 0.15} ${size * 0.15} L ${size * 0.85} ${size * 0.85} M ${size * 0.85} ${size * 0.15} L ${size * 0.15} ${size * 0.85}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="#fff"/><path d="${path}" fill="none" stroke="#000" stroke-width="${stroke}" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: oneBand(data, info.channels), width: info.width, height: info.height, size };
}

function oneBand(data: Buffer, channels: number): Uint8Array {
  if (channels === 1) return new Uint8Array(data.buffer, data.byteOffset, data.length);
  const out = new Uint8Array(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels]!;
  return out;
}

/** Pango markup: the text input of libvips is markup, so &, < and > must be escaped. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

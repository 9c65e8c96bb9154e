import sharp from 'sharp';
import { type Bitmap, emptyBitmap, stack, toGrey } from '../../printer/bitmap.js';
import type { ReceiptFonts } from '../../printer/fonts.js';
import type { PrinterProfile } from '../../printer/profiles.js';
import { renderTextBitmap } from '../../printer/raster.js';
import type { PrintedElement } from './escpos-interpreter.js';

/** Paper margin above and below the printout in the preview, in dots. */
const MARGIN = 16;

/**
 * Draws what the simulated printer printed as the paper would look: text in the receipt font at
 * the printer's character size and position, raster images dot for dot, 1 bit per dot.
 */
export async function renderPrintout(
  elements: PrintedElement[],
  profile: PrinterProfile,
  fonts: ReceiptFonts,
): Promise<Bitmap> {
  const parts: Bitmap[] = [emptyBitmap(profile.dots, MARGIN)];
  for (const e of elements) {
    if (e.kind === 'feed') parts.push(emptyBitmap(profile.dots, e.dots));
    else if (e.kind === 'raster') parts.push(fitWidth(e.bitmap, profile.dots));
    else if (e.kind === 'text' && /^[-=_]+$/.test(e.text)) {
      parts.push(ruleLine(e.text.length, e.indentDots, profile));
    } else if (e.kind === 'text') {
      const part = await renderTextBitmap(e.text, {
        width: profile.dots,
        fonts,
        fontPx: 22 * e.height,
        bold: e.bold,
        align: e.align,
        indent: Math.round(e.indentDots),
      });
      // Text lines take the printer's line pitch (font height plus line spacing).
      parts.push(part.height < profile.lineDots * e.height ? pad(part, profile.lineDots * e.height) : part);
    }
  }
  parts.push(emptyBitmap(profile.dots, MARGIN));
  return stack(parts);
}

export async function printoutPng(bitmap: Bitmap): Promise<Buffer> {
  return sharp(Buffer.from(toGrey(bitmap)), {
    raw: { width: bitmap.width, height: bitmap.height, channels: 1 },
  })
    .png()
    .toBuffer();
}

/**
 * A line of dashes, drawn cell by cell: in the printer's fixed-width font it spans the paper,
 * which the proportional receipt font would not show.
 */
function ruleLine(count: number, indentDots: number, profile: PrinterProfile): Bitmap {
  const out = emptyBitmap(profile.dots, profile.lineDots);
  const cell = profile.dots / profile.columns;
  const y = Math.floor(profile.lineDots / 2);
  const rowBytes = out.width / 8;
  for (let i = 0; i < count; i++) {
    const from = Math.round(indentDots + i * cell + cell * 0.2);
    const to = Math.min(out.width, Math.round(indentDots + (i + 1) * cell - cell * 0.2));
    for (let x = from; x < to; x++)
      for (const row of [y, y + 1]) out.data[row * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return out;
}

function pad(bitmap: Bitmap, height: number): Bitmap {
  const out = emptyBitmap(bitmap.width, height);
  out.data.set(bitmap.data);
  return out;
}

/** Raster images wider than the paper are cut off by the head; narrower ones sit on the left. */
function fitWidth(bitmap: Bitmap, width: number): Bitmap {
  if (bitmap.width === width) return bitmap;
  const out = emptyBitmap(width, bitmap.height);
  const src = bitmap.width / 8;
  const dst = out.width / 8;
  for (let y = 0; y < bitmap.height; y++) {
    out.data.set(bitmap.data.subarray(y * src, y * src + Math.min(src, dst)), y * dst);
  }
  return out;
}

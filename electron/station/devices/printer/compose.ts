import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Bitmap } from './bitmap.js';
import { choosePage, MARK_TEXT } from './code-pages.js';
import { type PrintDocument, type PrintLine, wrapText } from './document.js';
import type { ReceiptFonts } from './fonts.js';
import type { CodePage, PrinterProfile } from './profiles.js';
import { renderTextBitmap } from './raster.js';

/** How one line of the document went to the printer — for tests and the printer's log. */
export interface ComposedLine {
  text: string;
  mode: 'text' | 'raster';
  codePage?: CodePage;
}

export interface Composed {
  bytes: Uint8Array;
  lines: ComposedLine[];
}

export interface ComposeOptions {
  fonts: ReceiptFonts;
  /** Code pages to try, in order; by default every Cyrillic page the profile has, CP866 first. */
  codePages?: CodePage[];
}

/**
 * Turns a document into ESC/POS for one printer model. Each line is printed as text in the first
 * code page that carries all of it, or else as a raster image (`GS v 0`) drawn with the receipt
 * font — so a Russian receipt is plain CP866 text, and an Uzbek line with Қ or oʻ is an image.
 *
 * The encoder (receipt-printer-encoder) writes the text, code page, style and cut commands. Each
 * line gets its own small encoder run, concatenated here, because the encoder buffers a line's
 * alignment padding and would put a raw image command after it, where printers ignore it.
 */
export async function composeEscPos(
  doc: PrintDocument,
  profile: PrinterProfile,
  options: ComposeOptions,
): Promise<Composed> {
  const pages =
    options.codePages ?? (['cp866', 'windows1251'] as CodePage[]).filter((p) => p in profile.codePages);
  const parts: Uint8Array[] = [encoder(profile).initialize().encode()];
  const lines: ComposedLine[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'feed') {
      parts.push(encoder(profile).newline(block.lines).encode());
    } else if (block.kind === 'rule') {
      parts.push(encoder(profile).line('-'.repeat(profile.columns)).encode());
    } else {
      const page = choosePage(block.text, pages);
      if (page) {
        parts.push(textLine(block, page, profile));
        lines.push({ text: block.text, mode: 'text', codePage: page });
      } else {
        const bitmap = await renderTextBitmap(block.text, {
          width: profile.dots,
          fonts: options.fonts,
          fontPx: block.size === 2 ? 44 : 22,
          bold: block.bold ?? false,
          align: block.align ?? 'left',
          indent: (block.indent ?? 0) * (profile.dots / profile.columns),
          ...(block.mark ? { mark: block.mark } : {}),
        });
        parts.push(rasterCommand(bitmap));
        lines.push({ text: block.text, mode: 'raster' });
      }
    }
  }
  if (doc.cut ?? true) {
    parts.push(
      new ReceiptPrinterEncoder({ ...encoderOptions(profile), feedBeforeCut: profile.feedBeforeCut })
        .cut('partial')
        .encode(),
    );
  }
  return { bytes: concat(parts), lines };
}

function textLine(block: PrintLine, page: CodePage, profile: PrinterProfile): Uint8Array {
  const size = block.size ?? 1;
  const indent = ' '.repeat(block.indent ?? 0);
  const mark = block.mark ? `${MARK_TEXT[page][block.mark]} ` : '';
  const width = Math.floor(profile.columns / size) - indent.length - mark.length;
  const enc = encoder(profile).codepage(page);
  if (block.align) enc.align(block.align);
  if (block.bold) enc.bold(true);
  if (size === 2) enc.size(2, 2);
  wrapText(block.text, width).forEach((part, i) => {
    enc.line(`${indent}${i === 0 ? mark : ' '.repeat(mark.length)}${part}`);
  });
  if (size === 2) enc.size(1, 1);
  if (block.bold) enc.bold(false);
  return enc.encode();
}

function encoderOptions(profile: PrinterProfile) {
  return {
    language: 'esc-pos' as const,
    columns: profile.columns,
    codepageMapping: profile.codePages as Record<string, number>,
    newline: '\n' as const,
  };
}

function encoder(profile: PrinterProfile) {
  return new ReceiptPrinterEncoder(encoderOptions(profile));
}

/**
 * `GS v 0 m xL xH yL yH d…`: a raster bit image, m = 0 (normal density). Written here rather than
 * with the encoder's `image()`, which adds a line feed after each image and so a blank gap between
 * consecutive raster lines.
 */
export function rasterCommand(bitmap: Bitmap): Uint8Array {
  const bytesPerRow = bitmap.width / 8;
  const header = Uint8Array.of(
    0x1d,
    0x76,
    0x30,
    0,
    bytesPerRow & 0xff,
    bytesPerRow >> 8,
    bitmap.height & 0xff,
    bitmap.height >> 8,
  );
  return concat([header, bitmap.data]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

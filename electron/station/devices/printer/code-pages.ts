import iconv from 'iconv-lite';
import type { CodePage } from './profiles.js';

/** iconv-lite's names for the pages (the encoder calls them cp866 / windows1251). */
const ICONV_NAME: Record<CodePage, string> = { cp866: 'cp866', windows1251: 'win1251' };

/** Whether every character of `text` exists in the code page. */
export function pageCarries(page: CodePage, text: string): boolean {
  // iconv-lite replaces what a page lacks with '?', so a round trip shows any loss.
  const name = ICONV_NAME[page];
  return iconv.decode(iconv.encode(text, name), name) === text;
}

/** The first of `pages` that carries `text`, or `null` when none does (print it as an image). */
export function choosePage(text: string, pages: readonly CodePage[]): CodePage | null {
  return pages.find((page) => pageCarries(page, text)) ?? null;
}

export function encodePage(page: CodePage, text: string): Buffer {
  return iconv.encode(text, ICONV_NAME[page]);
}

export function decodePage(page: CodePage, bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), ICONV_NAME[page]);
}

/**
 * ✓ and ✗ are in no code page. In text lines they become the closest character the page has: the
 * radical sign √ in CP866, + in WPC1251; ✗ becomes x. Raster lines draw the real marks.
 */
export const MARK_TEXT: Record<CodePage, { ok: string; failed: string }> = {
  cp866: { ok: '√', failed: 'x' },
  windows1251: { ok: '+', failed: 'x' },
};

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as opentypeModule from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { loadLocales, REPO } from './locale-helpers.js';

// opentype.js 2.0.0: `main` is a UMD bundle (CommonJS in Node: everything on the default export),
// `module` is ESM with named exports only. Take `parse` from whichever we were given.
const parse: typeof opentypeModule.parse =
  (opentypeModule as { parse?: typeof opentypeModule.parse }).parse ?? opentypeModule.default.parse;

const FONTS_DIR = join(REPO, 'resources/fonts');
const FONT_FILES = ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'];

function load(file: string) {
  const bytes = readFileSync(join(FONTS_DIR, file));
  return parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/** The letters the languages need, whether or not today's messages happen to use them all. */
const REQUIRED = 'ʻʼ ЎўҚқҒғҲҳ ӘәӨөҮүҰұІіҢңҺһ «»—…’ Ёё'.replace(/\s/g, '');

describe.each(FONT_FILES)('%s', (file) => {
  const font = load(file);

  it('is Noto Sans', () => {
    expect(font.names.windows?.fontFamily?.en).toBe('Noto Sans');
  });

  it('has a glyph for every Uzbek and Kazakh letter', () => {
    const missing = [...REQUIRED].filter((ch) => !(font.charToGlyphIndex(ch) > 0));
    expect(
      missing.map((ch) => `U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} ${ch}`),
    ).toEqual([]);
  });

  it('has a glyph for every character of every locale file', () => {
    const missing: string[] = [];
    for (const [lang, messages] of Object.entries(loadLocales())) {
      const chars = new Set([...Object.values(messages).join('')].filter((ch) => !/\s/u.test(ch)));
      for (const ch of chars) {
        if (!(font.charToGlyphIndex(ch) > 0)) {
          missing.push(`${lang}: U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} ${ch}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('font files', () => {
  it('come with their licence', () => {
    const ofl = readFileSync(join(FONTS_DIR, 'OFL.txt'), 'utf8');
    expect(ofl).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });

  it('are the ones the renderer CSS loads', () => {
    const cssFile = join(REPO, 'renderer/src/styles/fonts.css');
    const urls = [...readFileSync(cssFile, 'utf8').matchAll(/url\("([^"]+)"\)/g)].map((m) => m[1] ?? '');
    expect(urls.length).toBe(FONT_FILES.length);
    for (const url of urls) expect(existsSync(resolve(dirname(cssFile), url))).toBe(true);
    expect(urls.map((u) => u.split('/').pop()).sort()).toEqual([...FONT_FILES].sort());
  });
});

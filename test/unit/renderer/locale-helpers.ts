import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import IntlMessageFormat from 'intl-messageformat';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const LOCALES_DIR = join(REPO, 'renderer/i18n/locales');

export type Messages = Record<string, string>;

/** Nested locale JSON → { 'a.b.c': message }. */
export function flatten(tree: unknown, prefix = '', out: Messages = {}): Messages {
  if (typeof tree !== 'object' || tree === null) throw new Error(`not an object at ${prefix || '(root)'}`);
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else flatten(value, path, out);
  }
  return out;
}

/** Every locale file, by its tag (the file name). */
export function loadLocales(): Record<string, Messages> {
  const result: Record<string, Messages> = {};
  for (const file of readdirSync(LOCALES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    result[file.replace(/\.json$/, '')] = flatten(JSON.parse(readFileSync(join(LOCALES_DIR, file), 'utf8')));
  }
  return result;
}

/** Files under `dir` (recursively) whose names end with one of `exts`. */
export function listFiles(dir: string, exts: string[]): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .map((f) => join(dir, f))
    .sort();
}

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

function walk(elements: AstNode[], visit: (el: AstNode) => void): void {
  for (const el of elements) {
    visit(el);
    if (el.options) for (const option of Object.values(el.options)) walk(option.value, visit);
    if (el.children) walk(el.children, visit);
  }
}

/** Argument names an ICU message uses (in plural/select branches and tags too), sorted. */
export function argumentNames(message: string, locale: string): string[] {
  const names = new Set<string>();
  walk(new IntlMessageFormat(message, locale).getAst() as AstNode[], (el) => {
    // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural; 0 literal, 7 pound, 8 tag.
    if (el.type >= 1 && el.type <= 6 && typeof el.value === 'string') names.add(el.value);
  });
  return [...names].sort();
}

/** The text of an ICU message that can reach the screen (literals of every branch), without syntax. */
export function literalText(message: string, locale: string): string {
  const parts: string[] = [];
  walk(new IntlMessageFormat(message, locale).getAst() as AstNode[], (el) => {
    if (el.type === 0 && typeof el.value === 'string') parts.push(el.value);
  });
  return parts.join(' ');
}

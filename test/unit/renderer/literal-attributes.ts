/**
 * Attributes whose value is read out or shown. Biome's noJsxLiterals covers JSX text; this covers
 * these attributes however their literal is written: "x", 'x', {'x'}, {"x"} or {`x`}.
 */
const VISIBLE_ATTRIBUTES = [
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
];

const LITERAL_ATTRIBUTE = new RegExp(
  `(?<![\\w.-])(${VISIBLE_ATTRIBUTES.join('|')})\\s*=\\s*(?:"([^"]*)"|'([^']*)'|\\{\\s*(?:"([^"]*)"|'([^']*)'|\`([^\`$]*)\`)\\s*\\})`,
  'g',
);

export function findLiteralAttributes(source: string): { line: number; attribute: string; value: string }[] {
  const found: { line: number; attribute: string; value: string }[] = [];
  for (const m of source.matchAll(LITERAL_ATTRIBUTE)) {
    const value = m.slice(2).find((v) => v !== undefined) ?? '';
    found.push({ line: source.slice(0, m.index).split('\n').length, attribute: m[1] ?? '', value });
  }
  return found;
}

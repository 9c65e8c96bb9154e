import { CatalogError } from '../errors.js';

/** One Bib-1 attribute: type (1 use, 2 relation, 3 position, 4 structure, 5 truncation, 6 completeness). */
export interface RpnAttribute {
  type: number;
  value: number;
}

/** A type-1 (RPN) query as a tree. */
export type Rpn =
  | { op: 'and' | 'or' | 'not'; left: Rpn; right: Rpn }
  | { term: string; attributes: RpnAttribute[] };

/**
 * Parses the part of PQF (YAZ's Prefix Query Format) that catalogue lookups use:
 * `@attr T=V` (numeric, repeated), `@and`/`@or`/`@not`, an optional leading `@attrset bib-1`, terms
 * bare or in double quotes (with `\"` and `\\`). Anything else is CATALOG_BAD_QUERY, never a guess.
 */
export function parsePqf(text: string): Rpn {
  const tokens = tokenize(text);
  let pos = 0;
  if (tokens[0]?.kind === 'op' && tokens[0].text === '@attrset') {
    const set = tokens[1];
    if (!set || set.kind === 'op' || set.text.toLowerCase() !== 'bib-1') {
      throw bad(`only the bib-1 attribute set is supported`);
    }
    pos = 2;
  }

  const structure = (): Rpn => {
    const t = tokens[pos];
    if (!t) throw bad('the query ends too early');
    if (t.kind === 'op' && (t.text === '@and' || t.text === '@or' || t.text === '@not')) {
      pos += 1;
      const left = structure();
      const right = structure();
      return { op: t.text.slice(1) as 'and' | 'or' | 'not', left, right };
    }
    const attributes: RpnAttribute[] = [];
    while (tokens[pos]?.kind === 'op' && tokens[pos]!.text === '@attr') {
      pos += 1;
      const spec = tokens[pos];
      if (!spec || spec.kind === 'op') throw bad('@attr needs type=value');
      const m = /^(\d{1,4})=(\d{1,9})$/.exec(spec.text);
      if (!m) throw bad(`@attr ${spec.text}: only numeric type=value is supported`);
      attributes.push({ type: Number(m[1]), value: Number(m[2]) });
      pos += 1;
    }
    const term = tokens[pos];
    if (!term) throw bad('a term is missing after the attributes');
    if (term.kind === 'op') throw bad(`${term.text} is not supported here`);
    pos += 1;
    if (term.text === '') throw bad('an empty term');
    return { term: term.text, attributes };
  };

  const rpn = structure();
  if (pos < tokens.length) throw bad(`unexpected "${tokens[pos]!.text}" after the query`);
  return rpn;
}

type Token = { kind: 'op' | 'word' | 'quoted'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '"') {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw bad('a quoted term is not closed');
        const d = text[i]!;
        if (d === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (d === '"') {
          i += 1;
          break;
        } else {
          value += d;
          i += 1;
        }
      }
      tokens.push({ kind: 'quoted', text: value });
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) j += 1;
    const word = text.slice(i, j);
    tokens.push({ kind: word.startsWith('@') ? 'op' : 'word', text: word });
    i = j;
  }
  for (const t of tokens) {
    if (t.kind === 'op' && !['@attr', '@and', '@or', '@not', '@attrset'].includes(t.text)) {
      throw bad(`${t.text} is not supported (only @attr, @and, @or, @not)`);
    }
  }
  if (tokens.length === 0) throw bad('the query is empty');
  return tokens;
}

/** Quotes a value for a PQF template: always quoted, so spaces and @ stay part of the term. */
export function pqfQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function bad(message: string): CatalogError {
  return new CatalogError('CATALOG_BAD_QUERY', `PQF: ${message}`);
}

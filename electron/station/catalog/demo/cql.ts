/**
 * The CQL the demo catalogue understands: search clauses `index relation term` (or a bare term),
 * quoted terms with `\` escapes (as `cqlQuote` writes them), `and` / `or` / `not` and parentheses.
 * No prefix maps, relation modifiers or proximity: those are a syntax error here.
 */

export type CqlNode =
  | { type: 'clause'; index: string; relation: string; term: string }
  | { type: 'boolean'; op: 'and' | 'or' | 'not'; left: CqlNode; right: CqlNode };

/** A query the parser cannot read (SRU diagnostic 10). */
export class CqlSyntaxError extends Error {}

const MAX_DEPTH = 20;
const RELATION_WORDS = new Set(['all', 'any', 'adj', 'exact', 'within', 'encloses']);
const BOOLEANS = new Set(['and', 'or', 'not', 'prox']);

type Token = { kind: 'word' | 'string' | 'symbol' | '(' | ')'; text: string };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c, text: c });
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      let closed = false;
      while (i < query.length) {
        const d = query[i]!;
        if (d === '\\') {
          const next = query[i + 1];
          if (next === undefined) break;
          // \" \\ and the escaped wildcards \* \? \^ stand for themselves.
          text += next;
          i += 2;
        } else if (d === '"') {
          closed = true;
          i++;
          break;
        } else {
          text += d;
          i++;
        }
      }
      if (!closed) throw new CqlSyntaxError('a quoted term is not closed');
      tokens.push({ kind: 'string', text });
    } else if (c === '/') {
      throw new CqlSyntaxError('relation modifiers are not supported');
    } else if ('=<>'.includes(c)) {
      const two = query.slice(i, i + 2);
      const symbol = ['==', '<>', '<=', '>='].includes(two) ? two : c;
      tokens.push({ kind: 'symbol', text: symbol });
      i += symbol.length;
    } else {
      let text = '';
      while (i < query.length && !/[\s()=<>"/]/.test(query[i]!)) text += query[i++];
      tokens.push({ kind: 'word', text });
    }
  }
  return tokens;
}

/** Parses a CQL query of the supported subset; throws CqlSyntaxError. */
export function parseCql(query: string): CqlNode {
  const tokens = tokenize(query);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];

  const booleanOf = (t: Token | undefined): string | null =>
    t?.kind === 'word' && BOOLEANS.has(t.text.toLowerCase()) ? t.text.toLowerCase() : null;

  function scoped(depth: number): CqlNode {
    if (depth > MAX_DEPTH) throw new CqlSyntaxError('the query is nested too deeply');
    let left = clause(depth);
    for (let op = booleanOf(peek()); op; op = booleanOf(peek())) {
      if (op === 'prox') throw new CqlSyntaxError('prox is not supported');
      pos++;
      const right = clause(depth);
      left = { type: 'boolean', op: op as 'and' | 'or' | 'not', left, right };
    }
    return left;
  }

  function clause(depth: number): CqlNode {
    const t = peek();
    if (!t) throw new CqlSyntaxError('a search term is missing');
    if (t.kind === '(') {
      pos++;
      const inner = scoped(depth + 1);
      if (peek()?.kind !== ')') throw new CqlSyntaxError('a parenthesis is not closed');
      pos++;
      return inner;
    }
    if (t.kind !== 'word' && t.kind !== 'string') throw new CqlSyntaxError(`unexpected "${t.text}"`);
    pos++;
    const next = peek();
    const isRelation =
      next?.kind === 'symbol' || (next?.kind === 'word' && RELATION_WORDS.has(next.text.toLowerCase()));
    if (!isRelation) return { type: 'clause', index: 'cql.serverChoice', relation: '=', term: t.text };
    if (t.kind !== 'word') throw new CqlSyntaxError('an index name cannot be quoted');
    pos++;
    const term = peek();
    if (!term || (term.kind !== 'word' && term.kind !== 'string')) {
      throw new CqlSyntaxError(`no term after ${t.text} ${next!.text}`);
    }
    pos++;
    return { type: 'clause', index: t.text, relation: next!.text.toLowerCase(), term: term.text };
  }

  const node = scoped(0);
  if (pos < tokens.length) throw new CqlSyntaxError(`unexpected "${tokens[pos]!.text}"`);
  return node;
}

import type { Align, Mark } from './raster.js';

/** A line of a printout. Long lines wrap; `indent` (in characters) applies to every wrapped part. */
export interface PrintLine {
  kind: 'line';
  text: string;
  align?: Align;
  bold?: boolean;
  /** 2: double width and height (titles). */
  size?: 1 | 2;
  /** ✓ or ✗ before the text, with the wrapped parts hanging under the text. */
  mark?: Mark;
  indent?: number;
}

export type PrintBlock = PrintLine | { kind: 'rule' } | { kind: 'feed'; lines: number };

/** What to print, independent of the printer: the composer decides text or image per line. */
export interface PrintDocument {
  blocks: PrintBlock[];
  /** Cut the paper at the end (default true). */
  cut?: boolean;
}

export function line(text: string, options: Omit<PrintLine, 'kind' | 'text'> = {}): PrintLine {
  return { kind: 'line', text, ...options };
}

/** Word wrap to `width` characters; words longer than a line are split. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while ([...rest].length > w) {
      if (current) {
        lines.push(current);
        current = '';
      }
      const chars = [...rest];
      lines.push(chars.slice(0, w).join(''));
      rest = chars.slice(w).join('');
    }
    if (!current) current = rest;
    else if ([...current].length + 1 + [...rest].length <= w) current += ` ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

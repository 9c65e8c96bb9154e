import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiteralAttributes } from './literal-attributes.js';
import { listFiles, REPO } from './locale-helpers.js';

describe('the literal-attribute scanner', () => {
  it('finds every way of writing a literal', () => {
    const sample = [
      '<button aria-label="Close" />',
      "<img alt='A cat' />",
      "<input placeholder={'Name'} />",
      '<span title={"Hint"} />',
      '<span title={`Hint`} />',
      '<span aria-label = "spaced" />',
    ].join('\n');
    expect(findLiteralAttributes(sample).map((f) => f.value)).toEqual([
      'Close',
      'A cat',
      'Name',
      'Hint',
      'Hint',
      'spaced',
    ]);
  });

  it('lets translated and computed values through', () => {
    const sample = [
      '<button aria-label={t(($) => $.close)} />',
      '<span title={hint} />',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JSX source text under test
      '<span title={`${a}`} />',
      '<span className={s.title} data-title="x" />',
    ].join('\n');
    expect(findLiteralAttributes(sample)).toEqual([]);
  });
});

describe('renderer .tsx files', () => {
  const files = listFiles(join(REPO, 'renderer'), ['.tsx']);

  it('exist (the scan is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('have no literal aria-label, title, placeholder, alt (or similar) values', () => {
    const offenders = files.flatMap((file) =>
      findLiteralAttributes(readFileSync(file, 'utf8')).map(
        (f) => `${relative(REPO, file)}:${f.line} ${f.attribute}=${JSON.stringify(f.value)}`,
      ),
    );
    expect(offenders).toEqual([]);
  });
});

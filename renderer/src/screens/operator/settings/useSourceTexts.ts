import type { LookupKind, SourceFormat } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import { AUTO, type FieldProblem, type FieldProblems } from '../../../stores/catalog-source-form.js';
import { FORMAT_NAMES, ISBN_NAME, SCHEMES } from './names.js';

/**
 * Texts the catalog source screens share: a field's problem in the operator's language (never
 * zod's English), lookup kinds and record formats by name.
 */
export function useSourceTexts() {
  const { t } = useTranslation();
  const problemText = (problem: FieldProblem | undefined): string | null => {
    if (!problem) return null;
    switch (problem.kind) {
      case 'tooLong':
        return t(($) => $.operator.sources.problem.tooLong, { max: problem.max ?? 0 });
      case 'range':
        return t(($) => $.operator.sources.problem.range, { min: problem.min ?? 0, max: problem.max ?? 0 });
      case 'url':
        return t(($) => $.operator.sources.problem.url, SCHEMES);
      default:
        return t(($) => $.operator.sources.problem[problem.kind]);
    }
  };
  return {
    /** The problem of one field, by its key in `problems`, or null. */
    problem: (problems: FieldProblems, field: string) => problemText(problems[field]),
    kindName: (kind: LookupKind) =>
      kind === 'isbn' ? ISBN_NAME : t(($) => $.operator.sources.editor.kind[kind]),
    formatName: (format: SourceFormat) =>
      format === AUTO ? t(($) => $.operator.sources.formatAuto) : FORMAT_NAMES[format],
  };
}

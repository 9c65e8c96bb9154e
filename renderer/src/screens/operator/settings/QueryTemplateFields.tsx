import { LOOKUP_KINDS, type LookupKind } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_TEMPLATES,
  type FieldProblems,
  type SourceDraft,
  type TemplateDraft,
  templateField,
} from '../../../stores/catalog-source-form.js';
import { sourceFieldTestId } from '../../../testids.js';
import { TextField } from '../../../ui/FormFields.js';
import j from '../jobs/Jobs.module.css';
import { ISBN_NAME, PLACEHOLDERS, TEMPLATE } from './names.js';
import { patchDraft } from './patch-draft.js';
import s from './Settings.module.css';
import { useSourceTexts } from './useSourceTexts.js';

/**
 * How each kind of lookup becomes a query for this source: a template (CQL or PQF), a prefix put
 * before the value and one removed from its start. An empty template is the default, shown as the
 * field's placeholder in the protocol chosen; a barcode has none and says so.
 */
export function QueryTemplateFields({ draft, problems }: { draft: SourceDraft; problems: FieldProblems }) {
  const { t } = useTranslation();
  const { problem, kindName } = useSourceTexts();
  const change = (kind: LookupKind, patch: Partial<TemplateDraft>) =>
    patchDraft({ queries: { ...draft.queries, [kind]: { ...draft.queries[kind], ...patch } } });

  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{t(($) => $.operator.sources.editor.queries)}</legend>
      <p className={j.muted}>
        {t(($) => $.operator.sources.editor.queriesHint, { ...PLACEHOLDERS, isbnName: ISBN_NAME })}
      </p>
      {LOOKUP_KINDS.map((kind) => {
        const q = draft.queries[kind];
        return (
          <div className={s.templateRow} key={kind}>
            <TextField
              testId={sourceFieldTestId(templateField(kind, TEMPLATE.template))}
              label={t(($) => $.operator.sources.editor.templateFor, { kind: kindName(kind) })}
              value={q.template}
              placeholder={
                DEFAULT_TEMPLATES[draft.protocol][kind] ?? t(($) => $.operator.sources.editor.noDefault)
              }
              problem={problem(problems, templateField(kind))}
              onChange={(template) => change(kind, { template })}
            />
            <TextField
              testId={sourceFieldTestId(templateField(kind, TEMPLATE.prefix))}
              label={t(($) => $.operator.sources.editor.prefix)}
              value={q.prefix}
              problem={null}
              onChange={(prefix) => change(kind, { prefix })}
            />
            <TextField
              testId={sourceFieldTestId(templateField(kind, TEMPLATE.stripPrefix))}
              label={t(($) => $.operator.sources.editor.stripPrefix)}
              value={q.stripPrefix}
              problem={null}
              onChange={(stripPrefix) => change(kind, { stripPrefix })}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

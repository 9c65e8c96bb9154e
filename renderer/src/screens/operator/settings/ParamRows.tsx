import { useTranslation } from 'react-i18next';
import { type ParamRow, paramField, SOURCE_FIELD } from '../../../stores/catalog-source-form.js';
import { sourceFieldTestId, TID } from '../../../testids.js';
import { TextField } from '../../../ui/FormFields.js';
import { BUTTON } from '../../../ui/html.js';
import j from '../jobs/Jobs.module.css';
import { PARAM } from './names.js';
import { patchDraft } from './patch-draft.js';
import s from './Settings.module.css';

/** The SRU source's extra URL parameters as key/value rows (`x-username`, a Koha database…). */
export function ParamRows({ rows, problem }: { rows: ParamRow[]; problem: string | null }) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<ParamRow>) =>
    patchDraft({ extraParams: rows.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{t(($) => $.operator.sources.editor.extraParams)}</legend>
      {rows.map((row, index) => (
        // Rows have no identity but their place; removing one re-renders those after it.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className={s.paramRow} key={index}>
          <TextField
            testId={sourceFieldTestId(paramField(index, PARAM.key))}
            label={t(($) => $.operator.sources.editor.paramKey)}
            value={row.key}
            problem={null}
            onChange={(key) => change(index, { key })}
          />
          <TextField
            testId={sourceFieldTestId(paramField(index, PARAM.value))}
            label={t(($) => $.operator.sources.editor.paramValue)}
            value={row.value}
            problem={null}
            onChange={(value) => change(index, { value })}
          />
          <button
            type={BUTTON}
            className={j.tool}
            data-testid={sourceFieldTestId(paramField(index, PARAM.remove))}
            onClick={() => patchDraft({ extraParams: rows.filter((_, i) => i !== index) })}
          >
            {t(($) => $.operator.sources.editor.removeParam)}
          </button>
        </div>
      ))}
      {problem && (
        <p className={j.invalid} data-testid={`${sourceFieldTestId(SOURCE_FIELD.extraParams)}-invalid`}>
          {problem}
        </p>
      )}
      <div>
        <button
          type={BUTTON}
          className={j.tool}
          data-testid={TID.catalogSourceParamAdd}
          onClick={() => patchDraft({ extraParams: [...rows, { key: '', value: '' }] })}
        >
          {t(($) => $.operator.sources.editor.addParam)}
        </button>
      </div>
    </fieldset>
  );
}

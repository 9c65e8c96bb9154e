import { useTranslation } from 'react-i18next';
import {
  HAND_FIELDS,
  type HandField,
  type HandFields,
  handComplete,
} from '../../../stores/jobs/catalog-record.js';
import { handFieldTestId, TID } from '../../../testids.js';
import { TextField } from '../../../ui/FormFields.js';
import { BUTTON, cx } from '../../../ui/html.js';
import s from './Jobs.module.css';
import { HAND_LANGUAGE, LANGUAGE_EXAMPLES } from './record-format.js';

/**
 * The record typed by hand (or a looked-up one corrected): title, author, place, publisher, year,
 * ISBN, language. Not a form of its own: it may sit inside the new job's form.
 */
export function HandEntryForm(props: {
  fields: HandFields;
  busy?: boolean;
  submitLabel: string;
  onChange: (field: HandField, value: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { fields, busy, submitLabel, onChange, onSubmit, onCancel } = props;
  const complete = handComplete(fields);
  const labels: Record<HandField, string> = {
    title: t(($) => $.operator.catalog.hand.field.title),
    author: t(($) => $.operator.catalog.hand.field.author),
    place: t(($) => $.operator.catalog.hand.field.place),
    publisher: t(($) => $.operator.catalog.hand.field.publisher),
    year: t(($) => $.operator.catalog.hand.field.year),
    isbn: t(($) => $.operator.catalog.hand.field.isbn),
    language: t(($) => $.operator.catalog.hand.field.language),
  };
  return (
    <fieldset className={s.panel} data-testid={TID.handEntry}>
      <legend>{t(($) => $.operator.catalog.hand.title)}</legend>
      {HAND_FIELDS.map((field) => (
        <TextField
          key={field}
          testId={handFieldTestId(field)}
          label={labels[field]}
          value={fields[field]}
          problem={null}
          hint={
            field === HAND_LANGUAGE
              ? t(($) => $.operator.catalog.hand.languageHint, { examples: LANGUAGE_EXAMPLES })
              : undefined
          }
          onChange={(value) => onChange(field, value)}
        />
      ))}
      {!complete && (
        <p className={s.muted} data-testid={TID.handProblem}>
          {t(($) => $.operator.catalog.hand.titleMissing)}
        </p>
      )}
      <div className={s.toolbar}>
        <button
          type={BUTTON}
          className={s.tool}
          disabled={busy}
          data-testid={TID.handCancel}
          onClick={onCancel}
        >
          {t(($) => $.operator.catalog.hand.cancel)}
        </button>
        <button
          type={BUTTON}
          className={cx(s.tool, s.toolPrimary)}
          disabled={busy || !complete}
          data-testid={TID.handSubmit}
          onClick={onSubmit}
        >
          {submitLabel}
        </button>
      </div>
    </fieldset>
  );
}

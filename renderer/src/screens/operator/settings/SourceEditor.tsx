import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROTOCOLS, SOURCE_FIELD, SOURCE_FORMATS } from '../../../stores/catalog-source-form.js';
import { catalogSourcesStore, useCatalogSources } from '../../../stores/index.js';
import { sourceFieldTestId, TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { NumberField, SelectField, TextField } from '../../../ui/FormFields.js';
import { ALERT } from '../../../ui/html.js';
import { DialogButtons, ModalDialog } from '../../../ui/ModalDialog.js';
import j from '../jobs/Jobs.module.css';
import p from '../profiles/ScanProfiles.module.css';
import { ConnectionFields } from './ConnectionFields.js';
import { LoginFields } from './LoginFields.js';
import { PROTOCOL_NAMES } from './names.js';
import { patchDraft } from './patch-draft.js';
import { QueryTemplateFields } from './QueryTemplateFields.js';
import s from './Settings.module.css';
import { SourceTest } from './SourceTest.js';
import { useSourceTexts } from './useSourceTexts.js';

/**
 * Adding or changing a catalog source: its name, protocol and connection, record format, queries,
 * limits and login, and a test with the fields as typed. The contract's schema checks the fields
 * before anything is sent; what the station refuses (a name already used) shows in the dialog.
 */
export function SourceEditor() {
  const { t } = useTranslation();
  const draft = useCatalogSources((st) => st.draft);
  const problems = useCatalogSources((st) => st.problems);
  const saving = useCatalogSources((st) => st.saving);
  const saveError = useCatalogSources((st) => st.saveError);
  const { problem, formatName } = useSourceTexts();
  if (!draft) return null;
  const { cancelEdit, save } = catalogSourcesStore.getState();
  const hasProblems = Object.keys(problems).some((k) => k !== SOURCE_FIELD.testValue);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <ModalDialog
      title={
        draft.replaces === null
          ? t(($) => $.operator.sources.editor.newTitle)
          : t(($) => $.operator.sources.editor.editTitle)
      }
      testId={TID.catalogSourceEditor}
      onEscape={cancelEdit}
      busy={saving}
      wide
    >
      {() => (
        <form className={p.dialogForm} onSubmit={submit} noValidate>
          <div className={s.grid}>
            <TextField
              testId={sourceFieldTestId(SOURCE_FIELD.name)}
              label={t(($) => $.operator.sources.editor.name)}
              value={draft.name}
              problem={problem(problems, SOURCE_FIELD.name)}
              onChange={(name) => patchDraft({ name })}
            />
            <SelectField
              testId={sourceFieldTestId(SOURCE_FIELD.protocol)}
              label={t(($) => $.operator.sources.editor.protocol)}
              value={draft.protocol}
              options={PROTOCOLS}
              optionLabel={(v) => PROTOCOL_NAMES[v]}
              onChange={(protocol) => patchDraft({ protocol })}
            />
            <SelectField
              testId={sourceFieldTestId(SOURCE_FIELD.format)}
              label={t(($) => $.operator.sources.editor.format)}
              value={draft.format}
              options={SOURCE_FORMATS}
              optionLabel={formatName}
              onChange={(format) => patchDraft({ format })}
            />
          </div>
          <ConnectionFields draft={draft} problems={problems} />
          <QueryTemplateFields draft={draft} problems={problems} />
          <div className={s.grid}>
            <NumberField
              testId={sourceFieldTestId(SOURCE_FIELD.maxRecords)}
              label={t(($) => $.operator.sources.editor.maxRecords)}
              value={draft.maxRecords}
              problem={problem(problems, SOURCE_FIELD.maxRecords)}
              onChange={(maxRecords) => patchDraft({ maxRecords })}
            />
            <NumberField
              testId={sourceFieldTestId(SOURCE_FIELD.timeoutSeconds)}
              label={t(($) => $.operator.sources.editor.timeout)}
              value={draft.timeoutSeconds}
              problem={problem(problems, SOURCE_FIELD.timeoutSeconds)}
              onChange={(timeoutSeconds) => patchDraft({ timeoutSeconds })}
            />
          </div>
          <LoginFields draft={draft} problems={problems} />
          <SourceTest />
          {hasProblems && (
            <p className={j.invalid} role={ALERT} data-testid={TID.catalogSourceProblems}>
              {t(($) => $.operator.sources.editor.problems)}
            </p>
          )}
          {saveError && <ErrorMessage error={saveError} testId={TID.catalogSourceSaveError} />}
          <DialogButtons>
            <Button onClick={cancelEdit} disabled={saving} testId={TID.catalogSourceCancel}>
              {t(($) => $.operator.sources.editor.cancel)}
            </Button>
            <Button primary submit disabled={saving} testId={TID.catalogSourceSave}>
              {saving ? t(($) => $.operator.sources.editor.saving) : t(($) => $.operator.sources.editor.save)}
            </Button>
          </DialogButtons>
        </form>
      )}
    </ModalDialog>
  );
}

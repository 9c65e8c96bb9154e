import { useTranslation } from 'react-i18next';
import {
  AUTO,
  type FieldProblems,
  RECORD_CHARSETS,
  type RecordCharset,
  SOURCE_FIELD,
  type SourceDraft,
  SRU,
  SRU_VERSIONS,
  TERM_CHARSETS,
  Z3950_SYNTAX_CHOICES,
} from '../../../stores/catalog-source-form.js';
import { sourceFieldTestId } from '../../../testids.js';
import { NumberField, SelectField, TextField } from '../../../ui/FormFields.js';
import { CP1251_NAME, URL_EXAMPLE, UTF8_NAME } from './names.js';
import { ParamRows } from './ParamRows.js';
import { patchDraft } from './patch-draft.js';
import s from './Settings.module.css';
import { useSourceTexts } from './useSourceTexts.js';

/** Where the source is and how it answers: the SRU or the Z39.50 fields, by the protocol chosen. */
export function ConnectionFields({ draft, problems }: { draft: SourceDraft; problems: FieldProblems }) {
  const { t } = useTranslation();
  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{t(($) => $.operator.sources.editor.connection)}</legend>
      {draft.protocol === SRU ? (
        <SruFields draft={draft} problems={problems} />
      ) : (
        <Z3950Fields draft={draft} problems={problems} />
      )}
    </fieldset>
  );
}

function SruFields({ draft, problems }: { draft: SourceDraft; problems: FieldProblems }) {
  const { t } = useTranslation();
  const { problem } = useSourceTexts();
  return (
    <>
      <TextField
        testId={sourceFieldTestId(SOURCE_FIELD.url)}
        label={t(($) => $.operator.sources.editor.url)}
        value={draft.url}
        hint={t(($) => $.operator.sources.editor.urlHint, { example: URL_EXAMPLE })}
        problem={problem(problems, SOURCE_FIELD.url)}
        onChange={(url) => patchDraft({ url })}
      />
      <div className={s.grid}>
        <SelectField
          testId={sourceFieldTestId(SOURCE_FIELD.version)}
          label={t(($) => $.operator.sources.editor.version)}
          value={draft.version}
          options={SRU_VERSIONS}
          onChange={(version) => patchDraft({ version })}
        />
        <TextField
          testId={sourceFieldTestId(SOURCE_FIELD.recordSchema)}
          label={t(($) => $.operator.sources.editor.recordSchema)}
          value={draft.recordSchema}
          problem={problem(problems, SOURCE_FIELD.recordSchema)}
          onChange={(recordSchema) => patchDraft({ recordSchema })}
        />
      </div>
      <ParamRows rows={draft.extraParams} problem={problem(problems, SOURCE_FIELD.extraParams)} />
    </>
  );
}

function Z3950Fields({ draft, problems }: { draft: SourceDraft; problems: FieldProblems }) {
  const { t } = useTranslation();
  const { problem } = useSourceTexts();
  const charsetName = (c: RecordCharset) =>
    c === AUTO
      ? t(($) => $.operator.sources.editor.charsetAuto, { utf8: UTF8_NAME, cp1251: CP1251_NAME })
      : c;
  return (
    <div className={s.grid}>
      <TextField
        testId={sourceFieldTestId(SOURCE_FIELD.host)}
        label={t(($) => $.operator.sources.editor.host)}
        value={draft.host}
        problem={problem(problems, SOURCE_FIELD.host)}
        onChange={(host) => patchDraft({ host })}
      />
      <NumberField
        testId={sourceFieldTestId(SOURCE_FIELD.port)}
        label={t(($) => $.operator.sources.editor.port)}
        value={draft.port}
        problem={problem(problems, SOURCE_FIELD.port)}
        onChange={(port) => patchDraft({ port })}
      />
      <TextField
        testId={sourceFieldTestId(SOURCE_FIELD.database)}
        label={t(($) => $.operator.sources.editor.database)}
        value={draft.database}
        problem={problem(problems, SOURCE_FIELD.database)}
        onChange={(database) => patchDraft({ database })}
      />
      <SelectField
        testId={sourceFieldTestId(SOURCE_FIELD.syntax)}
        label={t(($) => $.operator.sources.editor.syntax)}
        value={draft.syntax}
        options={Z3950_SYNTAX_CHOICES}
        onChange={(syntax) => patchDraft({ syntax })}
      />
      <TextField
        testId={sourceFieldTestId(SOURCE_FIELD.elementSet)}
        label={t(($) => $.operator.sources.editor.elementSet)}
        value={draft.elementSet}
        problem={problem(problems, SOURCE_FIELD.elementSet)}
        onChange={(elementSet) => patchDraft({ elementSet })}
      />
      <SelectField
        testId={sourceFieldTestId(SOURCE_FIELD.charset)}
        label={t(($) => $.operator.sources.editor.charset)}
        value={draft.charset}
        options={RECORD_CHARSETS}
        optionLabel={charsetName}
        onChange={(charset) => patchDraft({ charset })}
      />
      <SelectField
        testId={sourceFieldTestId(SOURCE_FIELD.termCharset)}
        label={t(($) => $.operator.sources.editor.termCharset)}
        value={draft.termCharset}
        options={TERM_CHARSETS}
        onChange={(termCharset) => patchDraft({ termCharset })}
      />
    </div>
  );
}

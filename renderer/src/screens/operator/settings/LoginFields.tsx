import { useTranslation } from 'react-i18next';
import { type FieldProblems, SOURCE_FIELD, type SourceDraft } from '../../../stores/catalog-source-form.js';
import { sourceFieldTestId } from '../../../testids.js';
import { CheckField, TextField } from '../../../ui/FormFields.js';
import { patchDraft } from './patch-draft.js';
import s from './Settings.module.css';
import { useSourceTexts } from './useSourceTexts.js';

/**
 * The source's login. A stored password is never shown: the field starts empty and, left empty,
 * keeps it. A saved login can be removed.
 */
export function LoginFields({ draft, problems }: { draft: SourceDraft; problems: FieldProblems }) {
  const { t } = useTranslation();
  const { problem } = useSourceTexts();
  const { login } = draft;
  const removing = login.remove;
  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{t(($) => $.operator.sources.editor.login)}</legend>
      {!removing && (
        <div className={s.grid}>
          <TextField
            testId={sourceFieldTestId(SOURCE_FIELD.loginUser)}
            label={t(($) => $.operator.sources.editor.user)}
            value={login.user}
            problem={problem(problems, SOURCE_FIELD.loginUser)}
            onChange={(user) => patchDraft({ login: { ...login, user } })}
          />
          <TextField
            testId={sourceFieldTestId(SOURCE_FIELD.loginPassword)}
            label={t(($) => $.operator.sources.editor.password)}
            value={login.password}
            secret
            hint={
              draft.passwordSet
                ? t(($) => $.operator.sources.editor.passwordKept)
                : t(($) => $.operator.sources.editor.passwordNone)
            }
            problem={null}
            onChange={(password) => patchDraft({ login: { ...login, password } })}
          />
        </div>
      )}
      {draft.savedUser !== null && (
        <CheckField
          testId={sourceFieldTestId(SOURCE_FIELD.loginRemove)}
          label={t(($) => $.operator.sources.editor.removeLogin)}
          checked={removing}
          onChange={(remove) => patchDraft({ login: { ...login, remove } })}
        />
      )}
    </fieldset>
  );
}

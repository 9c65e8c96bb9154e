import { type FormEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { scanProfilesStore, useScanProfiles } from '../../../stores/index.js';
import { SCAN_PROFILE_NAME_MAX } from '../../../stores/profile-fields.js';
import { draftProblems } from '../../../stores/scan-profiles.js';
import { TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { CHECKBOX, OFF, TEXT } from '../../../ui/html.js';
import { DialogButtons, ModalDialog } from '../../../ui/ModalDialog.js';
import j from '../jobs/Jobs.module.css';
import { ProfileInputs } from './ProfileInputs.js';
import s from './ScanProfiles.module.css';

/**
 * Adding or changing a saved profile: its name (unique on the station), the profile's fields, and
 * whether new jobs start from it. What the station refuses (a name already used) is shown in the
 * operator's language; the screen behind is inert while it is open, Escape or Cancel closes it.
 */
export function ProfileEditor() {
  const { t } = useTranslation();
  const id = useId();
  const draft = useScanProfiles((st) => st.draft);
  const checked = useScanProfiles((st) => st.draftChecked);
  const saving = useScanProfiles((st) => st.saving);
  const saveError = useScanProfiles((st) => st.saveError);
  const scanners = useScanProfiles((st) => st.scanners);
  const scannersLoaded = useScanProfiles((st) => st.scannersLoaded);
  const scannersError = useScanProfiles((st) => st.scannersError);
  const name = useRef<HTMLInputElement>(null);
  // The name first; and back to it after a refusal (the save button, disabled while saving, lost the focus).
  useEffect(() => {
    if (saveError !== undefined) name.current?.focus();
  }, [saveError]);
  if (!draft) return null;
  const { setName, setDraftProfile, setDraftDefault, cancelEdit, save } = scanProfilesStore.getState();
  const problem = checked ? draftProblems(draft).name : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <ModalDialog
      title={
        draft.id === null
          ? t(($) => $.operator.profiles.editor.newTitle)
          : t(($) => $.operator.profiles.editor.editTitle)
      }
      testId={TID.scanProfileEditor}
      onEscape={cancelEdit}
      busy={saving}
    >
      {() => (
        <form className={s.dialogForm} onSubmit={submit} noValidate>
          <label className={j.field}>
            <span className={j.fieldLabel}>{t(($) => $.operator.profiles.editor.name)}</span>
            <input
              ref={name}
              className={j.input}
              type={TEXT}
              autoComplete={OFF}
              maxLength={SCAN_PROFILE_NAME_MAX}
              value={draft.name}
              aria-invalid={problem !== null}
              aria-describedby={`${id}-name-hint`}
              data-testid={TID.scanProfileName}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          {problem === null ? (
            <p className={j.muted} id={`${id}-name-hint`}>
              {t(($) => $.operator.profiles.editor.nameHint, { max: SCAN_PROFILE_NAME_MAX })}
            </p>
          ) : (
            <p className={j.invalid} id={`${id}-name-hint`} data-testid={TID.scanProfileNameProblem}>
              {t(($) => $.operator.profiles.editor.nameProblem[problem], { max: SCAN_PROFILE_NAME_MAX })}
            </p>
          )}
          <ProfileInputs
            profile={draft.profile}
            onChange={setDraftProfile}
            scanners={scanners}
            scannersLoaded={scannersLoaded}
            scannersError={scannersError}
          />
          <label className={s.check}>
            <input
              type={CHECKBOX}
              checked={draft.isDefault}
              data-testid={TID.scanProfileIsDefault}
              onChange={(e) => setDraftDefault(e.target.checked)}
            />
            {t(($) => $.operator.profiles.editor.isDefault)}
          </label>
          {saveError && <ErrorMessage error={saveError} testId={TID.scanProfileSaveError} />}
          <DialogButtons>
            <Button onClick={cancelEdit} disabled={saving} testId={TID.scanProfileCancel}>
              {t(($) => $.operator.profiles.editor.cancel)}
            </Button>
            <Button primary submit disabled={saving} testId={TID.scanProfileSave}>
              {saving
                ? t(($) => $.operator.profiles.editor.saving)
                : t(($) => $.operator.profiles.editor.save)}
            </Button>
          </DialogButtons>
        </form>
      )}
    </ModalDialog>
  );
}

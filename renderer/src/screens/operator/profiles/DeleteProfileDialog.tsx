import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { scanProfilesStore, useScanProfiles } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { DialogButtons, ModalDialog } from '../../../ui/ModalDialog.js';

/**
 * "Delete this scan profile?": nothing is deleted without the operator's yes. Jobs made with the
 * profile keep their own copy of its settings; deleting the default leaves none.
 */
export function DeleteProfileDialog() {
  const { t } = useTranslation();
  const removing = useScanProfiles((st) => st.removing);
  const deleting = useScanProfiles((st) => st.deleting);
  const error = useScanProfiles((st) => st.deleteError);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The safe answer has the focus: Enter does not delete by accident.
    cancel.current?.focus();
  }, []);
  if (!removing) return null;
  const { cancelDelete, confirmDelete } = scanProfilesStore.getState();

  return (
    <ModalDialog
      title={t(($) => $.operator.profiles.remove.title)}
      testId={TID.scanProfileDeleteDialog}
      onEscape={cancelDelete}
      busy={deleting}
    >
      {(ids) => (
        <>
          <div id={ids.body}>
            <p>{t(($) => $.operator.profiles.remove.body, { name: removing.name })}</p>
            {removing.isDefault && <p>{t(($) => $.operator.profiles.remove.wasDefault)}</p>}
          </div>
          {error && <ErrorMessage error={error} testId={TID.scanProfileDeleteError} />}
          <DialogButtons>
            <Button
              ref={cancel}
              onClick={cancelDelete}
              disabled={deleting}
              testId={TID.scanProfileDeleteCancel}
            >
              {t(($) => $.operator.profiles.remove.cancel)}
            </Button>
            <Button
              primary
              onClick={() => void confirmDelete()}
              disabled={deleting}
              testId={TID.scanProfileDeleteConfirm}
            >
              {deleting
                ? t(($) => $.operator.profiles.remove.running)
                : t(($) => $.operator.profiles.remove.confirm)}
            </Button>
          </DialogButtons>
        </>
      )}
    </ModalDialog>
  );
}

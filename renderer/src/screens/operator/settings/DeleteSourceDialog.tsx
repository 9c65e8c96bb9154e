import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogSourcesStore, useCatalogSources } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { DialogButtons, ModalDialog } from '../../../ui/ModalDialog.js';

/** "Delete this catalog source?": nothing is deleted without the operator's yes. */
export function DeleteSourceDialog() {
  const { t } = useTranslation();
  const removing = useCatalogSources((st) => st.removing);
  const deleting = useCatalogSources((st) => st.deleting);
  const error = useCatalogSources((st) => st.deleteError);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The safe answer has the focus: Enter does not delete by accident.
    cancel.current?.focus();
  }, []);
  if (!removing) return null;
  const { cancelDelete, confirmDelete } = catalogSourcesStore.getState();

  return (
    <ModalDialog
      title={t(($) => $.operator.sources.remove.title)}
      testId={TID.catalogSourceDeleteDialog}
      onEscape={cancelDelete}
      busy={deleting}
    >
      {(ids) => (
        <>
          <p id={ids.body}>{t(($) => $.operator.sources.remove.body, { name: removing.source.name })}</p>
          {error && <ErrorMessage error={error} testId={TID.catalogSourceDeleteError} />}
          <DialogButtons>
            <Button
              ref={cancel}
              onClick={cancelDelete}
              disabled={deleting}
              testId={TID.catalogSourceDeleteCancel}
            >
              {t(($) => $.operator.sources.remove.cancel)}
            </Button>
            <Button
              primary
              onClick={() => void confirmDelete()}
              disabled={deleting}
              testId={TID.catalogSourceDeleteConfirm}
            >
              {deleting
                ? t(($) => $.operator.sources.remove.running)
                : t(($) => $.operator.sources.remove.confirm)}
            </Button>
          </DialogButtons>
        </>
      )}
    </ModalDialog>
  );
}

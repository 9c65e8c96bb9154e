import { STAFF_PIN_MAX, STAFF_PIN_MIN } from '@contract/index.js';
import { type FormEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { ALERT, NUMERIC, OFF, PASSWORD } from '../../../ui/html.js';
import { DialogButtons, ModalDialog } from '../../../ui/ModalDialog.js';
import s from './Jobs.module.css';

/**
 * "Delete job": staff only. Says that the pages and files go with it, asks the staff PIN (a wrong
 * or locked PIN is said as on the kiosk's admin screen), and deletes. Escape or Cancel leaves.
 */
export function DeleteJobDialog() {
  const { t } = useTranslation();
  const id = useId();
  const draft = useJobs((st) => st.deleting);
  const field = useRef<HTMLInputElement>(null);
  const open = draft !== null;
  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);
  if (!draft) return null;
  const { setDeletePin, cancelDeleteJob, confirmDeleteJob } = jobsStore.getState();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void confirmDeleteJob();
  };
  return (
    <ModalDialog
      title={t(($) => $.operator.catalog.delete.title)}
      testId={TID.jobDeleteDialog}
      onEscape={cancelDeleteJob}
      busy={draft.busy}
    >
      {(ids) => (
        <form className={s.panel} onSubmit={submit} noValidate>
          <p id={ids.body}>
            {t(($) => $.operator.catalog.delete.body, {
              name: draft.title ?? draft.barcode,
              count: draft.pageCount,
            })}
          </p>
          <label className={s.field} htmlFor={`${id}-pin`}>
            <span className={s.fieldLabel}>{t(($) => $.operator.catalog.delete.pin)}</span>
            <input
              ref={field}
              id={`${id}-pin`}
              className={s.input}
              type={PASSWORD}
              inputMode={NUMERIC}
              autoComplete={OFF}
              maxLength={STAFF_PIN_MAX}
              value={draft.pin}
              disabled={draft.busy}
              aria-invalid={draft.short}
              data-testid={TID.jobDeletePin}
              onChange={(e) => setDeletePin(e.target.value)}
            />
          </label>
          {draft.short && (
            <p className={s.invalid} role={ALERT} data-testid={TID.jobDeleteError}>
              {t(($) => $.operator.catalog.delete.short, { min: STAFF_PIN_MIN, max: STAFF_PIN_MAX })}
            </p>
          )}
          {draft.error && <ErrorMessage error={draft.error} testId={TID.jobDeleteError} />}
          <DialogButtons>
            <Button onClick={cancelDeleteJob} disabled={draft.busy} testId={TID.jobDeleteCancel}>
              {t(($) => $.operator.catalog.delete.cancel)}
            </Button>
            <Button primary submit disabled={draft.busy} testId={TID.jobDeleteConfirm}>
              {draft.busy
                ? t(($) => $.operator.catalog.delete.running)
                : t(($) => $.operator.catalog.delete.confirm)}
            </Button>
          </DialogButtons>
        </form>
      )}
    </ModalDialog>
  );
}

import { type FormEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { syncStore, useSync } from '../../stores/index.js';
import { DISCARD_REASON_MAX, DISCARD_REASON_MIN } from '../../stores/sync.js';
import { TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { cx } from '../../ui/html.js';
import { DialogButtons, ModalDialog } from '../../ui/ModalDialog.js';
import { ACTION_UNKNOWN } from './decision.js';
import s from './Sync.module.css';

/**
 * "Discard with reason": the row is set aside only with a reason, which the report keeps. The
 * screen behind is inert while it is open; Escape or Cancel closes it.
 */
export function DiscardDialog() {
  const { t } = useTranslation();
  const id = useId();
  const draft = useSync((st) => st.discard);
  const row = useSync((st) => st.rows.find((r) => r.id === st.discard?.id) ?? null);
  const busy = useSync((st) => st.busyRow !== null);
  const error = useSync((st) =>
    st.discard && st.actionError?.rowId === st.discard.id ? st.actionError.error : null,
  );
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, []);
  if (!draft) return null;
  const { setDiscardReason, cancelDiscard, confirmDiscard } = syncStore.getState();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void confirmDiscard();
  };

  return (
    <ModalDialog
      wide
      title={t(($) => $.sync.discard.title)}
      testId={TID.syncDiscardDialog}
      onEscape={cancelDiscard}
      busy={busy}
    >
      {(ids) => (
        <form className={s.section} onSubmit={submit} noValidate>
          {row && (
            <p className={s.label}>
              {t(($) => $.sync.discard.item, {
                action: t(($) => $.sync.action[row.action ?? ACTION_UNKNOWN]),
                item: row.itemId ?? t(($) => $.sync.none),
              })}
            </p>
          )}
          <p id={ids.body}>{t(($) => $.sync.discard.body)}</p>
          <div className={s.field}>
            <label className={s.label} htmlFor={`${id}-reason`}>
              {t(($) => $.sync.discard.reason)}
            </label>
            <textarea
              ref={field}
              id={`${id}-reason`}
              className={cx(s.input, s.textarea)}
              value={draft.reason}
              maxLength={DISCARD_REASON_MAX}
              aria-invalid={draft.invalid}
              aria-describedby={`${id}-hint`}
              onChange={(event) => setDiscardReason(event.target.value)}
              data-testid={TID.syncDiscardReason}
            />
            <span className={draft.invalid ? s.invalid : s.detail} id={`${id}-hint`}>
              {draft.invalid
                ? t(($) => $.sync.discard.invalid, { min: DISCARD_REASON_MIN })
                : t(($) => $.sync.discard.hint, { min: DISCARD_REASON_MIN })}
            </span>
          </div>
          {error && <ErrorMessage error={error} testId={TID.syncActionError} />}
          <DialogButtons>
            <Button onClick={cancelDiscard} disabled={busy} testId={TID.syncDiscardCancel}>
              {t(($) => $.sync.discard.cancel)}
            </Button>
            <Button primary submit disabled={busy} testId={TID.syncDiscardConfirm}>
              {busy ? t(($) => $.sync.discard.running) : t(($) => $.sync.discard.confirm)}
            </Button>
          </DialogButtons>
        </form>
      )}
    </ModalDialog>
  );
}

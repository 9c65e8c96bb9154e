import { type FormEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { isItemBarcode } from '../../../stores/jobs/new-job.js';
import { pageSizeValid } from '../../../stores/profile-fields.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { cx, OFF, POLITE, SUBMIT, TEXT } from '../../../ui/html.js';
import { useScanInput } from '../../kiosk/useScanInput.js';
import { BackToJobs } from './BackToJobs.js';
import s from './Jobs.module.css';
import { ProfileFields } from './ProfileFields.js';

/**
 * A new job: the item's barcode (scanned with the reader, or typed) and the scan profile; creating
 * it opens capture. A scan is taken wherever the focus is, so the operator can scan the book first.
 */
export function NewJobScreen() {
  const { t } = useTranslation();
  const id = useId();
  const barcode = useJobs((st) => st.barcode);
  const creating = useJobs((st) => st.creating);
  const error = useJobs((st) => st.createError);
  const sizeOk = useJobs((st) => pageSizeValid(st.profile.pageSize));
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useScanInput((code) => void jobsStore.getState().createJob(code), !creating);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void jobsStore.getState().createJob();
  };

  return (
    <section className={s.section} aria-labelledby={`${id}-title`} data-testid={TID.newJob}>
      <header className={s.header}>
        <h1 className={s.title} id={`${id}-title`}>
          {t(($) => $.operator.jobs.new.title)}
        </h1>
        <BackToJobs />
      </header>
      <form className={s.form} onSubmit={submit} noValidate>
        <div className={s.panel}>
          <label className={s.field} htmlFor={`${id}-barcode`}>
            <span className={s.fieldLabel}>{t(($) => $.operator.jobs.new.barcode)}</span>
          </label>
          <input
            ref={input}
            id={`${id}-barcode`}
            className={cx(s.input, s.barcode)}
            type={TEXT}
            autoComplete={OFF}
            spellCheck={false}
            maxLength={64}
            value={barcode}
            disabled={creating}
            aria-describedby={`${id}-hint`}
            data-testid={TID.newJobBarcode}
            onChange={(e) => jobsStore.getState().setBarcode(e.target.value)}
          />
          <p className={s.muted} id={`${id}-hint`}>
            {t(($) => $.operator.jobs.new.barcodeHint)}
          </p>
          {error && <ErrorMessage error={error} testId={TID.newJobError} />}
        </div>
        <ProfileFields />
        <div className={s.actions}>
          <button
            type={SUBMIT}
            className={cx(s.tool, s.toolPrimary)}
            disabled={creating || !isItemBarcode(barcode) || !sizeOk}
            data-testid={TID.newJobCreate}
          >
            {t(($) => $.operator.jobs.new.create)}
          </button>
          {creating && (
            <output className={s.muted} aria-live={POLITE}>
              {t(($) => $.operator.jobs.new.creating)}
            </output>
          )}
        </div>
      </form>
    </section>
  );
}

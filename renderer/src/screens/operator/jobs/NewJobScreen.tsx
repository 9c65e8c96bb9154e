import { type FormEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { typedRecord } from '../../../stores/jobs/catalog-record.js';
import { isItemBarcode } from '../../../stores/jobs/new-job.js';
import { pageSizeValid } from '../../../stores/profile-fields.js';
import { TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { BUTTON, cx, OFF, POLITE, SUBMIT, TEXT } from '../../../ui/html.js';
import { useScanInput } from '../../kiosk/useScanInput.js';
import { BackToJobs } from './BackToJobs.js';
import { DuplicateWarning } from './DuplicateWarning.js';
import { HandEntryForm } from './HandEntryForm.js';
import s from './Jobs.module.css';
import { LookupResults } from './LookupResults.js';
import { ProfileFields } from './ProfileFields.js';
import { SearchFields } from './SearchFields.js';

/**
 * A new job: the item's barcode or ISBN (scanned with the reader, or typed and Enter) is at once
 * checked against the other jobs and looked up in the catalogues; the operator creates the job
 * with a record found, one typed by hand, the lookup left pending, or none. A scan is taken
 * wherever the focus is, so the operator can scan the book first. Leaving stops the lookup.
 */
export function NewJobScreen() {
  const { t } = useTranslation();
  const id = useId();
  const barcode = useJobs((st) => st.barcode);
  const creating = useJobs((st) => st.creating);
  const error = useJobs((st) => st.createError);
  const sizeOk = useJobs((st) => pageSizeValid(st.profile.pageSize));
  const blocked = useJobs((st) => st.duplicates.length > 0 && !st.allowDuplicate);
  const search = useJobs((st) => st.search);
  const hand = useJobs((st) => st.hand);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useScanInput((code) => jobsStore.getState().lookUpCode(code), !creating);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    jobsStore.getState().lookUpCode();
  };
  const ready = isItemBarcode(barcode) && sizeOk && !blocked && !creating;

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
          <div className={s.inline}>
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
            <button
              type={SUBMIT}
              className={s.tool}
              disabled={creating || !isItemBarcode(barcode)}
              data-testid={TID.newJobLookUp}
            >
              {t(($) => $.operator.catalog.lookup.lookUp)}
            </button>
          </div>
          <p className={s.muted} id={`${id}-hint`}>
            {t(($) => $.operator.jobs.new.barcodeHint)}
          </p>
          {error && <ErrorMessage error={error} testId={TID.newJobError} />}
          <DuplicateWarning />
        </div>
        <ProfileFields />
        <div className={s.wide}>
          <LookupResults blocked={blocked || !sizeOk} />
        </div>
        <SearchFields
          title={search.title}
          author={search.author}
          disabled={creating}
          onChange={(patch) => jobsStore.getState().setSearch(patch)}
          onSearch={() => jobsStore.getState().searchCatalog()}
        />
        {hand ? (
          <HandEntryForm
            fields={hand}
            busy={creating || blocked || !isItemBarcode(barcode) || !sizeOk}
            submitLabel={t(($) => $.operator.catalog.hand.create)}
            onChange={(field, value) => jobsStore.getState().setHand(field, value)}
            onSubmit={() => void jobsStore.getState().createJob(undefined, { record: typedRecord(hand) })}
            onCancel={() => jobsStore.getState().closeHand()}
          />
        ) : (
          <div>
            <button
              type={BUTTON}
              className={s.tool}
              disabled={creating}
              data-testid={TID.newJobHandOpen}
              onClick={() => jobsStore.getState().openHand()}
            >
              {t(($) => $.operator.catalog.hand.open)}
            </button>
          </div>
        )}
        <div className={s.actions}>
          <button
            type={BUTTON}
            className={s.tool}
            disabled={!ready}
            data-testid={TID.newJobCreate}
            onClick={() => void jobsStore.getState().createJob()}
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

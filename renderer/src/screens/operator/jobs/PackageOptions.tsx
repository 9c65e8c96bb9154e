import { PACKAGE_FORMATS, PackageLayout } from '@contract/index.js';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { MAX_OCR_LANGUAGES, ocrChoices } from '../../../stores/jobs/package.js';
import { packageFormatTestId, packageLayoutTestId, packageOcrTestId, TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { CheckField } from '../../../ui/FormFields.js';
import { ALERT, RADIO } from '../../../ui/html.js';
import s from './Jobs.module.css';
import { FORMAT_NAMES, LAYOUT_ARGS } from './package-view.js';
import { useOcrLanguageName } from './useOcrLanguageName.js';

/**
 * What goes into the job's package: the formats (the site's by default), the OCR languages (the
 * record's first, up to four, or none) and the layout; then Package (or Try again after a failure).
 */
export function PackageOptions({ retry }: { retry: boolean }) {
  const { t } = useTranslation();
  const draft = useJobs((st) => st.packageDraft);
  const ocrStatus = useJobs((st) => st.ocrStatus);
  const busy = useJobs((st) => st.packageBusy);
  const problem = useJobs((st) => st.packageProblem);
  const languageName = useOcrLanguageName();
  if (!draft) return null;
  const { setPackageFormat, setOcr, setOcrLanguage, setPackageLayout, startPackage } = jobsStore.getState();
  const choices = ocrChoices(ocrStatus);
  const full = draft.languages.length >= MAX_OCR_LANGUAGES;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void startPackage();
  };

  return (
    <form className={s.panel} onSubmit={submit} noValidate>
      <fieldset className={s.radios}>
        <legend className={s.fieldLabel}>{t(($) => $.operator.jobs.package.formats)}</legend>
        {PACKAGE_FORMATS.map((format) => (
          <CheckField
            key={format}
            testId={packageFormatTestId(format)}
            label={FORMAT_NAMES[format]}
            checked={draft.formats.includes(format)}
            onChange={(on) => setPackageFormat(format, on)}
          />
        ))}
      </fieldset>
      <fieldset className={s.radios}>
        <legend className={s.fieldLabel}>{t(($) => $.operator.jobs.package.ocr)}</legend>
        {choices.length === 0 ? (
          <p className={s.note} data-testid={TID.packageOcrUnavailable}>
            {t(($) => $.operator.jobs.package.ocrUnavailable)}
          </p>
        ) : (
          <>
            {choices.map((language) => {
              const on = draft.ocr && draft.languages.includes(language);
              return (
                <CheckField
                  key={language}
                  testId={packageOcrTestId(language)}
                  label={languageName(language)}
                  checked={on}
                  disabled={!on && full && draft.ocr}
                  onChange={(next) => setOcrLanguage(language, next)}
                />
              );
            })}
            <CheckField
              testId={TID.packageOcrNone}
              label={t(($) => $.operator.jobs.package.ocrNone)}
              checked={!draft.ocr}
              onChange={(none) => setOcr(!none)}
            />
            <span className={s.muted}>
              {t(($) => $.operator.jobs.package.ocrMax, { max: MAX_OCR_LANGUAGES })}
            </span>
          </>
        )}
      </fieldset>
      <fieldset className={s.radios}>
        <legend className={s.fieldLabel}>{t(($) => $.operator.jobs.package.layout)}</legend>
        {PackageLayout.options.map((layout) => (
          <label key={layout} className={s.radio}>
            <input
              type={RADIO}
              checked={draft.layout === layout}
              data-testid={packageLayoutTestId(layout)}
              onChange={() => setPackageLayout(layout)}
            />
            {t(($) => $.operator.jobs.package.layoutName[layout], LAYOUT_ARGS[layout])}
          </label>
        ))}
      </fieldset>
      {problem && (
        <p className={s.invalid} role={ALERT} data-testid={TID.packageProblem}>
          {t(($) => $.operator.jobs.package.problem[problem])}
        </p>
      )}
      <div>
        <Button primary submit disabled={busy !== null} testId={TID.packageStart}>
          {busy !== null
            ? t(($) => $.operator.jobs.package.starting)
            : retry
              ? t(($) => $.operator.jobs.package.retry)
              : t(($) => $.operator.jobs.package.start)}
        </Button>
      </div>
    </form>
  );
}

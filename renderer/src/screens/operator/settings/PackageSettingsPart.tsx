import { type FormEvent, useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { packageSettingsStore, usePackageSettings } from '../../../stores/index.js';
import {
  OPTIONAL_RIGHTS,
  PACKAGE_FIELD,
  PACKAGE_FORMATS,
  PACKAGE_LAYOUTS,
  type PackageSettingsDraft,
  PLACEHOLDER_RIGHTS,
  RIGHTS_FIELDS,
  rightsField,
  TIFF_IN_PDF,
  withFormat,
} from '../../../stores/package-settings-form.js';
import { packageFieldTestId, TID } from '../../../testids.js';
import { Button } from '../../../ui/Button.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { CheckField, SelectField, TextField } from '../../../ui/FormFields.js';
import { ALERT, POLITE } from '../../../ui/html.js';
import j from '../jobs/Jobs.module.css';
import { FORMAT_NAMES, LAYOUT_ARGS, TECH_NAMES } from '../jobs/package-view.js';
import p from '../profiles/ScanProfiles.module.css';
import s from './Settings.module.css';
import { useSourceTexts } from './useSourceTexts.js';

const patch = (change: Partial<PackageSettingsDraft>) =>
  packageSettingsStore.getState().update((d) => ({ ...d, ...change }));

/**
 * Settings → Packages: the formats and layout a package has by default, the PDF's kind, where the
 * repository serves IIIF, and the owner's rights statement every package carries. Checked with the
 * contract's schema before it is saved; problems show next to their fields.
 */
export function PackageSettingsPart() {
  const { t } = useTranslation();
  const id = useId();
  const draft = usePackageSettings((st) => st.draft);
  const loadError = usePackageSettings((st) => st.loadError);
  const problems = usePackageSettings((st) => st.problems);
  const saving = usePackageSettings((st) => st.saving);
  const saveError = usePackageSettings((st) => st.saveError);
  const saved = usePackageSettings((st) => st.saved);
  const { problem } = useSourceTexts();
  useEffect(() => {
    void packageSettingsStore.getState().load();
    return () => packageSettingsStore.getState().reset();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void packageSettingsStore.getState().save();
  };
  const hasProblems = Object.keys(problems).length > 0;

  return (
    <section className={j.section} aria-labelledby={`${id}-title`} data-testid={TID.packageSettings}>
      <h2 className={j.subtitle} id={`${id}-title`}>
        {t(($) => $.operator.packages.title)}
      </h2>
      <p className={j.muted}>{t(($) => $.operator.packages.intro)}</p>
      {loadError && <ErrorMessage error={loadError} testId={TID.packageSettingsError} />}
      {!draft && !loadError && (
        <output className={j.muted} aria-live={POLITE}>
          {t(($) => $.operator.packages.loading)}
        </output>
      )}
      {draft && (
        <form className={p.dialogForm} onSubmit={submit} noValidate>
          <fieldset className={s.fieldset}>
            <legend className={s.legend}>{t(($) => $.operator.packages.formats)}</legend>
            <div className={j.radios}>
              {PACKAGE_FORMATS.map((format) => (
                <CheckField
                  key={format}
                  testId={packageFieldTestId(`${PACKAGE_FIELD.formats}.${format}`)}
                  label={FORMAT_NAMES[format]}
                  checked={draft.formats.includes(format)}
                  onChange={(on) => patch({ formats: withFormat(draft.formats, format, on) })}
                />
              ))}
            </div>
            {problems[PACKAGE_FIELD.formats] && (
              <p className={j.invalid} data-testid={`${packageFieldTestId(PACKAGE_FIELD.formats)}-invalid`}>
                {t(($) => $.operator.packages.formatsRequired)}
              </p>
            )}
          </fieldset>
          <div className={s.grid}>
            <SelectField
              testId={packageFieldTestId(PACKAGE_FIELD.layout)}
              label={t(($) => $.operator.packages.layout)}
              value={draft.layout}
              options={PACKAGE_LAYOUTS}
              optionLabel={(l) => t(($) => $.operator.jobs.package.layoutName[l], LAYOUT_ARGS[l])}
              onChange={(layout) => patch({ layout })}
            />
            <SelectField
              testId={packageFieldTestId(PACKAGE_FIELD.tiffInPdf)}
              label={t(($) => $.operator.packages.tiffInPdf, TECH_NAMES)}
              value={draft.tiffInPdf}
              options={TIFF_IN_PDF}
              optionLabel={(v) => t(($) => $.operator.packages.tiff[v], TECH_NAMES)}
              onChange={(tiffInPdf) => patch({ tiffInPdf })}
            />
          </div>
          <CheckField
            testId={packageFieldTestId(PACKAGE_FIELD.pdfa)}
            label={t(($) => $.operator.packages.pdfa, TECH_NAMES)}
            checked={draft.pdfa}
            onChange={(pdfa) => patch({ pdfa })}
          />
          <TextField
            testId={packageFieldTestId(PACKAGE_FIELD.iiifBaseUrl)}
            label={t(($) => $.operator.packages.iiifBaseUrl, TECH_NAMES)}
            hint={t(($) => $.operator.packages.placeholderHint, TECH_NAMES)}
            value={draft.iiifBaseUrl}
            problem={problem(problems, PACKAGE_FIELD.iiifBaseUrl)}
            onChange={(iiifBaseUrl) => patch({ iiifBaseUrl })}
          />
          <RightsFields draft={draft} problem={(field) => problem(problems, field)} />
          {hasProblems && (
            <p className={j.invalid} role={ALERT} data-testid={TID.packageSettingsProblems}>
              {t(($) => $.operator.packages.problems)}
            </p>
          )}
          {saveError && <ErrorMessage error={saveError} testId={TID.packageSettingsError} />}
          {saved && (
            <output className={p.notice} aria-live={POLITE} data-testid={TID.packageSettingsSaved}>
              {t(($) => $.operator.packages.saved)}
            </output>
          )}
          <div>
            <Button primary submit disabled={saving} testId={TID.packageSettingsSave}>
              {saving ? t(($) => $.operator.packages.saving) : t(($) => $.operator.packages.save)}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The owner's rights statement: all empty (none yet), or its required fields filled in. */
function RightsFields({
  draft,
  problem,
}: {
  draft: PackageSettingsDraft;
  problem: (field: string) => string | null;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{t(($) => $.operator.packages.rights)}</legend>
      <p className={j.muted}>{t(($) => $.operator.packages.rightsIntro)}</p>
      <div className={s.grid}>
        {RIGHTS_FIELDS.map((field) => (
          <TextField
            key={field}
            testId={packageFieldTestId(rightsField(field))}
            label={t(($) => $.operator.packages.field[field])}
            hint={
              PLACEHOLDER_RIGHTS.has(field)
                ? t(($) => $.operator.packages.placeholderHint, TECH_NAMES)
                : OPTIONAL_RIGHTS.has(field)
                  ? t(($) => $.operator.packages.optional)
                  : undefined
            }
            value={draft.rights[field]}
            problem={problem(rightsField(field))}
            onChange={(value) => patch({ rights: { ...draft.rights, [field]: value } })}
          />
        ))}
      </div>
    </fieldset>
  );
}

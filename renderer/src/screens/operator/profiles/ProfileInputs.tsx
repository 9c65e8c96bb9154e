import type { ContractError, ScannerSummary } from '@contract/index.js';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESOLUTIONS } from '../../../stores/jobs/new-job.js';
import {
  CUSTOM_PAGE_MM,
  CUSTOM_SIZE,
  customSizeOf,
  type EditableProfile,
  isPageSizeChoice,
  millimetres,
  PAGE_SIZE_CHOICES,
  pageSizeChoice,
  pageSizeFor,
  pageSizeValid,
} from '../../../stores/profile-fields.js';
import { profileSourceTestId, TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { RADIO, TEXT } from '../../../ui/html.js';
import { DECIMAL, EMPTY } from '../jobs/attrs.js';
import s from '../jobs/Jobs.module.css';
import { useProfileNames } from './ProfileText.js';
import { DEMO_KIND, MODES, SOURCES } from './profile.js';

export interface ProfileInputsProps {
  profile: EditableProfile;
  onChange(patch: Partial<EditableProfile>): void;
  scanners: ScannerSummary[];
  scannersLoaded: boolean;
  scannersError: ContractError | null;
}

/**
 * The fields of a scan profile — scanner, source, colour mode, resolution, page size — for the
 * new-job screen and the Scan profiles screen's editor alike. A custom page size shows width and
 * height fields, and says when they are outside what a page may be.
 */
export function ProfileInputs({
  profile,
  onChange,
  scanners,
  scannersLoaded,
  scannersError,
}: ProfileInputsProps) {
  const { t } = useTranslation();
  const id = useId();
  const { sourceNames, modeNames } = useProfileNames();
  const known = scanners.some((sc) => sc.id === profile.device);
  const choice = pageSizeChoice(profile.pageSize);
  const custom = customSizeOf(profile.pageSize);
  const sizeOk = pageSizeValid(profile.pageSize);

  return (
    <>
      <label className={s.field}>
        <span className={s.fieldLabel}>{t(($) => $.operator.jobs.profile.device)}</span>
        <select
          className={s.select}
          value={profile.device ?? EMPTY}
          data-testid={TID.profileDevice}
          onChange={(e) => onChange({ device: e.target.value === EMPTY ? undefined : e.target.value })}
        >
          <option value={EMPTY}>{t(($) => $.operator.jobs.profile.deviceAuto)}</option>
          {scanners.map((sc) => (
            <option key={sc.id} value={sc.id}>
              {sc.kind === DEMO_KIND ? t(($) => $.operator.jobs.profile.demoDevice) : sc.name}
            </option>
          ))}
          {profile.device !== undefined && !known && <option value={profile.device}>{profile.device}</option>}
        </select>
      </label>
      {!scannersLoaded && <p className={s.muted}>{t(($) => $.operator.jobs.profile.searching)}</p>}
      {scannersLoaded && scanners.length === 0 && !scannersError && (
        <p className={s.muted}>{t(($) => $.operator.jobs.profile.none)}</p>
      )}
      {scannersError && <ErrorMessage error={scannersError} />}
      <fieldset className={s.radios}>
        <legend className={s.fieldLabel}>{t(($) => $.operator.jobs.profile.source)}</legend>
        {SOURCES.map((source) => (
          <label key={source} className={s.radio}>
            <input
              type={RADIO}
              name={`${id}-source`}
              checked={profile.source === source}
              data-testid={profileSourceTestId(source)}
              onChange={() => onChange({ source })}
            />
            {sourceNames[source]}
          </label>
        ))}
      </fieldset>
      <label className={s.field}>
        <span className={s.fieldLabel}>{t(($) => $.operator.jobs.profile.mode)}</span>
        <select
          className={s.select}
          value={profile.mode}
          data-testid={TID.profileMode}
          onChange={(e) => onChange({ mode: MODES.find((m) => m === e.target.value) ?? profile.mode })}
        >
          {MODES.map((mode) => (
            <option key={mode} value={mode}>
              {modeNames[mode]}
            </option>
          ))}
        </select>
      </label>
      <label className={s.field}>
        <span className={s.fieldLabel}>{t(($) => $.operator.jobs.profile.resolution)}</span>
        <select
          className={s.select}
          value={profile.resolution}
          data-testid={TID.profileResolution}
          onChange={(e) => onChange({ resolution: Number(e.target.value) })}
        >
          {(RESOLUTIONS.includes(profile.resolution)
            ? RESOLUTIONS
            : [...RESOLUTIONS, profile.resolution].sort((a, b) => a - b)
          ).map((dpi) => (
            <option key={dpi} value={dpi}>
              {t(($) => $.operator.jobs.profile.dpi, { value: String(dpi) })}
            </option>
          ))}
        </select>
      </label>
      <label className={s.field}>
        <span className={s.fieldLabel}>{t(($) => $.operator.jobs.profile.pageSize)}</span>
        <select
          className={s.select}
          value={choice}
          aria-describedby={`${id}-size-hint`}
          data-testid={TID.profilePageSize}
          onChange={(e) => {
            const next = e.target.value;
            if (isPageSizeChoice(next)) onChange({ pageSize: pageSizeFor(next, profile.pageSize) });
          }}
        >
          {PAGE_SIZE_CHOICES.map((size) => (
            <option key={size} value={size}>
              {t(($) => $.operator.jobs.profile.size[size])}
            </option>
          ))}
        </select>
      </label>
      {choice === CUSTOM_SIZE && custom && (
        <div className={s.sizeFields}>
          <MmField
            label={t(($) => $.operator.jobs.profile.width)}
            value={custom.widthMm}
            invalid={!sizeOk}
            describedBy={`${id}-size-hint`}
            testId={TID.profileWidth}
            onChange={(widthMm) => onChange({ pageSize: { ...custom, widthMm } })}
          />
          <MmField
            label={t(($) => $.operator.jobs.profile.height)}
            value={custom.heightMm}
            invalid={!sizeOk}
            describedBy={`${id}-size-hint`}
            testId={TID.profileHeight}
            onChange={(heightMm) => onChange({ pageSize: { ...custom, heightMm } })}
          />
        </div>
      )}
      {sizeOk ? (
        <p className={s.muted} id={`${id}-size-hint`}>
          {t(($) => $.operator.jobs.profile.sizeHint)}
        </p>
      ) : (
        <p className={s.invalid} id={`${id}-size-hint`} data-testid={TID.profileSizeProblem}>
          {t(($) => $.operator.jobs.profile.sizeInvalid, {
            min: CUSTOM_PAGE_MM.min,
            maxWidth: CUSTOM_PAGE_MM.maxWidth,
            maxHeight: CUSTOM_PAGE_MM.maxHeight,
          })}
        </p>
      )}
    </>
  );
}

/**
 * A length in millimetres, typed as text so that "215," on its way to "215,9" stays as typed; the
 * number (NaN while it is not one) goes to the profile at every key.
 */
function MmField(props: {
  label: string;
  value: number;
  invalid: boolean;
  describedBy: string;
  testId: string;
  onChange(mm: number): void;
}) {
  const [text, setText] = useState(() => (Number.isNaN(props.value) ? EMPTY : String(props.value)));
  // Filled from elsewhere (a saved profile chosen): the new number shows; otherwise what was typed.
  const shown =
    Object.is(millimetres(text), props.value) || Number.isNaN(props.value) ? text : String(props.value);
  return (
    <label className={s.field}>
      <span className={s.fieldLabel}>{props.label}</span>
      <input
        className={s.input}
        type={TEXT}
        inputMode={DECIMAL}
        value={shown}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        data-testid={props.testId}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(millimetres(e.target.value));
        }}
      />
    </label>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { RESOLUTIONS } from '../../../stores/jobs.js';
import { profileSourceTestId, TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { RADIO } from '../../../ui/html.js';
import { EMPTY } from './attrs.js';
import s from './Jobs.module.css';
import { DEMO_KIND, MODES, SOURCES } from './profile.js';

/** The scan profile of a new job: scanner, source, colour mode, resolution. */
export function ProfileFields() {
  const { t } = useTranslation();
  const id = useId();
  const profile = useJobs((st) => st.profile);
  const scanners = useJobs((st) => st.scanners);
  const loaded = useJobs((st) => st.scannersLoaded);
  const error = useJobs((st) => st.scannersError);
  const set = jobsStore.getState().setProfile;

  const sourceNames = {
    flatbed: t(($) => $.operator.jobs.profile.flatbed),
    adf: t(($) => $.operator.jobs.profile.adf),
  };
  const modeNames = {
    color: t(($) => $.operator.jobs.profile.color),
    gray: t(($) => $.operator.jobs.profile.gray),
    lineart: t(($) => $.operator.jobs.profile.lineart),
  };
  const known = scanners.some((sc) => sc.id === profile.device);

  return (
    <fieldset className={s.panel}>
      <legend>{t(($) => $.operator.jobs.profile.title)}</legend>
      <p className={s.muted}>{t(($) => $.operator.jobs.profile.hint)}</p>
      <label className={s.field}>
        <span className={s.fieldLabel}>{t(($) => $.operator.jobs.profile.device)}</span>
        <select
          className={s.select}
          value={profile.device ?? EMPTY}
          data-testid={TID.profileDevice}
          onChange={(e) => set({ device: e.target.value === EMPTY ? undefined : e.target.value })}
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
      {!loaded && <p className={s.muted}>{t(($) => $.operator.jobs.profile.searching)}</p>}
      {loaded && scanners.length === 0 && !error && (
        <p className={s.muted}>{t(($) => $.operator.jobs.profile.none)}</p>
      )}
      {error && <ErrorMessage error={error} />}
      <fieldset className={s.radios}>
        <legend className={s.fieldLabel}>{t(($) => $.operator.jobs.profile.source)}</legend>
        {SOURCES.map((source) => (
          <label key={source} className={s.radio}>
            <input
              type={RADIO}
              name={`${id}-source`}
              checked={profile.source === source}
              data-testid={profileSourceTestId(source)}
              onChange={() => set({ source })}
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
          onChange={(e) => set({ mode: MODES.find((m) => m === e.target.value) ?? profile.mode })}
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
          onChange={(e) => set({ resolution: Number(e.target.value) })}
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
    </fieldset>
  );
}

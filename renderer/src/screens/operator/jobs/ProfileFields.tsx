import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import { sameProfile } from '../../../stores/profile-fields.js';
import { TID } from '../../../testids.js';
import { ProfileInputs } from '../profiles/ProfileInputs.js';
import { EMPTY } from './attrs.js';
import s from './Jobs.module.css';

/**
 * The scan profile of a new job: a saved profile of the station (its default chosen to begin
 * with), then the fields — scanner, source, colour mode, resolution, page size — which the
 * operator may still change for this one job; the saved profile stays as it was.
 */
export function ProfileFields() {
  const { t } = useTranslation();
  const profile = useJobs((st) => st.profile);
  const scanners = useJobs((st) => st.scanners);
  const loaded = useJobs((st) => st.scannersLoaded);
  const error = useJobs((st) => st.scannersError);
  const saved = useJobs((st) => st.savedProfiles);
  const savedId = useJobs((st) => st.savedProfileId);
  const { setProfile, chooseSavedProfile } = jobsStore.getState();
  const chosen = saved.find((p) => p.id === savedId) ?? null;
  const changed = chosen !== null && !sameProfile(chosen.profile, profile);

  return (
    <fieldset className={s.panel}>
      <legend>{t(($) => $.operator.jobs.profile.title)}</legend>
      <p className={s.muted}>{t(($) => $.operator.jobs.profile.hint)}</p>
      {saved.length > 0 && (
        <label className={s.field}>
          <span className={s.fieldLabel}>{t(($) => $.operator.jobs.profile.saved)}</span>
          <select
            className={s.select}
            value={chosen?.id ?? EMPTY}
            data-testid={TID.profileSaved}
            onChange={(e) => chooseSavedProfile(e.target.value === EMPTY ? null : e.target.value)}
          >
            <option value={EMPTY}>{t(($) => $.operator.jobs.profile.savedNone)}</option>
            {saved.map((p) => (
              <option key={p.id} value={p.id}>
                {p.isDefault ? t(($) => $.operator.jobs.profile.savedDefault, { name: p.name }) : p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {changed && (
        <p className={s.note} data-testid={TID.profileSavedChanged}>
          {t(($) => $.operator.jobs.profile.savedChanged, { name: chosen.name })}
        </p>
      )}
      <ProfileInputs
        profile={profile}
        onChange={setProfile}
        scanners={scanners}
        scannersLoaded={loaded}
        scannersError={error}
      />
    </fieldset>
  );
}

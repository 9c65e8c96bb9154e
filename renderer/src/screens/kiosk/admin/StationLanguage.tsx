import { type ContractError, LANGUAGES, type Language } from '@contract/index.js';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../../stores/index.js';
import { stationLanguageTestId, TID } from '../../../testids.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import f from '../../../ui/FormFields.module.css';
import { POLITE, RADIO } from '../../../ui/html.js';
import s from './Admin.module.css';

/**
 * The kiosk's own language: what it shows when nobody is at it, and what it returns to after every
 * visit (a patron's choice on the language bar is theirs for the visit only). Saved as soon as staff
 * choose, on its own, apart from the kiosk settings below it. Each language is named in itself.
 */
export function StationLanguage() {
  const { t } = useTranslation();
  const id = useId();
  const station = useSettings((st) => st.settings?.language ?? null);
  const setLanguage = useSettings((st) => st.setLanguage);
  const [pending, setPending] = useState<Language | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);

  const choose = async (language: Language) => {
    setPending(language);
    setSaved(false);
    setError(null);
    const result = await setLanguage(language);
    setPending(null);
    if (result.ok) setSaved(true);
    else setError(result.error);
  };

  const chosen = pending ?? station;
  return (
    <fieldset
      className={s.fieldset}
      aria-describedby={`${id}-hint`}
      aria-busy={pending !== null}
      data-testid={TID.adminStationLanguage}
    >
      <legend className={s.legend}>{t(($) => $.admin.section.stationLanguage)}</legend>
      <p className={f.hint} id={`${id}-hint`}>
        {t(($) => $.admin.stationLanguage.hint)}
      </p>
      <div className={s.checks}>
        {LANGUAGES.map((tag) => (
          <label key={tag} className={f.check} lang={tag}>
            <input
              type={RADIO}
              className={f.checkbox}
              name={`${id}-language`}
              value={tag}
              checked={tag === chosen}
              disabled={pending !== null}
              data-testid={stationLanguageTestId(tag)}
              onChange={() => void choose(tag)}
            />
            <span>{t(($) => $.meta.nativeName, { lng: tag })}</span>
          </label>
        ))}
      </div>
      <output
        aria-live={POLITE}
        className={s.saved}
        data-testid={saved ? TID.adminStationLanguageSaved : undefined}
      >
        {saved && t(($) => $.admin.stationLanguage.saved)}
      </output>
      {error && <ErrorMessage error={error} testId={TID.adminStationLanguageError} />}
    </fieldset>
  );
}
